/**
 * The ledger: every record's fate, classified from the trace as it happens. It knows what was
 * sent and what the producers were told; it follows each partition's committed log (what a
 * consumer could read: the leader's log below its high watermark, the "lineage") and gives its
 * verdicts the moment they become true:
 *  - RecordLost: an acknowledged record the partition's leader no longer has — checked when a
 *    leader is elected (the new leader's log is the truth from then on) and when a replaced leader
 *    acknowledges a write; once lost, always lost, even after retention passes its offset;
 *  - RecordDuplicated / RecordReordered: when the high watermark commits a second copy of a
 *    record, or a record behind one its producer sent later.
 *
 * Record ids are dense (1, 2, 3 …), so per-record facts live in typed columns indexed by id
 * (sim/ledgerRecords.ts); the committed lineage is followed in sim/ledgerLineage.ts.
 */
import type { TraceEventOf, Traced } from '../core/trace';
import type { PartitionLog } from '../model/log';
import { getByte, getFloat, getInt, int32Column, putByte, putInt } from './columns';
import { partitionKey } from './context';
import type { RecordEvents, RecordFacts } from './recordEvents';
import { registerClass } from '../core/graphRegistry';
import { ACKNOWLEDGED, COMMITTED, FAILED, LOST, STATUSES, where, type LedgerEntry, type LedgerView, type RecordStatus, type Track, type VerdictSink } from './ledgerTypes';
import { cutLineage, readCommitted, rebaseLatest } from './ledgerLineage';
import { RecordTable } from './ledgerRecords';
import type { ProducerSummary } from './producerSummary';
import type { CauseTracker } from './causes';

export type { LedgerEntry, LedgerView, RecordStatus, VerdictSink } from './ledgerTypes';

export class Ledger {
  /** Per-record facts, in columns indexed by id. */
  private readonly records = new RecordTable();
  private readonly tracks: Track[] = [];
  /** topic → partition → index into `tracks`. */
  private readonly partitionIndexOf = new Map<string, number[]>();
  private lostCount = 0;
  /** "topic-N" → the controller's current leader (-1: none), and the id of its last election. */
  private readonly leaders = new Map<string, number>();
  private readonly lastElection = new Map<string, number>();
  /** "topic-N@broker" → the last truncation or power loss that removed records from that replica. */
  private readonly lastRemoval = new Map<string, Traced & { recordIds: number[] }>();
  private view: LedgerView | null = null;

  constructor(
    private readonly index: RecordEvents,
    private readonly verdicts: VerdictSink,
    /** Which fault kept a new leader from copying a record (a lost record's story names it). */
    private readonly faults: Pick<CauseTracker, 'heldBack'>,
  ) {}

  /** Connects the ledger to the cluster it judges, with each partition's first leader. */
  attach(view: LedgerView, leaders: readonly { topic: string; partition: number; leader: number }[]): void {
    this.view = view;
    for (const p of leaders) this.leaders.set(partitionKey(p.topic, p.partition), p.leader);
  }

  observe(event: Traced): void {
    switch (event.type) {
      case 'RecordSent':
        return this.sent(event.recordId, event.producer, event.topic, event.partition, event.t);
      case 'Acked': {
        const ids = event.recordIds;
        for (let i = 0; i < ids.length; i++) this.records.settle(ids[i]!, ACKNOWLEDGED, event.offset < 0 ? -1 : event.offset + i, event.t);
        if (event.offset >= 0) this.checkAckedByReplacedLeader(event);
        return;
      }
      case 'Appended':
        if (event.role === 'leader') {
          const ids = event.recordIds;
          for (let i = 0; i < ids.length; i++) if (this.has(ids[i]!)) putInt(this.records.leaderOffset, ids[i]!, event.baseOffset + i);
        }
        return;
      case 'SendFailed':
        for (const id of event.recordIds) this.records.settle(id, FAILED, -1, -1);
        return;
      case 'HighWatermarkAdvanced':
        return this.commit(event);
      case 'LeaderElected': {
        const key = partitionKey(event.topic, event.partition);
        this.leaders.set(key, event.leader);
        this.lastElection.set(key, event.id);
        return this.followNewLeader(event);
      }
      case 'PartitionOffline':
        return void this.leaders.set(partitionKey(event.topic, event.partition), -1);
      case 'Truncated':
      case 'UnflushedDataLost':
        return void this.lastRemoval.set(`${partitionKey(event.topic, event.partition)}@${event.broker}`, event);
      default:
        return;
    }
  }

  get size(): number {
    return this.records.size;
  }

  count(status: RecordStatus): number {
    return this.records.counts[STATUSES.indexOf(status)]!;
  }

  /** Acknowledged records given a RecordLost verdict. */
  get lost(): number {
    return this.lostCount;
  }

  has(id: number): boolean {
    return this.records.has(id);
  }

  entry(id: number): LedgerEntry {
    const p = this.tracks[getInt(this.records.partitionIndex, id)]!;
    return {
      id,
      producer: this.records.producerOf(id),
      topic: p.topic,
      partition: p.partition,
      status: STATUSES[getByte(this.records.status, id)]!,
      offset: getInt(this.records.offset, id),
      leaderOffset: getInt(this.records.leaderOffset, id),
      sentAt: getFloat(this.records.sentAt, id),
      ackedAt: getFloat(this.records.ackedAt, id),
    };
  }

  /** Ids of the records sent to each partition (`topic-partition`), in send order. */
  idsByPartition(): Map<string, readonly number[]> {
    return new Map(this.tracks.map((t) => [partitionKey(t.topic, t.partition), idsOf(t)]));
  }

  isAcknowledged(id: number): boolean {
    return getByte(this.records.status, id) === ACKNOWLEDGED;
  }

  isLost(id: number): boolean {
    return (this.records.flags.get(id) & LOST) !== 0;
  }

  /** What a story needs to rebuild a record's steps; null for an unknown id. */
  facts(id: number): RecordFacts | null {
    if (!this.has(id)) return null;
    const p = this.tracks[getInt(this.records.partitionIndex, id)]!;
    return {
      producer: this.records.producerOf(id),
      topic: p.topic,
      partition: p.partition,
      sentAt: getFloat(this.records.sentAt, id),
      leaderOffset: getInt(this.records.leaderOffset, id),
      offset: getInt(this.records.offset, id),
    };
  }

  /** Whether the record was ever below a leader's high watermark: readable by a consumer. */
  wasCommitted(id: number): boolean {
    return (this.records.flags.get(id) & COMMITTED) !== 0;
  }

  /** The record committed at `offset` of a partition (0: none known), along the current leader's history. */
  committedAt(topic: string, partition: number, offset: number): number {
    const t = this.track(topic, partition);
    return t && offset < t.cursor ? t.lineage.get(offset) : 0;
  }

  /**
   * One past the highest offset of the partition's committed lineage: below it, `committedAt`
   * knows each record. It moves back when an unclean election cuts committed records, and the
   * offsets from there on are reused by the records the new leader commits next.
   */
  committedEnd(topic: string, partition: number): number {
    return this.track(topic, partition)?.cursor ?? 0;
  }

  /** One producer's send-to-acknowledgement percentiles, first send, last acknowledgement, failures. */
  producerSummary(producer: string): ProducerSummary {
    return this.records.producerSummary(producer);
  }

  // ── The committed log, followed as the leader's high watermark moves ──────────────────────

  /** Does an HW advance on `broker` count here (the broker the controller made leader)? Else `commit` ignores it. */
  followsHighWatermarkOf(topic: string, partition: number, broker: number): boolean {
    return this.leaders.get(partitionKey(topic, partition)) === broker;
  }

  /** The leader's HW moved: read the newly committed records into the lineage. */
  private commit(e: Traced<TraceEventOf<'HighWatermarkAdvanced'>>): void {
    const key = partitionKey(e.topic, e.partition);
    if (this.leaders.get(key) !== e.broker) return;
    const t = this.track(e.topic, e.partition);
    const log = t && this.view?.log(e.broker, e.topic, e.partition);
    if (!t || !log || e.highWatermark <= t.cursor) return;
    readCommitted(t, log, e, this);
  }

  /** Called by readCommitted for each newly committed record (ledgerLineage.ts). */
  place(t: Track, offset: number, record: { id: number; producer: string; sendSeq: number }, e: Traced<TraceEventOf<'HighWatermarkAdvanced'>>): void {
    const { id } = record;
    const before = getInt(t.lineage, offset);
    if (before === id) return;
    if (before > 0) putByte(this.records.copies, before, Math.max(0, getByte(this.records.copies, before) - 1));
    putInt(t.lineage, offset, id);
    if (!this.has(id)) return;
    const copies = getByte(this.records.copies, id) + 1;
    putByte(this.records.copies, id, copies);
    putByte(this.records.flags, id, getByte(this.records.flags, id) | COMMITTED);
    putInt(this.records.sendSeq, id, record.sendSeq);
    this.index.committed(id, e);
    // Runs for every committed record: objects (and no closure) only for a verdict, the register
    // updated in place.
    if (copies > 1) {
      this.verdicts.verdict({ ...where(t, offset, record, e), type: 'RecordDuplicated', copies });
      return;
    }
    const latest = t.latest.get(record.producer);
    if (latest && record.sendSeq < latest.seq) this.verdicts.verdict({ ...where(t, offset, record, e), type: 'RecordReordered', after: latest.id });
    else if (latest) {
      latest.seq = record.sendSeq;
      latest.id = id;
    } else t.latest.set(record.producer, { seq: record.sendSeq, id });
  }

  /**
   * A new leader's log is the partition's truth: what it lacks of the committed lineage is cut
   * (an unclean election), and every acknowledged record it lacks is lost.
   */
  private followNewLeader(e: Traced & { type: 'LeaderElected' }): void {
    const t = this.track(e.topic, e.partition);
    const log = t && this.view?.log(e.leader, e.topic, e.partition);
    if (!t || !log) return;
    const { held, cut } = cutLineage(t, log, this.records.copies);
    // Records committed from now on are judged for reordering against what survived the cut.
    if (cut) rebaseLatest(t, (id) => (this.has(id) ? this.records.producerOf(id) : ''), (id) => getInt(this.records.sendSeq, id));
    for (let i = 0; i < t.sent; i++) this.checkLost(getInt(t.ids, i), log, held, e, e.t);
  }

  /** A leader that was already replaced acknowledged a write the partition's leader does not have. */
  private checkAckedByReplacedLeader(e: Traced & { type: 'Acked' }): void {
    const key = partitionKey(e.topic, e.partition);
    const leader = this.leaders.get(key) ?? -1;
    const appendedBy = this.index.appendBroker.get(e.recordIds[0] ?? 0);
    if (leader < 0 || appendedBy === 0 || appendedBy === leader) return;
    const log = this.view?.log(leader, e.topic, e.partition);
    if (!log) return;
    const ids = new Set<number>();
    for (const b of log.allBatches()) for (const r of b.records) ids.add(r.id);
    const election = this.view?.event(this.lastElection.get(key) ?? 0) ?? e;
    for (const id of e.recordIds) this.checkLost(id, log, ids, election, e.t);
  }

  private checkLost(id: number, leaderLog: PartitionLog, held: ReadonlySet<number>, because: Traced, now: number): void {
    if (getByte(this.records.status, id) !== ACKNOWLEDGED || this.isLost(id) || held.has(id)) return;
    const position = getInt(this.records.offset, id) >= 0 ? getInt(this.records.offset, id) : getInt(this.records.leaderOffset, id);
    if (position >= 0 && position < leaderLog.logStartOffset) return; // deleted by retention, not lost
    this.records.flags.set(id, this.records.flags.get(id) | LOST);
    this.lostCount++;
    // The precise cause: the removal of the leader's own copy (a power loss, a truncation).
    const e = this.entry(id);
    const leader = because.type === 'LeaderElected' ? because.leader : -1;
    const removal = this.lastRemoval.get(`${partitionKey(e.topic, e.partition)}@${leader}`);
    const cause = removal?.recordIds.includes(id) ? removal.id : because.id;
    const lost = { t: now, type: 'RecordLost' as const, topic: e.topic, partition: e.partition, recordId: id, producer: e.producer, offset: position, cause };
    const election = cause === because.id ? {} : { election: because.id };
    // The new leader lacked the record: the ISR shrink that left it behind, or the fault it was under, says why.
    const heldBack = because.type === 'LeaderElected' ? this.faults.heldBack(e.topic, e.partition, leader, because.previousLeader) : 0;
    this.verdicts.verdict({ ...lost, ...election, ...(heldBack > 0 ? { heldBackBy: heldBack } : {}) });
  }

  // ── Bookkeeping ───────────────────────────────────────────────────────────────────────────

  private sent(id: number, producer: string, topic: string, partition: number, t: number): void {
    const index = this.indexOfPartition(topic, partition);
    const track = this.tracks[index]!;
    putInt(track.ids, track.sent++, id);
    this.records.add(id, producer, index, t);
  }

  private track(topic: string, partition: number): Track | undefined {
    const index = this.partitionIndexOf.get(topic)?.[partition];
    return index === undefined ? undefined : this.tracks[index];
  }

  private indexOfPartition(topic: string, partition: number): number {
    let byPartition = this.partitionIndexOf.get(topic);
    if (!byPartition) this.partitionIndexOf.set(topic, (byPartition = []));
    let index = byPartition[partition];
    if (index === undefined) {
      index = this.tracks.length;
      this.tracks.push({ topic, partition, ids: int32Column(), sent: 0, lineage: int32Column(), cursor: 0, latest: new Map() });
      byPartition[partition] = index;
    }
    return index;
  }
}

function idsOf(t: Track): number[] {
  const out = new Array<number>(t.sent);
  for (let i = 0; i < t.sent; i++) out[i] = getInt(t.ids, i);
  return out;
}

registerClass('Ledger', Ledger, { blank: () => new Ledger(null as never, null as never, null as never) });
