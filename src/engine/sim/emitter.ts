/**
 * Where every trace event goes: it is numbered, given its cause, shown to the record index, the
 * ledger and the consumer accounting, kept in the event log, and handed to the subscribers; the
 * verdicts it leads to follow right after it. State as data (counters, the waiting verdicts), so a
 * checkpoint carries it; the subscribers are outside the engine and are not checkpointed.
 */
import { registerClass } from '../core/graphRegistry';
import type { ElectionCandidate, TraceEvent, TraceEventOf, TraceEventType, Traced } from '../core/trace';
import type { CauseTracker } from './causes';
import { partitionKey } from './context';
import type { EventLog } from './eventLog';
import type { Ledger } from './ledger';
import type { RecordEvents } from './recordEvents';
import type { StoryBook } from './story';

/**
 * An event as a hot emitter builds it: its literal ends with the slots the emitter fills in,
 * `cause: undefined, id: 0`. An object given `cause` and `id` after it was made grows an
 * out-of-line property array (an allocation per event, kept alive by the ring); JSON leaves an
 * undefined cause out, so the trace reads the same, field order included.
 */
export type Shaped<T extends TraceEventType> = TraceEventOf<T> & { cause: number | undefined; id: number };

/** Type check for a shaped literal: `ctx.emit(shaped<'Fetched'>({ …, cause: undefined, id: 0 }))`. */
export function shaped<T extends TraceEventType>(event: Shaped<T>): TraceEventOf<T> {
  return event;
}

/** What the emitter needs to list an election's candidates (the brokers' logs). */
export interface CandidateSource {
  candidates(topic: string, partition: number): ElectionCandidate[];
}

/** An observer of every event beside the ledger (the consumer accounting, plugged in by the wiring). */
export interface EventObserver {
  observe(event: Traced): void;
}

export class Emitter {
  private nextEventId = 1;
  /** Counts delivered events: a snapshot's version moves when it does. */
  version = 0;
  /** Verdicts given while an event is observed: they go out right after it. */
  private readonly verdicts: Traced[] = [];
  ledger: Ledger | null = null;
  accounting: EventObserver | null = null;
  candidateSource: CandidateSource | null = null;
  stories: StoryBook | null = null;

  constructor(
    private readonly records: RecordEvents,
    private readonly causes: CauseTracker,
    private readonly events: EventLog,
    /** Outside the engine: never checkpointed, supplied again on restore. */
    readonly listeners: Set<(event: Traced) => void>,
  ) {}

  emit(event: TraceEvent): void {
    if (event.cause === undefined) {
      const cause = this.causes.infer(event);
      if (cause > 0) event.cause = cause;
    }
    if (event.type === 'LeaderElected' && !event.candidates && this.candidateSource) event.candidates = this.candidateSource.candidates(event.topic, event.partition);
    const e = this.number(event);
    this.records.observe(e);
    this.causes.observe(e);
    this.ledger?.observe(e);
    this.accounting?.observe(e);
    this.deliver(e);
    while (this.verdicts.length > 0) {
      const v = this.verdicts.shift()!;
      this.deliver(v);
      this.stories?.onVerdict(v as Traced & { recordId: number });
    }
  }

  /**
   * Is anyone outside the engine reading events as they go: a subscriber (the app's timeline, a
   * test) or the recorded trace? When not, events that no part of the engine observes need not
   * be built at all (see `pass`).
   */
  get watched(): boolean {
    return this.listeners.size > 0 || this.events.recording;
  }

  /**
   * An event that only readers outside the engine use (MessageSent, MessageDelivered: over half
   * of all events; a follower's Appended and Fetched, a fifth more; nothing in the engine
   * observes them, and their causes go only on the event), emitted while nobody watches: it
   * takes its id and moves the version as if delivered, so every later id, cause and snapshot is
   * the same as when it is built, but no object is made. The event log leaves its slot empty.
   */
  pass(): void {
    this.version++;
    this.events.skip(this.nextEventId++);
  }

  /**
   * Can a follower's HighWatermarkAdvanced on `broker` pass unbuilt? Nobody watches, and the
   * ledger does not take `broker` for the leader (a follower still is, for a moment after an
   * election it has not heard of): only the leader's advance commits records.
   */
  passesHighWatermarkOf(topic: string, partition: number, broker: number): boolean {
    return !this.watched && (this.ledger === null || !this.ledger.followsHighWatermarkOf(topic, partition, broker));
  }

  /** A verdict (RecordLost …) given while an event is observed; returns its id. */
  verdict(event: TraceEvent): number {
    const e = this.number(event);
    this.records.observe(e);
    this.verdicts.push(e);
    return e.id;
  }

  // Numbers the event in place: emitters hand over fresh objects, and a copy per event would
  // double the garbage of a busy run.
  private number(event: TraceEvent): Traced {
    const e = event as Traced & { id: number };
    e.id = this.nextEventId++;
    return e;
  }

  private deliver(e: Traced): void {
    this.version++;
    this.events.add(e);
    // Most runs have no subscriber: no Set iterator per event then.
    if (this.listeners.size > 0) for (const l of this.listeners) l(e);
  }
}

/** Every replica of a partition as an election finds it (the trace's omniscient view: Kafka's controller does not know LEOs). */
export class BrokerCandidates implements CandidateSource {
  constructor(private readonly brokers: ReadonlyMap<number, { id: number; isUp(): boolean; replicas: ReadonlyMap<string, { log: { logEndOffset: number; lastBatchEpoch(): number } }> }>) {}

  candidates(topic: string, partition: number): ElectionCandidate[] {
    const out: ElectionCandidate[] = [];
    for (const b of this.brokers.values()) {
      const log = b.replicas.get(partitionKey(topic, partition))?.log;
      if (log) out.push({ broker: b.id, logEndOffset: log.logEndOffset, leaderEpoch: log.lastBatchEpoch(), up: b.isUp() });
    }
    return out;
  }
}

registerClass('Emitter', Emitter, { blank: () => new Emitter(null as never, null as never, null as never, null as never) });
registerClass('BrokerCandidates', BrokerCandidates, { blank: () => new BrokerCandidates(null as never) });
