/**
 * A broker's writes to its replicas' logs, each traced: appends (as leader or follower, with
 * log.flush.interval.messages), flushes, truncations, and retention.
 */
import type { Batch } from '../model/batch';
import type { BrokerCore } from './brokerCore';
import type { FetchedPartition } from './messages';
import type { Replica } from './replica';
import { shaped } from './emitter';

export function appendToLog(core: BrokerCore, r: Replica, batch: Batch, role: 'leader' | 'follower'): void {
  const { ctx } = core;
  const config = ctx.config.logConfig(r.topic);
  const rolled = r.log.append(batch, config);
  if (rolled) ctx.emit({ t: ctx.queue.now, type: 'SegmentRolled', broker: core.id, topic: r.topic, partition: r.partition, baseOffset: r.log.activeSegment.baseOffset });
  const records = batch.records;
  // A follower's append is read only outside the engine (Emitter.pass).
  if (role === 'follower' && !ctx.watched) ctx.pass();
  else ctx.emit(shaped<'Appended'>({
    t: ctx.queue.now,
    type: 'Appended',
    broker: core.id,
    role,
    topic: r.topic,
    partition: r.partition,
    baseOffset: batch.baseOffset,
    lastOffset: batch.lastOffset,
    leaderEpoch: batch.leaderEpoch,
    recordIds: records.map((x) => x.id),
    cause: undefined,
    id: 0,
  }));
  // log.flush.interval.messages: the append path fsyncs before answering.
  if (config.flushMessages !== null && r.log.unflushedRecords() >= config.flushMessages) flush(core, r);
}

export function flush(core: BrokerCore, r: Replica): void {
  const { ctx } = core;
  r.log.flush(ctx.queue.now);
  ctx.emit({ t: ctx.queue.now, type: 'Flushed', broker: core.id, topic: r.topic, partition: r.partition, recoveryPoint: r.log.recoveryPoint });
}

export function truncate(core: BrokerCore, r: Replica, offset: number, reason: 'diverging-epoch' | 'unclean-election' | 'recovery'): void {
  const from = r.log.logEndOffset;
  if (offset >= from) return;
  const recordIds = r.log.recordIdsFrom(offset);
  r.log.truncateTo(offset);
  core.ctx.emit({ t: core.ctx.queue.now, type: 'Truncated', broker: core.id, topic: r.topic, partition: r.partition, fromOffset: from, toOffset: r.log.logEndOffset, reason, recordIds });
}

/**
 * Kafka's `fetchOffsetAndTruncate` after OFFSET_OUT_OF_RANGE: ahead of the leader's end → cut
 * back to it; otherwise start over from the leader's log start offset.
 */
export function truncateOutOfRange(core: BrokerCore, r: Replica, p: FetchedPartition): void {
  if (r.log.logEndOffset > p.logEndOffset) {
    truncate(core, r, p.logEndOffset, 'diverging-epoch');
    return;
  }
  const from = r.log.logEndOffset;
  const recordIds = r.log.recordIdsFrom(0);
  r.log.truncateFullyAndStartAt(p.logStartOffset);
  core.ctx.emit({ t: core.ctx.queue.now, type: 'Truncated', broker: core.id, topic: r.topic, partition: r.partition, fromOffset: from, toOffset: p.logStartOffset, reason: 'diverging-epoch', recordIds });
}

/** The retention check (log.retention.check.interval.ms): whole expired segments go. */
export function applyRetention(core: BrokerCore): void {
  const { ctx } = core;
  for (const r of core.replicas.values()) {
    const deleted = r.log.deleteExpiredSegments(ctx.queue.now, ctx.config.logConfig(r.topic));
    for (const d of deleted) {
      ctx.emit({ t: ctx.queue.now, type: 'SegmentDeleted', broker: core.id, topic: r.topic, partition: r.partition, baseOffset: d.baseOffset, endOffset: d.endOffset, reason: d.reason, logStartOffset: r.log.logStartOffset, recordIds: d.recordIds });
    }
  }
}

/** The log flusher's pass: logs whose `flush.ms` has passed since their last flush. */
export function flushDueLogs(core: BrokerCore): void {
  const now = core.ctx.queue.now;
  for (const r of core.replicas.values()) {
    const flushMs = core.ctx.config.flushMs(r.topic);
    if (flushMs !== null && now - r.log.lastFlushTime >= flushMs && r.log.unflushedRecords() > 0) flush(core, r);
  }
}
