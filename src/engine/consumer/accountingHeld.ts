/**
 * What each group's running members hold in memory and will hand to the application (for the
 * accounting's skipped count, consumer/accounting.ts): the records in their fetch buffers, and
 * those in fetch responses on the wire to them. Read from the live cluster when a report asks,
 * and only for a group that has deleted records still unread.
 */
import type { ConsumerClients } from './clients';
import type { MessageInFlight } from '../sim/wire';

/** group → the records its running members hold in memory and will hand to the application. */
export type HeldRecords = (group: string) => ReadonlySet<number>;

const NONE: ReadonlySet<number> = new Set();

export function heldInMemory(clients: ConsumerClients | null, network: { inFlight(): readonly MessageInFlight[] }): HeldRecords {
  let held: Map<string, Set<number>> | null = null;
  return (group) => {
    held ??= collect(clients, network);
    return held.get(group) ?? NONE;
  };
}

function collect(clients: ConsumerClients | null, network: { inFlight(): readonly MessageInFlight[] }): Map<string, Set<number>> {
  const held = new Map<string, Set<number>>();
  if (!clients) return held;
  /** A running member's node name → its group's set. */
  const setOfNode = new Map<string, Set<number>>();
  for (const [group, members] of clients.members) {
    const ids = new Set<number>();
    held.set(group, ids);
    for (const member of members.values()) {
      if (!member.isRunning) continue;
      setOfNode.set(member.name, ids);
      for (const id of member.bufferedRecordIds()) ids.add(id);
    }
  }
  // A fetch response already sent: the broker read the records before retention deleted them.
  for (const m of network.inFlight()) {
    const ids = m.kind === 'FetchResponse' && m.recordIds ? setOfNode.get(m.to) : undefined;
    if (ids) for (const id of m.recordIds!) ids.add(id);
  }
  return held;
}
