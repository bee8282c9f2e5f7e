/**
 * Messages lost on the wire fall off their link and fade where they were lost; responses that
 * carried an error code show red, crossed and dashed, where they landed. This file is the pure
 * part: what the view remembers of them and where a falling token is at a time. `wireLayer.ts`
 * draws them.
 *
 * Both live in virtual time (a paused cluster holds a token mid-fall, a scrub shows the same
 * moment again) for a fixed stretch of wall time at the current speed, so a fall reads the same
 * at 0.25× and at 50×.
 */
import { overlaps, type Rect } from './layout';
import { pointAlong, type Point, type Route } from './route';

/** A message the network lost (the worker's DroppedMessage, structurally). */
export interface WireDrop {
  messageId: number;
  from: string;
  to: string;
  kind: string;
  reason: string;
  sentAt: number;
  deliverAt: number;
  droppedAt: number;
  recordIds?: readonly number[];
}

/** A response that carried error codes (the worker's ErrorResponse, structurally). */
export interface WireError {
  messageId: number;
  from: string;
  to: string;
  kind: string;
  errors: readonly string[];
  sentAt: number;
  deliverAt: number;
  recordIds?: readonly number[];
}

export interface WireInput {
  dropped: readonly WireDrop[];
  errors: readonly WireError[];
}

/** How long, in wall time at the current speed, a drop falls and an error response stays. */
export const FALL_WALL_MS = 2000;
export const ERROR_WALL_MS = 1800;
/** Where along its route a message lost as it was sent falls: just off its sender. */
export const LOST_AT_SEND = 0.18;
const KEPT = 200;

/** Effects seen in recent frames, by message id (a frame carries only the new ones). */
export class WireMemory {
  private readonly drops = new Map<number, WireDrop>();
  private readonly errors = new Map<number, WireError>();

  add(input: WireInput | undefined): void {
    if (!input) return;
    for (const d of input.dropped) this.drops.set(d.messageId, d);
    for (const e of input.errors) this.errors.set(e.messageId, e);
    trim(this.drops);
    trim(this.errors);
  }

  /** What shows at `time`: nothing from the future (after a scrub back), nothing whose moment has passed. */
  visible(time: number, speed: number): { drops: WireDrop[]; errors: WireError[] } {
    const fall = FALL_WALL_MS * speed;
    const stay = ERROR_WALL_MS * speed;
    const drops: WireDrop[] = [];
    for (const [id, d] of this.drops) {
      if (d.droppedAt > time) continue;
      if (time - d.droppedAt > fall) this.drops.delete(id);
      else drops.push(d);
    }
    const errors: WireError[] = [];
    for (const [id, e] of this.errors) {
      if (e.deliverAt > time) continue;
      if (time - e.deliverAt > stay) this.errors.delete(id);
      else errors.push(e);
    }
    return { drops, errors };
  }

  clear(): void {
    this.drops.clear();
    this.errors.clear();
  }
}

function trim<V>(map: Map<number, V>): void {
  for (const key of map.keys()) {
    if (map.size <= KEPT) return;
    map.delete(key);
  }
}

/**
 * Where on its route a message was lost: the share of its flight done when it was dropped (a
 * message to a crashed broker is lost on arrival, one lost as it was sent just off its sender).
 */
export function lossPoint(route: Route, d: Pick<WireDrop, 'sentAt' | 'deliverAt' | 'droppedAt'>, clearOf: readonly Rect[] = [], halfSize = 0): Point {
  const span = d.deliverAt - d.sentAt;
  const f = span > 0 ? Math.max(0, Math.min(1, (d.droppedAt - d.sentAt) / span)) : LOST_AT_SEND;
  // A message lost on arrival at a crashed broker ends inside its header: stepped back along its
  // route until the token covers none of `clearOf` (the boxes with words), so "Broker 1" stays
  // readable under the drops of a whole run, which a paused end of a fast run keeps on screen.
  const lost = pointAlong(route, f);
  const hit = clearOf.find((box) => covers(box, lost, halfSize));
  if (!hit) return lost;
  for (let g = f - 0.02; g > 0; g -= 0.02) {
    const back = pointAlong(route, g);
    if (!clearOf.some((box) => covers(box, back, halfSize))) return back;
  }
  // No clear spot on the way (a route from one header to another past a third): just above the box.
  return { x: lost.x, y: hit.y - halfSize - 1 };
}

/** Does a token of half-size `r` centred on `p` cover part of `box`? */
function covers(box: Rect, p: Point, r: number): boolean {
  return overlaps(box, { x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r });
}

export interface FallState {
  x: number;
  y: number;
  opacity: number;
  /** Degrees, the token tipping over as it falls. */
  angle: number;
}

/**
 * A dropped token at `time`: it falls `distance` px under gravity, drifting and tipping, and fades
 * out over `durationMs` of virtual time. With reduced motion it does not move: it shows at once
 * where it lands, dimmed, until its time is up. Null before the drop and after the fall.
 */
export function fallState(start: Point, droppedAt: number, time: number, durationMs: number, distance: number, reducedMotion: boolean): FallState | null {
  const age = time - droppedAt;
  if (age < 0 || age > durationMs) return null;
  if (reducedMotion) return { x: start.x, y: start.y + distance * 0.5, opacity: 0.75, angle: 0 };
  const p = durationMs > 0 ? age / durationMs : 1;
  return {
    x: start.x + distance * 0.15 * p,
    y: start.y + distance * p * p,
    opacity: Math.max(0, 1 - p * p * p),
    angle: 35 * p,
  };
}

/** An error response's mark fades over its last third; with reduced motion it stays whole, then goes. */
export function errorOpacity(deliverAt: number, time: number, durationMs: number, reducedMotion: boolean): number | null {
  const age = time - deliverAt;
  if (age < 0 || age > durationMs) return null;
  if (reducedMotion || durationMs <= 0) return 1;
  const p = age / durationMs;
  return p < 2 / 3 ? 1 : Math.max(0, 3 * (1 - p));
}
