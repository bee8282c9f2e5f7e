/**
 * A timeline branch's checkpoints: when the next one falls due, and the memory they hold (kept
 * under a budget by thinning). Checkpoints share most of their memory (core/graphShare.ts), so a
 * checkpoint's size here is what it adds to the ones counted before it.
 */
import type { Checkpoint } from './simulation';

export interface Stored {
  readonly time: number;
  /** Commands (of this timeline) the checkpoint already holds. */
  readonly commandCount: number;
  readonly checkpoint: Checkpoint;
  readonly companion: unknown;
  readonly bytes: number;
}

export interface Spacing {
  /** Take a checkpoint once this many trace events went by since the last one… */
  readonly everyEvents: number;
  /** …or this much virtual time… */
  readonly everyVirtualMs: number;
  /** …or (given a wall clock) this much wall time went into simulating, and at least four times what the last checkpoint took. */
  readonly everyWallMs: number | null;
}

/**
 * Whether a checkpoint is due, given what went by since the last one. `minVirtualMs` (from
 * `keptSpacing`) holds back one the budget would thin away again at once.
 */
export function checkpointDue(spacing: Spacing, since: { events: number; virtualMs: number; wallMs: number; lastCostMs: number; minVirtualMs: number }): boolean {
  if (since.virtualMs < since.minVirtualMs) return false;
  return (
    since.events >= spacing.everyEvents ||
    since.virtualMs >= spacing.everyVirtualMs ||
    // A checkpoint costs more as the run grows: at most a fifth of the time goes into them.
    (spacing.everyWallMs !== null && since.wallMs >= Math.max(spacing.everyWallMs, 4 * since.lastCostMs))
  );
}

/**
 * The virtual time a new checkpoint should wait for once the budget is full: the spacing of the
 * checkpoints it holds, spread evenly over the run (0 while another one still fits). Taken
 * sooner, a checkpoint only makes the thinning drop one of its neighbours, and it cost as much to
 * take as one that stays: on the 10-minute workload the rule "every 20,000 events" took about 350
 * checkpoints (one every 1.7 virtual seconds, up to 165 ms each) for the 45 the budget kept.
 * With it, a run of length T takes about N·(1 + ln(T / t_full)) for the N that fit, t_full being
 * when the budget filled up.
 */
export function keptSpacing(stored: readonly Stored[], budgetBytes: number, now: number): number {
  if (stored.length < 2) return 0;
  let total = 0;
  for (const s of stored) total += s.bytes;
  // The first checkpoint (the whole state at t = 0) is no guide to what the next one adds.
  const typical = (total - stored[0]!.bytes) / (stored.length - 1);
  if (total + typical <= budgetBytes) return 0;
  return (now - stored[0]!.time) / stored.length;
}

/**
 * Over budget: drop checkpoints (never the first or the last) where they stand closest, until the
 * rest fit: the gaps stay even over the run, so no seek replays much more than another (halving
 * the whole list each time left the run's start ever sparser).
 *
 * A checkpoint's size is what it holds that the ones before it did not, so when one is dropped
 * the next one is counted again, against its new predecessor (`recount`): what the dropped one was
 * first to hold (records appended since the one before, say) the next one mostly holds too.
 * Without that the estimate fell behind the heap as the run went on: on the 10-minute workload, with
 * 200 of 480 checkpoints thinned away, the kept ones held ~20 MB more than the budget said.
 */
export function withinBudget(stored: Stored[], budgetBytes: number, recount?: (checkpoint: Stored, previous: Stored) => number): Stored[] {
  let total = stored.reduce((n, s) => n + s.bytes, 0);
  if (total <= budgetBytes) return stored;
  const kept = [...stored];
  while (total > budgetBytes && kept.length > 2) {
    let drop = 1;
    for (let i = 2; i < kept.length - 1; i++) if (kept[i + 1]!.time - kept[i - 1]!.time < kept[drop + 1]!.time - kept[drop - 1]!.time) drop = i;
    total -= kept[drop]!.bytes;
    kept.splice(drop, 1);
    if (recount) {
      const next = kept[drop]!;
      const bytes = Math.max(next.bytes, recount(next, kept[drop - 1]!));
      total += bytes - next.bytes;
      kept[drop] = { ...next, bytes };
    }
  }
  return kept;
}

/**
 * What `checkpoint` holds that `previous` does not, as estimateBytes counts it (the two are
 * neighbours once the one between them is dropped; older ones are not looked at).
 */
export function bytesBeyond(checkpoint: Checkpoint, previous: Checkpoint): number {
  const held = new WeakSet<object>();
  for (const node of previous.graph.nodes) {
    if (node === null) continue;
    held.add(node);
    if ('im' in node) {
      held.add(node.im);
      for (const chunk of node.im) held.add(chunk);
    } else if ('ig' in node) {
      for (const group of node.ig) {
        held.add(group);
        for (const chunk of group) held.add(chunk);
      }
    } else if ('ft' in node) for (const chunk of node.ft) held.add(chunk);
    else if ('chunks' in node) for (const chunk of node.chunks) held.add((chunk as { array?: object }).array ?? {});
    else if ('t' in node) held.add((node.d as { array?: object }).array ?? {});
  }
  for (const o of previous.graph.shared ?? []) held.add(o);
  return estimateBytes(checkpoint, held, previous);
}

/** A trace event (the ring's): an immutable object the live engine lets go of as the ring turns. */
function isTraceEvent(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/**
 * Bytes V8 (64-bit, no pointer compression, as in Node and Chrome's worker) spends on the pieces
 * of an encoded graph: an object with a few fields, and an array (its JSArray and its backing
 * store) before its elements.
 */
const OBJECT_BYTES = 48;
const ARRAY_BYTES = 48;
const SLOT_BYTES = 8;

/**
 * A checkpoint's size in the heap, roughly: its nodes, and the typed arrays, immutable chunks
 * and immutable objects it does not share with a checkpoint counted before (`counted` remembers
 * what was counted: nodes, frozen arrays, chunks and their objects are shared between checkpoints
 * by identity).
 *
 * What the live engine holds as long as the checkpoint does is not counted: the logs' batches in
 * a chunk, and typed arrays frozen by their owner (the ledger's columns: a full chunk is never
 * written again, so the engine and every checkpoint share it). Counted, they charged each
 * checkpoint for the records appended since the one before (two thirds of its estimate at 10
 * minutes, 13 virtual seconds apart), so the further apart checkpoints were, the fewer the budget
 * kept, for no memory. The trace events of the ring do count: the ring overwrites them as the
 * run goes on, and from then on the checkpoints alone hold them.
 */
export function estimateBytes(checkpoint: Checkpoint, counted: WeakSet<object>, previous?: Checkpoint): number {
  const nodes = checkpoint.graph.nodes;
  // `previous`: a checkpoint counted before into `counted`. A node it holds under the same id (most
  // of them: graphIntern.ts `reuse`) was counted then, with all it holds: one comparison instead of
  // a lookup in `counted` per node.
  const before = previous?.graph.nodes;
  let bytes = ARRAY_BYTES + nodes.length * SLOT_BYTES;
  const once = (o: object): boolean => {
    if (counted.has(o)) return false;
    counted.add(o);
    return true;
  };
  const add = (box: unknown): void => {
    const array = (box as { array?: ArrayBufferView }).array;
    if (array && once(array)) bytes += array.byteLength;
  };
  const element = (v: unknown, depth: number): void => {
    if (typeof v === 'string') bytes += v.length > 12 ? 24 + v.length : 0; // short strings: mostly names the engine holds anyway
    if (typeof v !== 'object' || v === null || !once(v)) return;
    const values = Array.isArray(v) ? v : Object.values(v);
    bytes += (Array.isArray(v) ? ARRAY_BYTES : OBJECT_BYTES) + values.length * SLOT_BYTES;
    if (depth < 2) for (const x of values) element(x, depth + 1);
  };
  for (let id = 0; id < nodes.length; id++) {
    const node = nodes[id]!;
    if (node === null || (before !== undefined && before[id] === node) || !once(node)) continue;
    if ('im' in node || 'ig' in node) {
      const groups = 'im' in node ? [node.im] : node.ig;
      bytes += OBJECT_BYTES + ARRAY_BYTES + groups.length * SLOT_BYTES;
      for (const group of groups) {
        if (!once(group)) continue;
        bytes += ARRAY_BYTES + group.length * SLOT_BYTES;
        for (const chunk of group) {
          if (!once(chunk)) continue;
          bytes += ARRAY_BYTES + chunk.length * SLOT_BYTES;
          for (const v of chunk) if (isTraceEvent(v)) element(v, 0);
        }
      }
    } else if ('ft' in node) {
      // The arrays are frozen (held by the live column too): only the lists' new chunks count.
      bytes += OBJECT_BYTES + ARRAY_BYTES + node.ft.length * SLOT_BYTES;
      for (const chunk of node.ft) if (once(chunk)) bytes += ARRAY_BYTES + chunk.length * SLOT_BYTES;
    } else if ('chunks' in node) node.chunks.forEach(add);
    // A frozen plain array (a TextColumn's chunk): a column copies its newest chunk after each
    // checkpoint, so most of those a checkpoint adds are held by checkpoints alone. Counted once.
    else if ('fa' in node) bytes += ARRAY_BYTES + node.fa.length * SLOT_BYTES;
    else if ('t' in node) {
      if (node.f !== 1) add(node.d);
    } else {
      const values = 'o' in node ? node.o : 'a' in node ? node.a : 'm' in node ? node.m : 'e' in node ? node.e : [];
      bytes += OBJECT_BYTES + ARRAY_BYTES + values.length * SLOT_BYTES;
      for (const v of values) element(v, 1);
    }
  }
  for (const o of checkpoint.graph.shared ?? []) element(o, 0);
  return bytes;
}
