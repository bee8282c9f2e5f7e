/**
 * Where a strip's words go, as arithmetic (no DOM): the leader badge (or "out of ISR") at the left
 * of the band above the cells, the HW / LEO words at its right, each shortened to the room it has.
 * strips.ts draws exactly these boxes, and layout.test.ts checks that no box covers another, a
 * cell, a consumer's mark or a neighbouring strip, at every grid size the playground allows.
 */
import type { Layout, Rect, StripLayout } from './layout';
import { fit, textWidth } from './text';

export interface LabelBox extends Rect {
  text: string;
  /** Font size in px. */
  size: number;
  /** Vertical centre (the text's baseline is `central`). */
  cy: number;
}

/** Room between the badge and the HW / LEO words, and inside the badge's pill around its text. */
const GAP = 4;
const PILL_PAD = 8;

/** The label band's font size: the layout's small size, shrunk to fit a short band. */
export function labelSize(layout: Layout): number {
  return Math.min(layout.small, layout.strip.badgeHeight - 1);
}

function boxAt(x: number, width: number, s: StripLayout, layout: Layout, text: string, size: number): LabelBox {
  const cy = s.y - layout.strip.badgeHeight / 2 - 0.5;
  return { x, y: cy - size / 2, width, height: size, cy, text, size };
}

/**
 * The left label: a leader's badge (a pill, bold) or a follower's "out of ISR" (bold). The pill
 * is the text's estimated width plus padding, never wider than the strip.
 */
export function leftLabel(layout: Layout, s: StripLayout, text: string, pill: boolean): LabelBox {
  const size = labelSize(layout);
  const room = s.width - (pill ? PILL_PAD : 0);
  let shown = fit(text, room, size, true);
  // Too narrow for "L · e3" or "✕ out of ISR": its first word ("L", "✕") says more than "…".
  const first = text.split(' ')[0]!;
  if (shown !== text && first !== text && textWidth(first, size, true) <= room) shown = first;
  const width = Math.min(s.width, textWidth(shown, size, true) + (pill ? PILL_PAD : 0));
  return boxAt(s.x, width, s, layout, shown, size);
}

/** Where the HW / LEO words may start: right of the left label, if any. */
export function tagsLeft(s: StripLayout, left: LabelBox | null): number {
  return left ? left.x + left.width + GAP : s.x;
}

/** Whether the band has room for HW / LEO words at all, "HW 12" at the least (else the legend and the hover tell). */
export function hasTagRoom(layout: Layout, s: StripLayout, left: number): boolean {
  return s.x + s.width - left >= labelSize(layout) * 3;
}

/**
 * The HW / LEO words, right-aligned in the room left of them, or null when nothing fits. Never cut
 * short: "HW = L…" on a phone's narrow strip told nothing. Too long whole, the words give way to a
 * tighter form ("HW=LEO 12"), then to the high watermark alone ("HW 12", the marker acks=all waits
 * for; the LEO line still shows, and the legend names it), then to nothing.
 */
export function tagsLabel(layout: Layout, s: StripLayout, left: number, text: string): LabelBox | null {
  if (!hasTagRoom(layout, s, left)) return null;
  const room = s.x + s.width - left;
  for (const form of shorterForms(text)) {
    const size = wholeAt(form, room, labelSize(layout));
    if (textWidth(form, size, true) > room) continue;
    const width = textWidth(form, size, true);
    return boxAt(s.x + s.width - width, width, s, layout, form, size);
  }
  return null;
}

/**
 * The words, then shorter forms of them that still say what the markers are: spaces around "="
 * and "·" dropped, then only what comes before the LEO ("HW 10 · LEO 12" → "HW 10",
 * "HW = LEO 12" → "HW 12").
 */
export function shorterForms(text: string): string[] {
  const forms = [text, text.replace(/\s*=\s*/g, '=').replace(/\s*·\s*/g, '·')];
  const dot = text.indexOf(' · ');
  if (dot > 0) forms.push(text.slice(0, dot));
  const equal = /^(\S+)\s*=\s*\S+\s+(\S+)$/.exec(text);
  if (equal) forms.push(`${equal[1]} ${equal[2]}`);
  return [...new Set(forms)];
}

/** Smallest size a strip's words shrink to before they give way to a shorter form. */
const MIN_TAG_SIZE = 11;

/** The band's size, or a smaller one (down to a quarter less, never under 11 px) at which `text` fits whole. */
function wholeAt(text: string, room: number, size: number): number {
  const floor = Math.max(MIN_TAG_SIZE, size * 0.75);
  for (let s = size; s >= floor; s -= 0.5) if (textWidth(text, s, true) <= room) return s;
  return size;
}
