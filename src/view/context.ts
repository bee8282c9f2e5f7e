/** What every drawing part of the cluster view shares for one frame. */
import type { Selection } from 'd3';
import type { ClusterSnapshot } from '../engine';
import type { ViewFrame, ViewTarget } from './types';
import type { TruncationGhosts } from './ghosts';
import type { Layout } from './layout';
import { seriesColour } from './palette';

export type G = Selection<SVGGElement, unknown, null, undefined>;

export const SVG_NS = 'http://www.w3.org/2000/svg';

export interface DrawContext {
  layout: Layout;
  frame: ViewFrame;
  snapshot: ClusterSnapshot;
  t: (key: string, vars?: Record<string, unknown>) => string;
  ghosts: TruncationGhosts;
  /** Transition length in ms for state changes (0 with reduced motion). */
  ease: number;
  producerColour(id: string): string;
  memberColour(node: string): string;
  /**
   * The frame's time budget for the costly parts (the strips): past it a part leaves the rest for
   * the next frame and sets `deferred`. Absent: everything is drawn now.
   */
  budget?: { over(): boolean; deferred: boolean };
  /**
   * False while playing between two refreshes of the words (pace.ts): numbers that change every
   * frame (HW / LEO, aria labels) keep their text and the part remembers they are stale. Absent: true.
   */
  words?: boolean;
  /**
   * While playing (pace.ts's `inMotion`): the strips of rows of this parity (0: even rows) are
   * brought up to date in this draw, the others keep what they show until the next draw, which
   * takes the other parity. Each strip's cells then move at half the frame rate — records arrive
   * a few a second per partition, so the eye sees the same flow — for half the strips' cost per
   * frame. Absent: every strip.
   */
  half?: 0 | 1;
}

export function makeColours(snapshot: ClusterSnapshot): Pick<DrawContext, 'producerColour' | 'memberColour'> {
  const producers = new Map(snapshot.producers.map((p, i) => [p.id, seriesColour(i)] as const));
  const members = new Map<string, string>();
  let i = 0;
  for (const g of snapshot.groups) for (const m of g.members) members.set(m.node, seriesColour(i++ + 2));
  return {
    producerColour: (id) => producers.get(id) ?? seriesColour(producers.size),
    memberColour: (node) => members.get(node) ?? 'currentColor',
  };
}

/** Marks an element as selectable: its target travels in a data attribute for the delegated handlers. */
export function targetAttr(target: ViewTarget): string {
  return JSON.stringify(target);
}

/** True (and remembers `sig`) when any part of `sig` differs from what the node was drawn with. */
export function changed(node: Element, sig: readonly unknown[]): boolean {
  const n = node as Element & { __kvSig?: readonly unknown[] };
  if (n.__kvSig && n.__kvSig.length === sig.length && n.__kvSig.every((v, i) => v === sig[i])) return false;
  n.__kvSig = sig;
  return true;
}

/** Sets an attribute only when its value differs: setting an SVG attribute, even to the same value, invalidates style and paint. */
export function put(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * Sets an element's text only when it differs, through its one text node's data when it has one:
 * `textContent =` replaces the node, and the browser drops the old one's layout and builds the new
 * one's (an SVG <text> then lays its glyphs out from scratch).
 */
export function setText(el: Element, text: string): void {
  const node = el.firstChild;
  if (node && node === el.lastChild && node.nodeType === Node.TEXT_NODE) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else if (el.textContent !== text) el.textContent = text;
}
