import { noChange } from 'lit';
import {
  Directive,
  directive,
  PartType,
  type AttributePart,
  type PartInfo,
} from 'lit/directive.js';

type Props = Readonly<Record<string, string | number | null | undefined>>;

/**
 * Sets CSS properties (custom properties included) on an element through
 * CSSOM, `style=${cssProps({ '--_color': c, 'inline-size': '40%' })}`.
 *
 * Lit's `styleMap` writes the `style` attribute as text on its first render,
 * which a strict Content-Security-Policy (`style-src` without
 * `'unsafe-inline'`) blocks; `element.style.setProperty` is never blocked.
 */
class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style') {
      throw new Error('cssProps() goes in a style attribute: style=${cssProps({...})}');
    }
  }

  render(_props: Props): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [Props]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) {
      if (props[name] === null || props[name] === undefined) {
        style.removeProperty(name);
        this.previous.delete(name);
      }
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === null || value === undefined) continue;
      style.setProperty(name, String(value));
      this.previous.add(name);
    }
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
