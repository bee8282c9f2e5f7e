/**
 * Markup kept in place: a part drawn from a list of element specs (tag, attributes, text,
 * children) patches the elements it drew last time, position by position — an attribute written
 * only when its value differs, an element made only where the tag at that place changed. Setting
 * innerHTML made every element anew, and each new element costs the browser its style, layout
 * and paint (a producer's deques: some seventy elements ten times a second while playing).
 */
import { setText, SVG_NS } from './context';

export interface ElementSpec {
  tag: string;
  attrs: Readonly<Record<string, string | number>>;
  /** Its text (no children then). */
  text?: string;
  children?: readonly ElementSpec[];
}

/**
 * Makes `parent`'s children match `specs`, touching only what differs. `keepTitle`: a last
 * <title> the specs do not name stays (a tooltip written on hover, its element unchanged).
 */
export function patchChildren(parent: Element, specs: readonly ElementSpec[], keepTitle = false): void {
  specs.forEach((spec, i) => {
    const el = parent.children[i];
    if (el && el.localName === spec.tag) patchElement(el, spec);
    else if (el) parent.replaceChild(make(spec), el);
    else parent.appendChild(make(spec));
  });
  while (parent.children.length > specs.length) {
    const last = parent.lastElementChild!;
    if (keepTitle && last.localName === 'title' && parent.children.length === specs.length + 1) break;
    last.remove();
  }
}

function patchElement(el: Element, spec: ElementSpec): void {
  let changed = false;
  for (const name of el.getAttributeNames()) {
    if (name in spec.attrs) continue;
    el.removeAttribute(name);
    changed = true;
  }
  for (const [name, value] of Object.entries(spec.attrs)) {
    const text = String(value);
    if (el.getAttribute(name) === text) continue;
    el.setAttribute(name, text);
    changed = true;
  }
  if (spec.text !== undefined) setText(el, spec.text);
  else patchChildren(el, spec.children ?? [], !changed);
}

function make(spec: ElementSpec): Element {
  const el = document.createElementNS(SVG_NS, spec.tag);
  for (const [name, value] of Object.entries(spec.attrs)) el.setAttribute(name, String(value));
  if (spec.text !== undefined) el.textContent = spec.text;
  else for (const child of spec.children ?? []) el.appendChild(make(child));
  return el;
}
