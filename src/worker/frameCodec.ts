/**
 * The frames' wire form: what postMessage carries is only what changed since the previous
 * snapshot sent. Each frame used to carry its whole snapshot (every replica's tail of cells: some
 * six hundred objects on the bench's cluster) and the page structured-cloned all of it, then threw
 * most of it away again keeping the objects it held (share.ts). Now the worker sends, in place of
 * an entity that is the very object it sent last time (the engine's snapshot builder hands back the
 * same object while an entity has not changed), the entity's index in the previous snapshot's list;
 * for a log cell of a record the previous snapshot's partition held (in this replica's tail or
 * another's), where it was and its flags now (encodeCell). The page
 * rebuilds the snapshot from the objects it holds, so unchanged entities, tails and cells keep
 * their objects (the view's "same object, skip it" checks see through them).
 *
 * Both ends keep the previous snapshot of the last message that carried one (loaded, frame,
 * preview), every message decoded in order, so the references always name the same objects. A new
 * simulation (a seek back, a fork, a new scenario) shares no object with the old one: its first
 * snapshot goes whole by itself. Messages in flight are matched by id the same way.
 */
import type { ClusterSnapshot, LogCell, PartitionSnapshot, ReplicaSnapshot } from '../engine';
import type { EngineFrame, MessageInFlight, WorkerResponse } from './protocol';

/** The object itself, or its index in the same list of the previous snapshot sent. */
export type Ref<T> = T | number;

/** A tail: -1 when the replica's previous tail is unchanged, else its cells (a number: see encodeCell). */
export type WireTail = -1 | Ref<LogCell>[];
export type WireReplica = Omit<ReplicaSnapshot, 'tail'> & { tail: WireTail };
/** Replicas refer to the previous snapshot's partition of the same topic and number. */
export type WirePartition = Omit<PartitionSnapshot, 'replicaStates'> & { replicaStates: Ref<WireReplica>[] };

export interface WireSnapshot extends Omit<ClusterSnapshot, 'brokers' | 'partitions' | 'producers' | 'groups' | 'links'> {
  brokers: Ref<ClusterSnapshot['brokers'][number]>[];
  partitions: Ref<WirePartition>[];
  producers: Ref<ClusterSnapshot['producers'][number]>[];
  groups: Ref<ClusterSnapshot['groups'][number]>[];
  links: Ref<ClusterSnapshot['links']>;
}

export type WireFrame = Omit<EngineFrame, 'snapshot' | 'inFlight'> & { snapshot: WireSnapshot; inFlight: Ref<MessageInFlight>[] };

/** A worker's message as postMessage carries it: a frame's snapshot and messages in flight in wire form. */
export type WireResponse = WorkerResponse extends infer M ? (M extends { frame: EngineFrame } ? Omit<M, 'frame'> & { frame: WireFrame } : M) : never;

const partitionKey = (p: { topic: string; partition: number }): string => `${p.topic}-${p.partition}`;

/** The same record at the same offset (its flags aside: flushed, below the high watermark). */
function sameRecord(a: LogCell, b: LogCell): boolean {
  return a.offset === b.offset && a.recordId === b.recordId && a.key === b.key && a.producer === b.producer && a.leaderEpoch === b.leaderEpoch;
}

const flagsOf = (c: LogCell): number => (c.flushed ? 2 : 0) + (c.belowHighWatermark ? 1 : 0);

/** Cells a tail holds at most (the engine's snapshot builder caps tailCells at 64): a cell reference's stride. */
const TAIL_STRIDE = 1024;

/**
 * A cell as a number when the previous snapshot's partition held its record at the same offset in
 * one of its replicas' tails (its own first: tails are runs of consecutive offsets; a follower's new
 * cell was often in its leader's tail already): ((that replica's index × TAIL_STRIDE) + the cell's
 * index) × 4 + its flags now (2: flushed, 1: below the high watermark), which move as the log is
 * flushed and the high watermark climbs. Else the cell itself.
 */
function encodeCell(tails: readonly (readonly LogCell[])[], own: number, cell: LogCell): Ref<LogCell> {
  const find = (j: number): number => {
    const tail = tails[j];
    if (!tail?.length) return -1;
    const i = cell.offset - tail[0]!.offset;
    const held = tail[i];
    return held && sameRecord(held, cell) ? (j * TAIL_STRIDE + i) * 4 + flagsOf(cell) : -1;
  };
  const mine = own >= 0 ? find(own) : -1;
  if (mine >= 0) return mine;
  for (let j = 0; j < tails.length; j++) {
    const ref = j === own ? -1 : find(j);
    if (ref >= 0) return ref;
  }
  return cell;
}

function decodeCell(was: PartitionSnapshot | undefined, ref: Ref<LogCell>): LogCell {
  if (typeof ref !== 'number') return ref;
  const at = ref >> 2;
  const held = was?.replicaStates[Math.floor(at / TAIL_STRIDE)]?.tail[at % TAIL_STRIDE];
  if (!held) throw new Error(`frameCodec: a reference to cell ${at % TAIL_STRIDE} of replica ${Math.floor(at / TAIL_STRIDE)}, which the previous frame did not have`);
  const flags = ref & 3;
  return flagsOf(held) === flags ? held : { ...held, flushed: (flags & 2) !== 0, belowHighWatermark: (flags & 1) !== 0 };
}

function sameMessage(a: MessageInFlight, b: MessageInFlight): boolean {
  const ra = a.recordIds ?? [];
  const rb = b.recordIds ?? [];
  return (
    a.messageId === b.messageId &&
    a.from === b.from &&
    a.to === b.to &&
    a.kind === b.kind &&
    a.sentAt === b.sentAt &&
    a.deliverAt === b.deliverAt &&
    a.correlationId === b.correlationId &&
    (a.recordIds === undefined) === (b.recordIds === undefined) &&
    ra.length === rb.length &&
    ra.every((id, k) => id === rb[k])
  );
}

/** Index of each object of `list` (found by identity). */
function indexOf<T extends object>(list: readonly T[] | undefined): Map<T, number> {
  const out = new Map<T, number>();
  if (list) list.forEach((x, i) => out.set(x, i));
  return out;
}

function refs<T extends object, W>(prev: readonly T[] | undefined, next: readonly T[], encode: (x: T) => W): Ref<W>[] {
  const held = indexOf(prev);
  return next.map((x) => held.get(x) ?? encode(x));
}

/** The worker's end: remembers the last snapshot and messages in flight it sent. */
export class FrameEncoder {
  private snapshot: ClusterSnapshot | null = null;
  private inFlight: readonly MessageInFlight[] = [];

  encode(message: WorkerResponse): WireResponse {
    if (!('frame' in message)) return message;
    return { ...message, frame: this.frame(message.frame) } as WireResponse;
  }

  private frame(frame: EngineFrame): WireFrame {
    const prev = this.snapshot;
    const next = frame.snapshot;
    const prevParts = new Map((prev?.partitions ?? []).map((p) => [partitionKey(p), p] as const));
    const replica = (was: PartitionSnapshot | undefined, r: ReplicaSnapshot): WireReplica => {
      const own = was ? was.replicaStates.findIndex((x) => x.broker === r.broker) : -1;
      if (own >= 0 && was!.replicaStates[own]!.tail === r.tail) return { ...r, tail: -1 };
      const tails = was ? was.replicaStates.map((x) => x.tail) : [];
      return { ...r, tail: r.tail.map((c) => encodeCell(tails, own, c)) };
    };
    const partition = (p: PartitionSnapshot): WirePartition => {
      const was = prevParts.get(partitionKey(p));
      return { ...p, replicaStates: refs(was?.replicaStates, p.replicaStates, (r) => replica(was, r)) };
    };
    const snapshot: WireSnapshot = {
      ...next,
      brokers: refs(prev?.brokers, next.brokers, (b) => b),
      partitions: refs(prev?.partitions, next.partitions, partition),
      producers: refs(prev?.producers, next.producers, (p) => p),
      groups: refs(prev?.groups, next.groups, (g) => g),
      links: prev && prev.links === next.links ? 0 : next.links,
    };
    const sent = new Map(this.inFlight.map((m, i) => [m.messageId, i] as const));
    const inFlight = frame.inFlight.map((m) => {
      const i = sent.get(m.messageId);
      // Ids count one run's messages: after a seek back or a fork the same id may be another message.
      return i !== undefined && sameMessage(this.inFlight[i]!, m) ? i : m;
    });
    this.snapshot = next;
    this.inFlight = frame.inFlight;
    return { ...frame, snapshot, inFlight };
  }
}

/** The page's end: rebuilds each frame from the objects of the previous one. */
export class FrameDecoder {
  private snapshot: ClusterSnapshot | null = null;
  private inFlight: readonly MessageInFlight[] = [];

  decode(message: WireResponse): WorkerResponse {
    if (!('frame' in message)) return message;
    return { ...message, frame: this.frame(message.frame) } as WorkerResponse;
  }

  private frame(frame: WireFrame): EngineFrame {
    const prev = this.snapshot;
    const w = frame.snapshot;
    const pick = <T>(list: readonly T[] | undefined, i: number): T => {
      const held = list?.[i];
      if (held === undefined) throw new Error(`frameCodec: a reference to entry ${i}, which the previous frame did not have`);
      return held;
    };
    const list = <T, W>(held: readonly T[] | undefined, refs: readonly Ref<W>[], decode: (x: W) => T): T[] => refs.map((x) => (typeof x === 'number' ? pick(held, x) : decode(x)));
    const prevParts = new Map((prev?.partitions ?? []).map((p) => [partitionKey(p), p] as const));
    const replica = (was: PartitionSnapshot | undefined, r: WireReplica): ReplicaSnapshot => {
      const before = was?.replicaStates.find((x) => x.broker === r.broker);
      const tail = r.tail === -1 ? (before ? before.tail : []) : r.tail.map((c) => decodeCell(was, c));
      return { ...r, tail };
    };
    const partition = (p: WirePartition): PartitionSnapshot => {
      const was = prevParts.get(partitionKey(p));
      return { ...p, replicaStates: list(was?.replicaStates, p.replicaStates, (r) => replica(was, r)) };
    };
    const snapshot: ClusterSnapshot = {
      ...w,
      brokers: list(prev?.brokers, w.brokers, (b) => b),
      partitions: list(prev?.partitions, w.partitions, partition),
      producers: list(prev?.producers, w.producers, (p) => p),
      groups: list(prev?.groups, w.groups, (g) => g),
      links: typeof w.links === 'number' ? (prev ? prev.links : pick<ClusterSnapshot['links']>([], 0)) : w.links,
    };
    const inFlight = list(this.inFlight, frame.inFlight, (m) => m);
    this.snapshot = snapshot;
    this.inFlight = inFlight;
    return { ...frame, snapshot, inFlight };
  }
}
