/**
 * The report's consumer part: each group as its coordinator describes it at the end (state,
 * generation, protocol, assignment, committed offsets, lag against the high watermark), and the
 * record counters of the accounting.
 */
import type { GroupReport } from '../scenario/report.types';
import type { GroupSpec } from '../scenario/types';
import type { Broker } from '../sim/broker';
import { splitPartitionKey } from '../sim/context';
import type { ConsumerAccounting, ConsumerCounts } from './accounting';
import type { HeldRecords } from './accountingHeld';
import type { GroupDescription } from './coordinator/coordinator';
import type { GroupServices } from './broker/services';

export interface ConsumerSide {
  readonly groups: readonly GroupSpec[];
  readonly accounting: ConsumerAccounting;
}

const NO_COUNTS: ConsumerCounts = { consumed: 0, processedTwice: 0, effectsDuplicated: 0, skipped: 0 };

/** The live coordinator's description of the group, or null when no broker serves it now. */
function describe(brokers: ReadonlyMap<number, Broker>, services: ReadonlyMap<number, GroupServices>, groupId: string): GroupDescription | null {
  for (const b of brokers.values()) {
    if (!b.isUp()) continue;
    const d = services.get(b.id)?.describe(groupId);
    if (d) return d;
  }
  return null;
}

/** The leader's high watermark of a partition, or null when it has no leader. */
function highWatermark(brokers: ReadonlyMap<number, Broker>, key: string): number | null {
  for (const b of brokers.values()) {
    const r = b.replicas.get(key);
    if (b.isUp() && r?.isLeader) return r.log.highWatermark;
  }
  return null;
}

export function groupReports(
  side: ConsumerSide | null,
  brokers: ReadonlyMap<number, Broker>,
  services: ReadonlyMap<number, GroupServices>,
  held?: HeldRecords,
): { groups: GroupReport[]; counts: ConsumerCounts } {
  if (!side) return { groups: [], counts: NO_COUNTS };
  const groups = side.groups.map((g): GroupReport => {
    const d = describe(brokers, services, g['group.id']);
    const committed = d?.committed ?? Object.fromEntries(side.accounting.committedBy(g['group.id']));
    side.accounting.raiseCommitted(g['group.id'], committed);
    const lag: Record<string, number> = {};
    for (const [p, offset] of Object.entries(committed)) {
      const hw = highWatermark(brokers, p);
      if (hw !== null) lag[p] = Math.max(0, hw - offset);
    }
    return {
      'group.id': g['group.id'],
      state: d?.state ?? 'Unavailable',
      generation: d?.generation ?? -1,
      protocol: d?.protocol ?? null,
      assignment: d?.assignment ?? {},
      committed: sortByPartition(committed),
      lag: sortByPartition(lag),
    };
  });
  return { groups, counts: side.accounting.counts(held) };
}

function sortByPartition(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(o).sort(([a], [b]) => {
      const [ta, pa] = splitPartitionKey(a);
      const [tb, pb] = splitPartitionKey(b);
      return ta < tb ? -1 : ta > tb ? 1 : pa - pb;
    }),
  );
}
