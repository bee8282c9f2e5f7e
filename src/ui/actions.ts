// Every fault and workload action a learner can click, as engine commands with a label key. The
// toolbar and the context menu both list these, so they always offer the same things.
import type { Command } from '../engine';

export interface FaultAction {
  id: string;
  /** i18n key; its label names the target ("Crash broker 1"). */
  label: string;
  vars: Record<string, unknown>;
  command: Command;
  danger?: boolean;
}

/** An action's React key: its command, which differs between two groups' "Add a member" (the id does not). */
export const actionKey = (a: FaultAction): string => JSON.stringify(a.command);

const cmd = (c: Record<string, unknown>) => c as unknown as Command;

export function brokerActions(broker: number): FaultAction[] {
  const vars = { broker };
  return [
    { id: 'crash', label: 'actions.crash', vars, command: cmd({ do: 'crash', broker }), danger: true },
    { id: 'powerLoss', label: 'actions.powerLoss', vars, command: cmd({ do: 'powerLoss', broker }), danger: true },
    { id: 'restart', label: 'actions.restart', vars, command: cmd({ do: 'restart', broker }) },
    { id: 'isolate', label: 'actions.isolate', vars, command: cmd({ do: 'isolate', node: `b${broker}` }), danger: true },
    { id: 'slow', label: 'actions.slow', vars: { ...vars, ms: 2000 }, command: cmd({ do: 'slow', broker, 'latency.ms': 2000 }) },
    { id: 'unslow', label: 'actions.unslow', vars, command: cmd({ do: 'slow', broker, 'latency.ms': 0 }) },
    { id: 'dropRequests', label: 'actions.dropRequests', vars: { ...vars, count: 3 }, command: cmd({ do: 'dropRequests', broker, count: 3 }) },
    { id: 'dropResponses', label: 'actions.dropResponses', vars: { ...vars, count: 3 }, command: cmd({ do: 'dropResponses', broker, count: 3 }) },
  ];
}

/** What a link is now, for the actions that fit it (the context menu knows; the toolbar does not). */
export interface LinkNow {
  cut: boolean;
  /** Its ends that are brokers, and which of them are slowed (the engine slows a broker's every link). */
  brokers: { broker: number; slow: boolean }[];
}

/**
 * A link's actions. Without `now` (the toolbar's two pickers) both cut and heal; with it, what
 * fits: a cut link heals; a working one is cut, and each broker end can be slowed or unslowed.
 */
export function linkActions(a: string, b: string, now?: LinkNow): FaultAction[] {
  const cut: FaultAction = { id: 'cut', label: 'actions.cut', vars: { a, b }, command: cmd({ do: 'cut', between: [a, b] }), danger: true };
  const heal: FaultAction = { id: 'heal', label: 'actions.heal', vars: { a, b }, command: cmd({ do: 'heal', between: [a, b] }) };
  if (!now) return [cut, heal];
  if (now.cut) return [heal];
  const slowing = now.brokers.map(({ broker, slow }) => brokerActions(broker).find((x) => x.id === (slow ? 'unslow' : 'slow'))!);
  return [cut, ...slowing];
}

export function healAllAction(): FaultAction {
  return { id: 'healAll', label: 'actions.healAll', vars: {}, command: cmd({ do: 'heal' }) };
}

export function memberActions(group: string, member: string): FaultAction[] {
  const vars = { group, member };
  return [
    { id: 'crashMember', label: 'actions.crashMember', vars, command: cmd({ do: 'crashMember', group, member }), danger: true },
    { id: 'removeMember', label: 'actions.removeMember', vars, command: cmd({ do: 'removeMember', group, member }) },
    { id: 'pauseMember', label: 'actions.pauseMember', vars: { ...vars, seconds: 60 }, command: cmd({ do: 'pauseMember', group, member, ms: 60000 }), danger: true },
  ];
}

export function groupActions(group: string): FaultAction[] {
  return [{ id: 'addMember', label: 'actions.addMember', vars: { group }, command: cmd({ do: 'addMember', group }) }];
}

export function producerActions(producer: string, topic: string): FaultAction[] {
  const vars = { producer, topic };
  return [
    { id: 'burst', label: 'actions.burst', vars: { ...vars, count: 50 }, command: cmd({ do: 'produce', producer, topic, count: 50, every: 0, key: 'burst-{i}' }) },
    { id: 'startProducing', label: 'actions.startProducing', vars, command: cmd({ do: 'produce', producer, topic, count: 10000, every: 250, key: 'key-{i}' }) },
  ];
}
