/**
 * What the groups did with the records, classified from the trace: what each group processed
 * (RecordsProcessed) and how far it committed (OffsetsCommitted), against the ledger's committed
 * log (which record each offset holds below the leader's high watermark). The counts follow the
 * report's definitions (scenario/report.types.ts); verdicts go out as they happen:
 * RecordProcessedTwice on a second processing, RecordSkipped when a group commits past a record it
 * never processed or retention deletes one it had not reached.
 */
import type { Traced } from '../core/trace';
import type { GroupSpec } from '../scenario/types';
import type { Ledger, VerdictSink } from '../sim/ledger';
import { registerClass } from '../core/graphRegistry';
import { partitionKey, splitPartitionKey } from '../sim/context';
import { OFFSETS_TOPIC } from './offsetsTopic';
import { ProcessedCounts } from './processedCounts';
import { OffsetJumps } from './accountingJumps';
import { lastNotedEnd } from './accountingDeleted';
import type { HeldRecords } from './accountingHeld';

/** For accounting without a verdict stream (tests). */
const NO_VERDICTS: VerdictSink = { verdict: () => 0 };

export interface ConsumerCounts {
  consumed: number;
  processedTwice: number;
  effectsDuplicated: number;
  skipped: number;
}

export class ConsumerAccounting {
  /** group → times each record was processed. */
  private readonly processed = new Map<string, ProcessedCounts>();
  /** group → "topic-N" → highest committed offset acknowledged. */
  private readonly committed = new Map<string, Map<string, number>>();
  /** group → "topic-N" → offsets below this have been judged for RecordSkipped. */
  private readonly judged = new Map<string, Map<string, number>>();
  /** "group/topic-N" → the commit that last moved `judged` up (why a stopped member's records are skipped). */
  private readonly judgedBy = new Map<string, number>();
  /** group → records given a RecordSkipped verdict. */
  private readonly skippedIds = new Map<string, Set<number>>();
  /** group → records polled and not yet processed → who holds them and where they sit. */
  private readonly outstanding = new Map<string, Map<number, { member: string; key: string; offset: number }>>();
  /** group → "topic-N" → one past the highest offset the group has polled. */
  private readonly polledTo = new Map<string, Map<string, number>>();
  /**
   * group → records retention deleted before the group polled them → the deletion. They may
   * still sit in a member's fetch buffer, so the verdict waits until the group moves past them.
   */
  private readonly deletedUnread = new Map<string, Map<number, { key: string; offset: number; cause: Traced }>>();
  /** group → "topic-N" → the same records in offset order, to find those below a poll fast. */
  private readonly deletedQueue = new Map<string, Map<string, number[]>>();
  /** "topic-N" → the broker that last appended as its leader. */
  private readonly leaderOf = new Map<string, number>();
  /** "topic-N" → the leader's log start offset after retention deleted segments. */
  private readonly deletedBelow = new Map<string, number>();
  /** Offset resets that jumped over records a group had not read: why they were skipped. */
  private readonly jumps = new OffsetJumps();

  constructor(
    private readonly groups: readonly GroupSpec[],
    private readonly ledger: Ledger,
    private readonly verdicts: VerdictSink = NO_VERDICTS,
  ) {
    for (const g of groups) {
      this.processed.set(g['group.id'], new ProcessedCounts());
      this.committed.set(g['group.id'], new Map());
      this.judged.set(g['group.id'], new Map());
      this.skippedIds.set(g['group.id'], new Set());
      this.outstanding.set(g['group.id'], new Map());
      this.polledTo.set(g['group.id'], new Map());
      this.deletedUnread.set(g['group.id'], new Map());
      this.deletedQueue.set(g['group.id'], new Map());
    }
  }

  observe(event: Traced): void {
    switch (event.type) {
      case 'Appended':
        if (event.role === 'leader' && event.topic !== OFFSETS_TOPIC) this.leaderOf.set(partitionKey(event.topic, event.partition), event.broker);
        return;
      case 'LeaderElected':
        this.leaderOf.set(partitionKey(event.topic, event.partition), event.leader);
        return this.followCut(event.topic, event.partition);
      case 'SegmentDeleted': {
        // Retention on the leader: what it deleted no consumer will ever read.
        const key = `${event.topic}-${event.partition}`;
        if (this.leaderOf.get(key) !== event.broker || event.logStartOffset <= (this.deletedBelow.get(key) ?? 0)) return;
        this.deletedBelow.set(key, event.logStartOffset);
        for (const g of this.groups) if (g.topics.includes(event.topic)) this.noteDeleted(g['group.id'], key, event);
        return;
      }
      case 'RecordsPolled': {
        const outstanding = this.outstanding.get(event.group);
        const polledTo = this.polledTo.get(event.group);
        if (!outstanding || !polledTo) return;
        const ranges = event.ranges;
        // for…in, not Object.entries: one poll per member every few ms; same order (string keys).
        for (const key in ranges) {
          const [first, last] = ranges[key]!;
          const [topic, partition] = splitPartitionKey(key);
          for (let offset = first; offset <= last; offset++) {
            const id = this.ledger.committedAt(topic, partition, offset);
            if (id !== 0) outstanding.set(id, { member: event.member, key, offset });
          }
          if (last + 1 > (polledTo.get(key) ?? 0)) polledTo.set(key, last + 1);
          this.passDeleted(event.group, key, first, event.t);
        }
        return;
      }
      case 'OffsetReset': {
        const key = partitionKey(event.topic, event.partition);
        this.jumps.place(event.group, event.member, key, event);
        return this.jumps.note(event.group, key, this.polledTo.get(event.group)?.get(key) ?? 0, event);
      }
      case 'MemberAssigned':
        for (const key of event.added) this.jumps.place(event.group, event.member, key, event);
        return;
      case 'ConsumerStopped': {
        // What the member had polled and not processed, below the group's commit, is skipped now.
        const outstanding = this.outstanding.get(event.group);
        const judged = this.judged.get(event.group);
        if (!outstanding || !judged) return;
        for (const [id, o] of outstanding) {
          if (o.member !== event.member) continue;
          outstanding.delete(id);
          if (o.offset < (judged.get(o.key) ?? 0)) this.skip(event.group, id, o.key, o.offset, 'committed-past', event.id, event.t, this.judgedBy.get(`${event.group}/${o.key}`));
        }
        return;
      }
      case 'RecordsProcessed': {
        const counts = this.processed.get(event.group);
        if (!counts) return;
        const outstanding = this.outstanding.get(event.group);
        const deleted = this.deletedUnread.get(event.group);
        for (const id of event.recordIds) {
          // A first processing (nearly all) needs nothing of what was held; `deleted` is nearly always empty.
          const times = counts.add(id);
          const key = times === 1 ? undefined : outstanding?.get(id)?.key;
          outstanding?.delete(id);
          if (deleted?.size) deleted.delete(id);
          if (times === 1) continue;
          // Why again: the member was placed on the partition below it (given the partition, its
          // position read from the group's last commit; or reset), else this processing itself.
          const cause = (key !== undefined && this.jumps.placement(event.group, event.member, key)) || event.id;
          this.verdicts.verdict({ t: event.t, type: 'RecordProcessedTwice', recordId: id, group: event.group, member: event.member, times, cause });
        }
        return;
      }
      case 'OffsetsCommitted':
      case 'GroupLoaded': {
        // GroupLoaded: commits written but never acknowledged may still have reached the log.
        const offsets = event.type === 'OffsetsCommitted' ? event.offsets : event.committed;
        this.raiseCommitted(event.group, offsets);
        for (const [key, offset] of Object.entries(offsets)) this.judge(event.group, key, offset, 'committed-past', event);
        return;
      }
      default:
        return;
    }
  }

  raiseCommitted(group: string, offsets: Record<string, number>): void {
    const c = this.committed.get(group);
    if (!c) return;
    for (const [p, o] of Object.entries(offsets)) if (o > (c.get(p) ?? -1)) c.set(p, o);
  }

  /**
   * A new leader: if it was elected uncleanly, the ledger cut the committed records its log lacks
   * (Ledger.followNewLeader), and the offsets from the cut on will hold other records. A member
   * past the cut moves back to where the logs diverge (KIP-320, consumer/member/positionCheck.ts)
   * or, out of range, by auto.offset.reset; a commit past the reused offsets judges their records
   * again, so the group's marks come back down to the cut.
   */
  private followCut(topic: string, partition: number): void {
    const key = partitionKey(topic, partition);
    const end = this.ledger.committedEnd(topic, partition);
    for (const g of this.groups) {
      if (!g.topics.includes(topic)) continue;
      const judged = this.judged.get(g['group.id'])!;
      const polledTo = this.polledTo.get(g['group.id'])!;
      if ((judged.get(key) ?? 0) > end) judged.set(key, end);
      if ((polledTo.get(key) ?? 0) > end) polledTo.set(key, end);
    }
  }

  /**
   * RecordSkipped for each committed record below `upTo` the group has not processed and no member
   * still holds (polled, processing pending), once per record.
   */
  private judge(group: string, key: string, upTo: number, reason: 'committed-past', cause: Traced): void {
    const judged = this.judged.get(group);
    const processed = this.processed.get(group);
    const outstanding = this.outstanding.get(group);
    if (!judged || !processed || !outstanding) return;
    const [topic, partition] = splitPartitionKey(key);
    const from = judged.get(key) ?? 0;
    // Only what the ledger knows is judged: a commit above the committed end (a position kept
    // from before an unclean election cut the log) leaves the offsets beyond it for later commits.
    const to = Math.min(upTo, this.ledger.committedEnd(topic, partition));
    if (to <= from) return;
    judged.set(key, to);
    this.judgedBy.set(`${group}/${key}`, cause.id);
    for (let offset = from; offset < to; offset++) {
      const id = this.ledger.committedAt(topic, partition, offset);
      if (id === 0 || processed.has(id) || outstanding.has(id)) continue;
      const deletion = this.deletedUnread.get(group)?.get(id);
      this.deletedUnread.get(group)?.delete(id);
      // Why: retention deleted it, or a reset jumped over it; else the commit that moved past it.
      const why = deletion?.cause.id ?? (this.jumps.over(group, key, offset) || cause.id);
      this.skip(group, id, key, offset, deletion ? 'deleted' : reason, why, cause.t);
    }
  }

  /** Retention deleted records the group had not polled: remember them until it moves past. */
  private noteDeleted(group: string, key: string, e: Traced & { type: 'SegmentDeleted' }): void {
    const processed = this.processed.get(group)!;
    const unread = this.deletedUnread.get(group)!;
    const queues = this.deletedQueue.get(group)!;
    let queue = queues.get(key);
    if (!queue) queues.set(key, (queue = []));
    const from = Math.max(this.polledTo.get(group)!.get(key) ?? 0, this.judged.get(group)!.get(key) ?? 0, lastNotedEnd(queue, unread));
    for (let offset = from; offset < e.logStartOffset; offset++) {
      const id = this.ledger.committedAt(e.topic, e.partition, offset);
      if (id === 0 || processed.has(id) || unread.has(id)) continue;
      unread.set(id, { key, offset, cause: e });
      queue.push(id);
    }
  }

  /**
   * The group polled from `first` on (at `t`): deleted records below it were never read. They are
   * judged now, not at their deletion: until the group moved past them a member could still have
   * held them in its fetch buffer. The verdict's time is when it is settled, so the trace's times
   * never go back.
   */
  private passDeleted(group: string, key: string, first: number, t: number): void {
    const unread = this.deletedUnread.get(group)!;
    const queue = this.deletedQueue.get(group)!.get(key);
    while (queue && queue.length > 0) {
      const id = queue[0]!;
      const d = unread.get(id);
      if (d && d.offset >= first) return;
      queue.shift();
      if (!d) continue; // processed or judged meanwhile
      unread.delete(id);
      this.skip(group, id, key, d.offset, 'deleted', d.cause.id, t);
    }
  }

  /** The verdict, at `t` (the event that settles it), naming the event that caused it and (a member's stop) the commit past it. */
  private skip(group: string, id: number, key: string, offset: number, reason: 'committed-past' | 'deleted', cause: number, t: number, commit?: number): void {
    const skipped = this.skippedIds.get(group)!;
    if (skipped.has(id)) return;
    skipped.add(id);
    const [topic, partition] = splitPartitionKey(key);
    this.verdicts.verdict({ t, type: 'RecordSkipped', topic, partition, recordId: id, group, offset, reason, cause, ...(commit ? { commit } : {}) });
  }

  /** `held`: what the members hold in memory now (none known: every deleted record unread counts). */
  counts(held?: HeldRecords): ConsumerCounts {
    const out: ConsumerCounts = { consumed: 0, processedTwice: 0, effectsDuplicated: 0, skipped: 0 };
    for (const g of this.groups) {
      const processed = this.processed.get(g['group.id'])!;
      const twice = processed.repeats;
      out.consumed += processed.size;
      out.processedTwice += twice;
      if (!g['idempotent.sink']) out.effectsDuplicated += twice;
      out.skipped += this.skippedBy(g, processed, held);
    }
    return out;
  }

  /**
   * Records the group never processed that it moved its committed offset past, or that retention
   * deleted (from its topics) before it read them: the verdicts (not processed since) plus the
   * deleted records still waiting for theirs. Not a record a member still holds, polled (processing
   * pending) or fetched (in its fetch buffer, or on the wire to it): poll() hands buffered records
   * out whatever the log start has become (FetchCollector.fetchRecords), so it will be processed,
   * and report() mid-run must not count it skipped and take it back. It counts once the member
   * drops it unprocessed (stops, loses the partition, seeks).
   */
  private skippedBy(g: GroupSpec, processed: ProcessedCounts, held: HeldRecords | undefined): number {
    const group = g['group.id'];
    let n = 0;
    const deleted = this.deletedUnread.get(group)!;
    if (deleted.size > 0) {
      const outstanding = this.outstanding.get(group)!;
      const inMemory = held?.(group);
      for (const id of deleted.keys()) if (!outstanding.has(id) && !inMemory?.has(id)) n++;
    }
    for (const id of this.skippedIds.get(group)!) if (!processed.has(id)) n++;
    return n;
  }

  /** The highest acknowledged commit per partition (for invariant checks). */
  committedBy(group: string): ReadonlyMap<string, number> {
    return this.committed.get(group) ?? new Map();
  }
}

registerClass('ConsumerAccounting', ConsumerAccounting, { blank: () => new ConsumerAccounting([], null as never) });

