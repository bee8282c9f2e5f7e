// The trace in words: each engine event's message id and the values it fills in, plus the
// categories the event log filters by and which events are worth narrating aloud.
import type { TFunction } from 'i18next';
import type { TraceEvent } from '../engine';

export type EventCategory = 'verdicts' | 'producer' | 'replication' | 'brokers' | 'consumers' | 'network' | 'settings';

const CATEGORY: Record<string, EventCategory> = {
  RecordSent: 'producer', ProduceRequested: 'producer', Acked: 'producer', SendFailed: 'producer', ProduceErrored: 'producer',
  ProducerIdAssigned: 'producer', SendBlocked: 'producer', SendUnblocked: 'producer',
  Appended: 'replication', Fetched: 'replication', HighWatermarkAdvanced: 'replication', Truncated: 'replication',
  UnflushedDataLost: 'replication', Flushed: 'replication', SegmentRolled: 'replication', SegmentDeleted: 'replication',
  IsrShrunk: 'replication', IsrExpanded: 'replication',
  LeaderElected: 'brokers', PartitionOffline: 'brokers', BrokerCrashed: 'brokers', BrokerRestarted: 'brokers',
  BrokerRegistered: 'brokers', BrokerFenced: 'brokers', BrokerUnfenced: 'brokers',
  LinkCut: 'network', LinkHealed: 'network', LinkSlowed: 'network', MessageDropped: 'network', MessageSent: 'network', MessageDelivered: 'network',
  SettingChanged: 'settings',
  RecordLost: 'verdicts', RecordDuplicated: 'verdicts', RecordReordered: 'verdicts', RecordSkipped: 'verdicts', RecordProcessedTwice: 'verdicts',
};

export const CATEGORIES: EventCategory[] = ['verdicts', 'producer', 'replication', 'brokers', 'consumers', 'network', 'settings'];

export function categoryOf(event: TraceEvent): EventCategory {
  return CATEGORY[event.type as string] ?? 'consumers';
}

/** Routine chatter that would drown the rest: shown only on request (every message on the wire is one). */
export const ROUTINE = new Set(['MessageSent', 'MessageDelivered', 'Fetched', 'RecordsPolled', 'HighWatermarkAdvanced', 'Flushed', 'RecordsProcessed', 'OffsetsCommitted']);

/** Events a screen reader hears as they happen (issue 9: leader elected, ISR shrank, record lost). */
export const NARRATED = new Set([
  'LeaderElected', 'PartitionOffline', 'IsrShrunk', 'IsrExpanded', 'BrokerCrashed', 'BrokerRestarted', 'BrokerFenced',
  'Truncated', 'UnflushedDataLost', 'GroupStateChanged', 'MemberLeft', 'LinkCut', 'LinkHealed', 'SendFailed', 'RecordLost',
  'MessageDropped',
  // What a learner just did must be said too: a power loss, a slowed link, a knob turned.
  'BrokerPowerLost', 'LeaderElectedUnclean', 'LinkSlowed', 'LinkHealedAll', 'SettingChanged', 'ConsumerPaused', 'CommitFailed', 'OffsetReset',
]);

/** Narrated only when nothing weightier happened in the same second (a cut link drops many messages). */
export const NARRATED_QUIETLY = new Set(['MessageDropped']);

/** A setting change as a learner would type it ("acks=all, linger.ms=5"), not as JSON ({"acks":"all"}). */
function settingWords(config: Record<string, unknown>): string {
  return Object.entries(config)
    .map(([k, v]) => `${k}=${v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** The values an event's message fills in: its own fields, lists joined, plus `part` ("orders-0"). */
export function eventVars(event: TraceEvent): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    vars[k] = Array.isArray(v) ? v.join(', ') : v && typeof v === 'object' ? settingWords(v as Record<string, unknown>) : v;
  }
  if ('topic' in event && 'partition' in event) vars.part = `${event.topic}-${event.partition}`;
  if ('recordIds' in event) vars.count = event.recordIds?.length ?? 0;
  if ('between' in event) vars.between = event.between ? event.between.join(' ↔ ') : '';
  return vars;
}

export function describeEvent(event: TraceEvent, t: TFunction): string {
  const vars = eventVars(event);
  let key = `events.${event.type}`;
  if (event.type === 'BrokerCrashed' && event.powerLoss) key = 'events.BrokerPowerLost';
  if (event.type === 'LinkHealed' && !event.between) key = 'events.LinkHealedAll';
  if (event.type === 'LeaderElected') {
    if (event.unclean) key = 'events.LeaderElectedUnclean';
    // Where the new leader's log ends says which acknowledged records the election kept (a story
    // of a lost record reads "… its log end offset was 101" for a record at offset 101).
    const chosen = event.candidates?.find((c) => c.broker === event.leader);
    if (chosen) {
      key += 'WithLog';
      vars.leo = chosen.logEndOffset;
    }
  }
  // Brokers by name: "b2, b3 dropped out … (ISR now b1)", not "b2, 3 … (ISR now 1)".
  if (event.type === 'IsrShrunk' || event.type === 'IsrExpanded') {
    const names = (brokers: number[]) => brokers.map((b) => `b${b}`).join(', ');
    vars.isr = names(event.isr);
    if (event.type === 'IsrShrunk') vars.removed = names(event.removed);
    else vars.added = names(event.added);
  }
  // One record is "offset 101", not "offsets 101–101".
  if (event.type === 'Appended' && vars.baseOffset === vars.lastOffset) key = 'events.AppendedOne';
  // Why a message was lost, in words ("the link between them is cut"), not the engine's code.
  if (event.type === 'MessageDropped') vars.reason = t(`dropReasons.${event.reason}`, { ...vars, defaultValue: event.reason });
  // Offset -1: the producer never learned one. acks=0 counts a record acknowledged once it is
  // sent; a DUPLICATE_SEQUENCE_NUMBER answer says "written before" without saying where.
  if (event.type === 'Acked' && event.offset < 0) key = event.duplicate ? 'events.AckedDuplicateNoOffset' : 'events.AckedNoOffset';
  if (event.type === 'RecordLost' && event.offset < 0) key = 'events.RecordLostNoOffset';
  // No broker answered NETWORK_EXCEPTION: the producer's connection broke before an answer came.
  if (event.type === 'ProduceErrored' && event.error === 'NETWORK_EXCEPTION') key = 'events.ProduceErroredNetwork';
  // KIP-320: a position checked against a new leader's log and moved back, no reset policy involved.
  if (event.type === 'OffsetReset' && event.reason === 'truncation') key = 'events.OffsetResetTruncation';
  if (event.type === 'RecordSkipped') vars.reason = t(`skipReasons.${event.reason}`, { defaultValue: event.reason });
  return t(key, { ...vars, defaultValue: t('events.other', { type: event.type }) });
}
