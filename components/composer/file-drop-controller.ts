/**
 * Files dragged onto a host: tracks whether files hover over it (nested
 * dragenter/dragleave pairs counted, so moving over a child does not
 * flicker) and hands dropped files to `onDrop`. Drags that carry no files
 * (text, links) are left to the browser.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FileDropOptions {
  /** Whether drops are taken now (e.g. false while the host is disabled). */
  enabled: () => boolean;
  onDrop: (files: FileList) => void;
}

function carriesFiles(event: DragEvent): boolean {
  return !!event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
}

export class FileDropController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: FileDropOptions;
  #depth = 0;
  #dragging = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FileDropOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** True while files are dragged over the host. */
  get dragging(): boolean {
    return this.#dragging;
  }

  hostConnected(): void {
    this.#host.addEventListener('dragenter', this.#onDragEnter);
    this.#host.addEventListener('dragover', this.#onDragOver);
    this.#host.addEventListener('dragleave', this.#onDragLeave);
    this.#host.addEventListener('drop', this.#onDrop);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('dragenter', this.#onDragEnter);
    this.#host.removeEventListener('dragover', this.#onDragOver);
    this.#host.removeEventListener('dragleave', this.#onDragLeave);
    this.#host.removeEventListener('drop', this.#onDrop);
    this.#set(false);
  }

  #set(dragging: boolean): void {
    if (!dragging) this.#depth = 0;
    if (dragging === this.#dragging) return;
    this.#dragging = dragging;
    this.#host.toggleAttribute('dragging', dragging);
    this.#host.requestUpdate();
  }

  #onDragEnter = (event: DragEvent): void => {
    if (!carriesFiles(event) || !this.#options.enabled()) return;
    event.preventDefault();
    this.#depth += 1;
    this.#set(true);
  };

  #onDragOver = (event: DragEvent): void => {
    if (!carriesFiles(event) || !this.#options.enabled()) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  #onDragLeave = (): void => {
    this.#depth = Math.max(0, this.#depth - 1);
    if (this.#depth === 0) this.#set(false);
  };

  #onDrop = (event: DragEvent): void => {
    this.#set(false);
    if (!carriesFiles(event) || !this.#options.enabled()) return;
    event.preventDefault();
    // A conversation around the host must not add the same files a second time.
    event.stopPropagation();
    if (event.dataTransfer) this.#options.onDrop(event.dataTransfer.files);
  };
}
