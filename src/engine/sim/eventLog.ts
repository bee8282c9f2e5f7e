/**
 * What the simulation keeps of its trace, in bounded memory:
 *  - the last `window` events of every kind, in a ring (`eventsSince(cursor)` reads from it);
 *  - control-plane and fault events for good (elections, crashes, truncations …: a few hundred in
 *    a 10-minute run), because any record's story may lead back to them;
 *  - the events of each record that received a verdict, pinned when the verdict is given, so its
 *    story survives the ring.
 * With `recordTrace`, the whole trace besides (tests, `--trace`): memory grows with the run.
 * Without it and without subscribers, events nothing in the engine reads (the wire's MessageSent
 * and MessageDelivered, a follower's Appended, Fetched and HighWatermarkAdvanced) are not built at
 * all (Emitter.pass): their ids are used, their slots stay empty.
 */
import type { TraceEventType, Traced } from '../core/trace';
import { registerClass } from '../core/graphRegistry';
import { markSparse } from '../core/graphShare';

/** Kinds kept for the whole run: rare, and the far end of many causal chains. */
const KEPT: ReadonlySet<TraceEventType> = new Set<TraceEventType>([
  'BrokerCrashed',
  'BrokerRestarted',
  'BrokerRegistered',
  'BrokerFenced',
  'BrokerUnfenced',
  'LeaderElected',
  'PartitionOffline',
  'IsrShrunk',
  'IsrExpanded',
  'Truncated',
  'UnflushedDataLost',
  'SegmentDeleted',
  'LinkCut',
  'LinkHealed',
  'LinkSlowed',
  'SettingChanged',
  'ProducerIdAssigned',
  'GroupStateChanged',
  'GroupLoaded',
  'MemberJoined',
  'MemberLeft',
  'ConsumerStarted',
  'ConsumerStopped',
  'ConsumerPaused',
  'CoordinatorFound',
  'MemberAssigned',
  'MemberRevoked',
  'RebalanceNeeded',
  'CommitFailed',
  'OffsetReset',
]);

/**
 * Default ring size: about a virtual second of a busy 5-broker cluster. The app subscribes and
 * reads the ring only for the last few hundred events after a seek; a story pins its own events,
 * and the kinds in KEPT stay. A bigger ring cost every event and every checkpoint.
 */
export const DEFAULT_WINDOW = 1 << 13;

/**
 * The ring's newest events a checkpoint keeps (the app reads back 400 after a seek: worker/session.ts).
 * A whole ring is about a virtual second of events, all different from one checkpoint to the next
 * a second later: a timeline's checkpoints held the whole trace between them (≈ 1.6 MB a
 * checkpoint on the 10-minute workload). A restored run's ring lacks the older ones, as if they had
 * passed unbuilt: `eventsSince` counts them as missed, and a story rebuilds a record's own steps
 * from its index (story.ts). Nothing in the engine reads the ring to decide what happens next (the
 * elections the ledger reads back are KEPT), so the trace goes on the same.
 */
export const CHECKPOINT_TAIL = 512;

export interface EventsSince {
  /** Events with an id above the cursor still held, oldest first. */
  events: Traced[];
  /** Pass this as the next cursor (the id of the last event emitted so far). */
  cursor: number;
  /** Events after the cursor that the ring no longer holds (read more often, or record the trace). */
  missed: number;
}

export class EventLog {
  private readonly ring: (Traced | undefined)[];
  private readonly kept = new Map<number, Traced>();
  private readonly pinned = new Map<number, Traced>();
  private readonly all: Traced[] | null;
  private last = 0;

  constructor(
    readonly window: number = DEFAULT_WINDOW,
    recordTrace = false,
  ) {
    if (!Number.isInteger(window) || window < 1) throw new Error(`traceWindow must be a positive integer, got ${window}`);
    this.ring = new Array<Traced | undefined>(window);
    this.all = recordTrace ? [] : null;
  }

  /** Events arrive with ids 1, 2, 3 … in order. */
  add(e: Traced): void {
    this.last = e.id;
    this.ring[e.id % this.window] = e;
    if (KEPT.has(e.type)) this.kept.set(e.id, e);
    this.all?.push(e);
  }

  /** Is the whole trace kept (`recordTrace`)? */
  get recording(): boolean {
    return this.all !== null;
  }

  /**
   * An event passed without being built (Emitter.pass: nobody watching, nothing in the engine
   * reads its kind): its id is used, its ring slot left empty.
   */
  skip(id: number): void {
    this.last = id;
    this.ring[id % this.window] = undefined;
  }

  /** The event with this id, if anything still holds it. */
  get(id: number): Traced | undefined {
    if (id <= 0 || id > this.last) return undefined;
    if (this.all) return this.all[id - 1];
    const inRing = this.ring[id % this.window];
    if (inRing?.id === id) return inRing;
    return this.kept.get(id) ?? this.pinned.get(id);
  }

  /** Keeps these events for good (a verdict's story). */
  pin(events: readonly Traced[]): void {
    for (const e of events) if (!this.kept.has(e.id)) this.pinned.set(e.id, e);
  }

  get lastId(): number {
    return this.last;
  }

  trace(): readonly Traced[] {
    return this.all ?? [];
  }

  eventsSince(cursor: number): EventsSince {
    const from = Math.max(cursor + 1, 1);
    const oldest = this.all ? 1 : Math.max(1, this.last - this.window + 1);
    const start = Math.max(from, oldest);
    const events: Traced[] = [];
    for (let id = start; id <= this.last; id++) {
      const e = this.get(id);
      if (e) events.push(e); // absent: passed unbuilt (Emitter.pass), never a loss
    }
    return { events, cursor: this.last, missed: Math.max(0, start - from) };
  }

  /** What a checkpoint writes: this log with only the ring's newest CHECKPOINT_TAIL events. */
  forCheckpoint(): EventLog {
    const copy = Object.create(EventLog.prototype) as EventLog;
    Object.assign(copy, this);
    const ring = markSparse(new Array<Traced | undefined>(this.window)) as (Traced | undefined)[];
    for (let id = Math.max(1, this.last - Math.min(CHECKPOINT_TAIL, this.window) + 1); id <= this.last; id++) {
      const e = this.ring[id % this.window];
      if (e?.id === id) ring[id % this.window] = e;
    }
    (copy as unknown as { ring: unknown }).ring = ring;
    return copy;
  }
}

registerClass('EventLog', EventLog, { encodeAs: (log) => (log as EventLog).forCheckpoint(), blank: () => new EventLog(1) });
