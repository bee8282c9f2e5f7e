/**
 * The independent accounting: every record's fate rebuilt from the trace (what producers sent and
 * were told, what groups processed and committed) and the final logs (`report({ logs: true })`),
 * never from the report's counters it is there to check. Records are told apart by their keys,
 * which the generator makes unique.
 */
import type { LoggedRecord, Report, Scenario, TraceEvent } from '../engine';

export interface Fate {
  id: number;
  producer: string;
  topic: string;
  partition: number;
  key: string | null;
  sentAt: number;
  /** Position among its producer's sends: the order the log must keep. */
  sendIndex: number;
  status: 'pending' | 'acknowledged' | 'failed';
  /** The offset the producer was told (its first acknowledgement), -1 if none. */
  ackOffset: number;
  /** Every completion the producer reported (more than one is a bug of its own). */
  completions: number;
  /** Failed: when the first record of the batch it failed in was sent (a batch expires by its age). */
  batchSentAt: number;
  /**
   * Failed while its partition had a sequence gap Kafka leaves on purpose: an earlier batch expired
   * in flight on its first attempt is not marked unresolved (Sender.sendProducerData marks only
   * `inRetry()` batches), so the next batch is refused OUT_OF_ORDER_SEQUENCE_NUMBER and retried
   * until it expires too; the epoch bump after it clears the gap.
   */
  behindSequenceGap: boolean;
}

export interface PartitionFacts {
  key: string;
  /** Leader from the trace: the preferred replica, then each LeaderElected / PartitionOffline. */
  leader: number;
  highWatermark: number;
  logStartOffset: number;
  /** The final leader log (null when the partition has no leader). */
  log: readonly LoggedRecord[] | null;
  /** Record id → copies below the high watermark. */
  copies: Map<number, number>;
  /** Record id → offset of its first copy in the log. */
  offsets: Map<number, number>;
  /** When a leader last appended to it (-1: never). */
  lastAppendAt: number;
  /** Log records whose key no producer sent. */
  strangers: LoggedRecord[];
}

export interface GroupFacts {
  id: string;
  /** Record id → times processed. */
  processed: Map<number, number>;
  /** "topic-N" → the highest offset the coordinator acknowledged as committed. */
  committed: Map<string, number>;
}

export interface BrokerFacts {
  up: boolean;
  fenced: boolean;
}

export interface Rebuilt {
  fates: Map<number, Fate>;
  partitions: PartitionFacts[];
  groups: GroupFacts[];
  brokers: Map<number, BrokerFacts>;
}

export function rebuild(scenario: Scenario, trace: readonly TraceEvent[], report: Report): Rebuilt {
  const fates = new Map<number, Fate>();
  const sendCount = new Map<string, number>();
  const leaders = new Map<string, number>();
  const lastAppend = new Map<string, number>();
  const groups = new Map<string, GroupFacts>((scenario.groups ?? []).map((g) => [g['group.id'], { id: g['group.id'], processed: new Map(), committed: new Map() }]));
  const brokers = new Map<number, BrokerFacts>();
  for (let b = 1; b <= scenario.brokers; b++) brokers.set(b, { up: true, fenced: false });
  const raise = (g: GroupFacts | undefined, offsets: Record<string, number>): void => {
    if (g) for (const [p, o] of Object.entries(offsets)) g.committed.set(p, Math.max(g.committed.get(p) ?? -1, o));
  };
  /** Requests that carried each record; "producer/topic-N" with a first-attempt batch expired in flight since its last bump. */
  const requests = new Map<number, number>();
  const gaps = new Set<string>();
  const complete = (id: number, status: Fate['status'], offset = -1): void => {
    const f = fates.get(id);
    if (!f) return;
    f.completions++;
    if (f.status !== 'pending') return;
    f.status = status;
    f.ackOffset = offset;
  };

  for (const e of trace) {
    switch (e.type) {
      case 'RecordSent': {
        const n = sendCount.get(e.producer) ?? 0;
        sendCount.set(e.producer, n + 1);
        fates.set(e.recordId, { id: e.recordId, producer: e.producer, topic: e.topic, partition: e.partition, key: e.key, sentAt: e.t, sendIndex: n, status: 'pending', ackOffset: -1, completions: 0, batchSentAt: e.t, behindSequenceGap: false });
        break;
      }
      case 'ProduceRequested':
        for (const id of e.recordIds) requests.set(id, (requests.get(id) ?? 0) + 1);
        break;
      case 'ProducerIdAssigned':
        for (const gap of [...gaps]) if (gap.startsWith(`${e.producer}/`)) gaps.delete(gap);
        break;
      case 'Acked':
        e.recordIds.forEach((id, i) => complete(id, 'acknowledged', e.offset < 0 ? -1 : e.offset + i));
        break;
      case 'SendFailed': {
        const batch = e.recordIds.map((id) => fates.get(id)).filter((f): f is Fate => f !== undefined);
        const first = Math.min(...batch.map((f) => f.sentAt));
        const gap = batch[0] ? `${e.producer}/${batch[0].topic}-${batch[0].partition}` : '';
        for (const f of batch) {
          if (f.status === 'pending') Object.assign(f, { batchSentAt: first, behindSequenceGap: gaps.has(gap) });
          complete(f.id, 'failed');
        }
        if (e.error === 'DELIVERY_TIMEOUT' && batch.every((f) => requests.get(f.id) === 1)) gaps.add(gap);
        break;
      }
      case 'Appended':
        if (e.role === 'leader') lastAppend.set(`${e.topic}-${e.partition}`, e.t);
        break;
      case 'LeaderElected':
        leaders.set(`${e.topic}-${e.partition}`, e.leader);
        break;
      case 'PartitionOffline':
        leaders.set(`${e.topic}-${e.partition}`, -1);
        break;
      case 'RecordsProcessed': {
        const g = groups.get(e.group);
        if (g) for (const id of e.recordIds) g.processed.set(id, (g.processed.get(id) ?? 0) + 1);
        break;
      }
      case 'OffsetsCommitted':
        raise(groups.get(e.group), e.offsets);
        break;
      case 'GroupLoaded':
        raise(groups.get(e.group), e.committed);
        break;
      case 'BrokerCrashed':
        brokers.set(e.broker, { up: false, fenced: true });
        break;
      case 'BrokerRestarted':
        brokers.set(e.broker, { up: true, fenced: true });
        break;
      case 'BrokerFenced':
        brokers.get(e.broker)!.fenced = true;
        break;
      case 'BrokerUnfenced':
        brokers.get(e.broker)!.fenced = false;
        break;
      default:
        break;
    }
  }
  // The coordinator's final word on commits counts too (a commit written but never acknowledged).
  for (const g of report.groups ?? []) raise(groups.get(g['group.id']), g.committed);

  const idOfKey = new Map<string, number>();
  for (const f of fates.values()) if (f.key !== null) idOfKey.set(`${f.producer}\u0000${f.key}`, f.id);
  const partitions = report.partitions.map((p): PartitionFacts => {
    const key = `${p.topic}-${p.partition}`;
    const log = report.logs?.[key] ?? null;
    const copies = new Map<number, number>();
    const offsets = new Map<number, number>();
    const strangers: LoggedRecord[] = [];
    for (const r of log ?? []) {
      const id = r.key === null ? undefined : idOfKey.get(`${r.producer}\u0000${r.key}`);
      if (id === undefined) strangers.push(r);
      else if (r.offset < p.highWatermark) copies.set(id, (copies.get(id) ?? 0) + 1);
      if (id !== undefined && !offsets.has(id)) offsets.set(id, r.offset);
    }
    return { key, leader: leaders.get(key) ?? p.replicas[0] ?? -1, highWatermark: p.highWatermark, logStartOffset: p.logStartOffset, log, copies, offsets, lastAppendAt: lastAppend.get(key) ?? -1, strangers };
  });
  return { fates, partitions, groups: [...groups.values()], brokers };
}
