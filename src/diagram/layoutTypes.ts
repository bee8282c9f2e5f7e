// The shapes a machine layout is made of (layout.ts computes them, MachineDiagram.tsx draws them),
// its metrics and the text-width estimate every step measures with.
export type Direction = 'LR' | 'TB';

export interface LayoutOptions {
  direction?: Direction;
  /** Text of the node that stands for "any state" (the root's transitions); `{state}` for a compound. */
  anyStateLabel?: (compound: string | null) => string;
  /** Width of `text` at `fontSize` px (default: a monospace estimate, CJK twice as wide). */
  textWidth?: (text: string, fontSize: number) => number;
  /** Break event and guard names into lines of at most this many characters (a phone's narrow diagram). */
  wrap?: number;
}

/** Font sizes and spacing, in px at scale 1. */
export const METRICS = { stateFont: 17, labelFont: 14, lineHeight: 19, padX: 12, padY: 8, rankGap: 34, nodeGap: 18 } as const;

export interface LabelLine {
  text: string;
  /** The transition this line names (both the event line and its guard line carry it). */
  transition: string;
  guard: boolean;
}

export interface StateBox {
  /** The state's path; for an "any state" node, `*` + the compound's path. */
  id: string;
  title: string;
  kind: 'state' | 'final' | 'any';
  initial: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Transitions that stay in this state, listed inside the box under the title. */
  rows: LabelLine[];
}

export interface Point {
  x: number;
  y: number;
}

/** A straight line, or a cubic Bézier when it has control points. */
export interface Segment {
  from: Point;
  to: Point;
  c1?: Point;
  c2?: Point;
}

export interface EdgeLayout {
  /** `${from}->${to}`. */
  id: string;
  from: string;
  to: string;
  transitions: string[];
  /** Where the line leaves the source box's border, where it meets the label, where it enters the target's. */
  points: Point[];
  /**
   * The drawing, from source to target: runs along the main axis inside layers, curves between
   * them. The line stops at one side of its label and goes on at the other (a gap in the chain).
   */
  segments: Segment[];
  label: { x: number; y: number; width: number; height: number; lines: LabelLine[] };
}

export interface DiagramLayout {
  direction: Direction;
  width: number;
  height: number;
  states: StateBox[];
  edges: EdgeLayout[];
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** A monospace estimate (0.6 em a character; CJK 1 em). */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += CJK.test(ch) ? 1 : 0.6;
  return ems * fontSize;
}
