/**
 * The engine's lifecycle machines described as plain data, read from each xstate machine's own
 * definition (`machine.root`: its state nodes and their resolved transitions), so a diagram drawn
 * from this can never disagree with the machine the engine runs. Serializable: no functions, no
 * xstate objects; the same output every call.
 *
 * A state is named by its path from the machine's root, joined by dots ("running", or
 * "parent.child" for a nested state); the root itself is "" (a transition from the root, such as
 * the consumer member's CLOSE, can fire in any state).
 */
import type { AnyStateMachine } from 'xstate';
import { brokerMachine } from './broker.machine';
import { brokerRegistrationMachine } from './brokerRegistration.machine';
import { consumerMemberMachine } from './consumerMember.machine';
import { groupCoordinatorMachine } from './groupCoordinator.machine';
import { partitionLeadershipMachine } from './partitionLeadership.machine';

/**
 * Which entity a machine describes: a broker (as its own process sees itself), a broker's
 * registration (as the controller sees it), a partition's leadership, a group (at its
 * coordinator), a group member.
 */
export type MachineKind = 'broker' | 'registration' | 'partition' | 'group' | 'member';

export const MACHINE_KINDS: readonly MachineKind[] = ['broker', 'registration', 'partition', 'group', 'member'];

export interface MachineStateDefinition {
  /** Dotted path from the root ("" for the root itself). */
  readonly path: string;
  /** The state's own name (the last part of its path; the machine's id for the root). */
  readonly key: string;
  /** The parent's path; null for the root. */
  readonly parent: string | null;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** A compound state's initial child (its path); null otherwise. */
  readonly initial: string | null;
  /** Child paths, in the order the machine declares them. */
  readonly children: readonly string[];
  /** Nesting depth: 0 for the root, 1 for its children. */
  readonly depth: number;
}

export interface MachineTransitionDefinition {
  /** Unique within the machine: `${from}|${event}|${index among this event's transitions from this state}`. */
  readonly id: string;
  readonly from: string;
  /** The event type ("" for an eventless `always` transition). */
  readonly event: string;
  /**
   * The target state's path; null for a targetless transition (it stays in `from` and only runs
   * its actions, e.g. the partition's ISR changes while online).
   */
  readonly to: string | null;
  /** The guard's name, null when unguarded. */
  readonly guard: string | null;
  /** Names of the actions it runs. */
  readonly actions: readonly string[];
}

export interface MachineDefinition {
  readonly kind: MachineKind;
  /** The xstate machine's id ("broker", "partitionLeadership", …). */
  readonly id: string;
  /** Every state node, the root first, then depth-first in declaration order. */
  readonly states: readonly MachineStateDefinition[];
  /** Every transition, in the order xstate would try them (state by state, then event by event). */
  readonly transitions: readonly MachineTransitionDefinition[];
}

const MACHINES: Record<MachineKind, AnyStateMachine> = {
  broker: brokerMachine,
  registration: brokerRegistrationMachine,
  partition: partitionLeadershipMachine,
  group: groupCoordinatorMachine,
  member: consumerMemberMachine,
};

/** The part of xstate's StateNode this reader relies on (read-only). */
interface NodeLike {
  key: string;
  path: string[];
  type: MachineStateDefinition['type'];
  states: Record<string, NodeLike>;
  initial?: { target?: readonly NodeLike[] } | undefined;
  transitions: ReadonlyMap<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[] | undefined;
}

interface TransitionLike {
  eventType: string;
  target?: readonly NodeLike[] | undefined;
  guard?: unknown;
  actions?: readonly unknown[] | undefined;
}

const pathOf = (node: NodeLike): string => node.path.join('.');

/** A guard as a name: `'hasMembers'`, `{ type: 'hasMembers' }`, or a named function. */
function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'inline guard';
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return (guard as { type: string }).type;
  return 'inline guard';
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') return action.name || 'inline action';
  if (typeof action === 'object' && action !== null && typeof (action as { type?: unknown }).type === 'string') return (action as { type: string }).type;
  return 'inline action';
}

function describeMachine(kind: MachineKind, machine: AnyStateMachine): MachineDefinition {
  const root = machine.root as unknown as NodeLike;
  const states: MachineStateDefinition[] = [];
  const transitions: MachineTransitionDefinition[] = [];
  const visit = (node: NodeLike, parent: string | null): void => {
    const path = pathOf(node);
    const children = Object.values(node.states);
    const initial = node.initial?.target?.[0];
    states.push({
      path,
      key: parent === null ? machine.id : node.key,
      parent,
      type: node.type,
      initial: node.type === 'compound' && initial ? pathOf(initial) : null,
      children: children.map(pathOf),
      depth: node.path.length,
    });
    const all: [string, readonly TransitionLike[]][] = [...node.transitions];
    if (node.always?.length) all.push(['', node.always]);
    for (const [event, list] of all) {
      list.forEach((t, i) => {
        const target = t.target?.[0];
        transitions.push({
          id: `${path}|${event}|${i}`,
          from: path,
          event: event || t.eventType || '',
          to: target ? pathOf(target) : null,
          guard: guardName(t.guard),
          actions: (t.actions ?? []).map(actionName),
        });
      });
    }
    for (const child of children) visit(child, path);
  };
  visit(root, null);
  return { kind, id: machine.id, states, transitions };
}

let cache: Record<MachineKind, MachineDefinition> | null = null;

/** The lifecycle machines as plain data (computed once; callers must not mutate it). */
export function machineDefinitions(): Readonly<Record<MachineKind, MachineDefinition>> {
  if (!cache) {
    cache = {
      broker: describeMachine('broker', MACHINES.broker),
      registration: describeMachine('registration', MACHINES.registration),
      partition: describeMachine('partition', MACHINES.partition),
      group: describeMachine('group', MACHINES.group),
      member: describeMachine('member', MACHINES.member),
    };
  }
  return cache;
}

/** One machine's description. */
export function machineDefinition(kind: MachineKind): MachineDefinition {
  return machineDefinitions()[kind];
}
