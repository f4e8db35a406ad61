/** Types for scripts/frameworks.mjs (the framework demos' build helper). */
export type Framework = 'vue' | 'svelte' | 'react' | 'angular';

export interface BuildTimings {
  /** Building (when stale) and packing the library, ms. */
  pack: number;
  /** Install + build per framework, ms; 0 when its build was up to date. */
  frameworks: Partial<Record<Framework, number>>;
  total: number;
}

interface Options {
  log?: (line: string) => void;
}

export const ROOT: string;
export const FRAMEWORKS: readonly Framework[];
export const FRAMEWORKS_DIR: string;
export const TARBALL: string;
export function outputDir(name: Framework): string;
export function packPackage(options?: Options): boolean;
export function isStale(name: Framework): boolean;
export function buildFramework(name: Framework, options?: Options): number;
export function buildFrameworks(names?: readonly Framework[], options?: Options): BuildTimings;
export const SERVER_TARBALL: string;
export function packServer(options?: Options): string;
