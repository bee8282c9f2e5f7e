/**
 * Which entity's machine to show, what state it is in (read from the engine's snapshot), and which
 * transitions fired between two snapshots. Pure functions over plain data (unit-tested in Node).
 *
 * Every state is in the snapshot already: a broker's `state` is its broker machine's state, its
 * `fenced` the state of its registration machine at the controller (fenced or unfenced), a
 * member's `state` its member machine's, a group's `state` its coordinator machine's ('Unavailable'
 * while no coordinator serves it: no machine then), and a partition is `online` exactly while it
 * has a leader (the leadership machine's GO_OFFLINE sets NO_LEADER, ELECT sets one).
 */
import type { ClusterSnapshot, MachineDefinition, MachineKind, TraceEvent } from '../engine';

export type MachineTarget =
  | { kind: 'broker'; broker: number }
  | { kind: 'registration'; broker: number }
  | { kind: 'partition'; topic: string; partition: number }
  | { kind: 'group'; group: string }
  | { kind: 'member'; group: string; member: string };

export const targetKey = (t: MachineTarget): string => {
  switch (t.kind) {
    case 'broker':
      return `broker:${t.broker}`;
    case 'registration':
      return `registration:${t.broker}`;
    case 'partition':
      return `partition:${t.topic}-${t.partition}`;
    case 'group':
      return `group:${t.group}`;
    case 'member':
      return `member:${t.group}/${t.member}`;
  }
};

export const kindOf = (t: MachineTarget): MachineKind => t.kind;

/** What the snapshot says about one entity. */
export interface EntityReading {
  /** The machine's state path; null when the entity has no machine running now (a group without coordinator). */
  state: string | null;
  /** The snapshot's own word when `state` is null ('Unavailable'). */
  raw: string;
  /** Partitions: the leader epoch (a rise while online is the ELECT that stays online). */
  leaderEpoch?: number;
  /** Partitions: the ISR, joined (a change while the state stays is one of the ISR transitions). */
  isr?: string;
}

/** Every entity of the snapshot that has a machine, in the order a picker lists them. */
export function targetsOf(snapshot: ClusterSnapshot | null): MachineTarget[] {
  if (!snapshot) return [];
  return [
    ...snapshot.brokers.map((b): MachineTarget => ({ kind: 'broker', broker: b.id })),
    ...snapshot.brokers.map((b): MachineTarget => ({ kind: 'registration', broker: b.id })),
    ...snapshot.partitions.map((p): MachineTarget => ({ kind: 'partition', topic: p.topic, partition: p.partition })),
    ...snapshot.groups.flatMap((g): MachineTarget[] => [
      { kind: 'group', group: g.id },
      ...g.members.map((m): MachineTarget => ({ kind: 'member', group: g.id, member: m.name })),
    ]),
  ];
}

/** The entity's state now; null when the snapshot has no such entity. */
export function readEntity(snapshot: ClusterSnapshot | null, target: MachineTarget): EntityReading | null {
  if (!snapshot) return null;
  switch (target.kind) {
    case 'broker': {
      const b = snapshot.brokers.find((x) => x.id === target.broker);
      return b ? { state: b.state, raw: b.state } : null;
    }
    case 'registration': {
      const b = snapshot.brokers.find((x) => x.id === target.broker);
      if (!b) return null;
      const state = b.fenced ? 'fenced' : 'unfenced';
      return { state, raw: state };
    }
    case 'partition': {
      const p = snapshot.partitions.find((x) => x.topic === target.topic && x.partition === target.partition);
      if (!p) return null;
      const state = p.leader >= 0 ? 'online' : 'offline';
      return { state, raw: state, leaderEpoch: p.leaderEpoch, isr: p.isr.join(',') };
    }
    case 'group': {
      const g = snapshot.groups.find((x) => x.id === target.group);
      if (!g) return null;
      return { state: GROUP_STATES.has(g.state) ? g.state : null, raw: g.state };
    }
    case 'member': {
      const m = snapshot.groups.find((x) => x.id === target.group)?.members.find((x) => x.name === target.member);
      return m ? { state: m.state, raw: m.state } : null;
    }
  }
}

const GROUP_STATES = new Set(['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead']);

/** `path` and its ancestors, nearest first ("a.b" → ["a.b", "a", ""]). */
function selfAndAncestors(path: string): string[] {
  const out = [path];
  let p = path;
  while (p !== '') {
    const i = p.lastIndexOf('.');
    p = i < 0 ? '' : p.slice(0, i);
    out.push(p);
  }
  return out;
}

/** Transitions that could take the machine from `from` to `to` (with `events`, only those events). */
export function candidates(def: MachineDefinition, from: string, to: string, events?: readonly string[]): string[] {
  const sources = new Set(selfAndAncestors(from));
  return def.transitions
    .filter((t) => sources.has(t.from) && (t.to === null ? from === to && t.from === from : t.to === to || to.startsWith(`${t.to}.`)))
    .filter((t) => !events || events.includes(t.event))
    .map((t) => t.id);
}

/** A state change seen between two moments: from, to, and the transitions that could have made it. */
export interface Step {
  from: string;
  to: string;
  transitions: string[];
}

/**
 * The steps between two readings of the same entity. A group's steps come from the coordinator's
 * GroupStateChanged events when the frame carries them (several can happen between two
 * snapshots: PreparingRebalance → CompletingRebalance → Stable); otherwise one step from the
 * earlier state to the later, plus the partition's transitions that stay online or offline.
 */
export function stepsBetween(def: MachineDefinition, target: MachineTarget, before: EntityReading | null, after: EntityReading | null, events: readonly TraceEvent[] = []): Step[] {
  if (!before || !after || before.state === null || after.state === null) return [];
  if (target.kind === 'group') {
    const changes = events.filter((e): e is Extract<TraceEvent, { type: 'GroupStateChanged' }> => e.type === 'GroupStateChanged' && e.group === target.group);
    if (changes.length && changes[0]!.from === before.state && changes.at(-1)!.to === after.state) {
      return changes.map((e) => ({ from: e.from, to: e.to, transitions: candidates(def, e.from, e.to) }));
    }
  }
  if (before.state !== after.state) return [{ from: before.state, to: after.state, transitions: candidates(def, before.state, after.state) }];
  if (target.kind === 'partition') {
    const s = after.state;
    if (before.leaderEpoch !== after.leaderEpoch) return [{ from: s, to: s, transitions: candidates(def, s, s, ['ELECT']) }];
    if (before.isr !== after.isr) return [{ from: s, to: s, transitions: candidates(def, s, s, ['CHANGE_ISR', 'ALTER_PARTITION', 'REMOVE_FROM_ISR']) }];
  }
  return [];
}
