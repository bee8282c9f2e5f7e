/**
 * The machines as data must be the machines the engine runs: every state and every transition
 * the xstate definition has, with its event, target and guard, and nothing invented.
 */
import { createActor, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { brokerMachine } from './broker.machine';
import { brokerRegistrationMachine } from './brokerRegistration.machine';
import { consumerMemberMachine } from './consumerMember.machine';
import { groupCoordinatorMachine } from './groupCoordinator.machine';
import { partitionLeadershipMachine } from './partitionLeadership.machine';
import { machineDefinitions, MACHINE_KINDS, type MachineDefinition } from './definitions';

const defs = machineDefinitions();
const leaves = (d: MachineDefinition) => d.states.filter((s) => s.parent !== null).map((s) => s.path).sort();
const edge = (d: MachineDefinition, from: string, event: string) =>
  d.transitions.filter((t) => t.from === from && t.event === event).map((t) => ({ to: t.to, guard: t.guard }));

describe('machine definitions as data', () => {
  it('the broker has running, fenced, recovering, crashed and poweredOff, starting fenced', () => {
    const b = defs.broker;
    expect(leaves(b)).toEqual(['crashed', 'fenced', 'poweredOff', 'recovering', 'running']);
    expect(b.states[0]).toMatchObject({ path: '', key: 'broker', initial: 'fenced', parent: null });
    expect(edge(b, 'crashed', 'RESTART')).toEqual([{ to: 'recovering', guard: null }]);
    expect(edge(b, 'recovering', 'REGISTERED')).toEqual([{ to: 'fenced', guard: 'forThisIncarnation' }]);
    expect(edge(b, 'fenced', 'HEARTBEAT_ANSWER')).toEqual([
      { to: 'running', guard: 'answersUnfenced' },
      { to: null, guard: 'forThisEpoch' },
    ]);
    expect(edge(b, 'running', 'HEARTBEAT_ANSWER')[0]).toEqual({ to: 'fenced', guard: 'answersFenced' });
    for (const from of ['running', 'fenced', 'recovering']) expect(edge(b, from, 'POWER_LOSS')).toEqual([{ to: 'poweredOff', guard: null }]);
  });

  it('the group goes Empty → PreparingRebalance → CompletingRebalance → Stable, guarded by joinPhaseOver', () => {
    const g = defs.group;
    expect(leaves(g)).toEqual(['CompletingRebalance', 'Dead', 'Empty', 'PreparingRebalance', 'Stable']);
    expect(edge(g, 'Empty', 'PREPARE_REBALANCE')).toEqual([{ to: 'PreparingRebalance', guard: null }]);
    expect(edge(g, 'PreparingRebalance', 'JOIN_COMPLETE')).toEqual([
      { to: 'CompletingRebalance', guard: 'joinPhaseOverWithMembers' },
      { to: 'Empty', guard: 'joinPhaseOver' },
    ]);
    expect(edge(g, 'CompletingRebalance', 'SYNC_COMPLETE')).toEqual([{ to: 'Stable', guard: 'forThisGeneration' }]);
    expect(g.states.find((s) => s.path === 'Dead')?.type).toBe('final');
  });

  it('the partition is online or offline; ISR changes are targetless transitions', () => {
    const p = defs.partition;
    expect(leaves(p)).toEqual(['offline', 'online']);
    expect(edge(p, 'online', 'GO_OFFLINE')).toEqual([{ to: 'offline', guard: null }]);
    expect(edge(p, 'offline', 'ELECT')).toEqual([{ to: 'online', guard: null }]);
    expect(edge(p, 'online', 'ALTER_PARTITION')).toEqual([{ to: null, guard: 'validAlterPartition' }]);
  });

  it('the member closes or crashes from any state: transitions from the root', () => {
    const m = defs.member;
    expect(leaves(m)).toEqual(['dead', 'joining', 'stable', 'syncing', 'unjoined']);
    expect(edge(m, '', 'CLOSE')).toEqual([{ to: 'dead', guard: null }]);
    expect(edge(m, '', 'CRASH')).toEqual([{ to: 'dead', guard: null }]);
  });

  const machines: Record<string, AnyStateMachine> = {
    broker: brokerMachine,
    registration: brokerRegistrationMachine,
    partition: partitionLeadershipMachine,
    group: groupCoordinatorMachine,
    member: consumerMemberMachine,
  };

  it.each(MACHINE_KINDS)('%s: every state and transition of the xstate machine, and no others', (kind) => {
    const def = defs[kind];
    const machine = machines[kind]!;
    const paths = new Set(def.states.map((s) => s.path));
    // Every transition has both ends among the states, and ids are unique.
    for (const t of def.transitions) {
      expect(paths.has(t.from), t.id).toBe(true);
      if (t.to !== null) expect(paths.has(t.to), t.id).toBe(true);
    }
    expect(new Set(def.transitions.map((t) => t.id)).size).toBe(def.transitions.length);
    // The count matches xstate's own listing of each state node's transitions.
    const count = (node: typeof machine.root): number =>
      [...node.transitions.values()].reduce((n, list) => n + list.length, 0) + Object.values(node.states).reduce((n, c) => n + count(c), 0);
    expect(def.transitions.length).toBe(count(machine.root));
    // The initial state the data names is the one a fresh actor starts in.
    const actor = createActor(machine, { input: { generation: 0, leader: 1, isr: [1], brokerEpoch: 1 } }).start();
    expect(def.states[0]!.initial).toBe(String(actor.getSnapshot().value));
    actor.stop();
    // Plain data: survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(def))).toEqual(def);
  });

  it('is the same on every call', () => {
    expect(JSON.stringify(machineDefinitions())).toBe(JSON.stringify(defs));
  });
});
