/**
 * What the parts of a consumer share: its identity, settings, process, requests in flight, owned
 * partitions and membership machine, and the other parts through their contracts (parts.ts; wired
 * by member.ts).
 */
import type { Actor } from 'xstate';
import type { TraceEvent } from '../../core/trace';
import type { GroupErrorCode } from '../../core/trace';
import type { consumerMemberMachine, MemberEvent, MemberState, MemberTag } from '../../machines/consumerMember.machine';
import type { GroupSpec } from '../../scenario/types';
import type { SimContext } from '../../sim/context';
import type { Message } from '../../sim/messages';
import type { ClientProcess } from './process';
import type { InFlightRequests } from './requests';
import type { Subscriptions } from './subscriptions';
import type { ApplicationPart, CommitterPart, CoordinationPart, FetcherPart, MemberLifecycle, RebalancerPart } from './parts';

export interface MemberCore {
  readonly group: string;
  /** Short name (c1); the node is `<group>/<name>`. */
  readonly name: string;
  readonly node: string;
  readonly instanceId: string | null;
  readonly spec: GroupSpec;
  readonly ctx: SimContext;
  readonly brokerIds: readonly number[];
  readonly partitionCounts: ReadonlyMap<string, number>;
  readonly process: ClientProcess;
  readonly requests: InFlightRequests;
  readonly subs: Subscriptions;
  readonly machine: Actor<typeof consumerMemberMachine>;
  readonly coordination: CoordinationPart;
  readonly committer: CommitterPart;
  readonly fetcher: FetcherPart;
  readonly rebalancer: RebalancerPart;
  readonly app: ApplicationPart;
  readonly self: MemberLifecycle;
}

export const nowOf = (m: MemberCore): number => m.ctx.queue.now;
export const stateOf = (m: MemberCore): MemberState => m.machine.getSnapshot().value as MemberState;
export const memberIdOf = (m: MemberCore): string => m.machine.getSnapshot().context.memberId;
export const generationOf = (m: MemberCore): number => m.machine.getSnapshot().context.generation;
/** Does the member's state allow this (the machine's tags: inGeneration, committing, rebalancing)? */
export const allows = (m: MemberCore, tag: MemberTag): boolean => m.machine.getSnapshot().hasTag(tag);
/** Would the member's machine take this event now? */
export const canSend = (m: MemberCore, event: MemberEvent): boolean => m.machine.getSnapshot().can(event);

export function emit(m: MemberCore, event: TraceEvent): void {
  m.ctx.emit(event);
}

export function send(m: MemberCore, broker: number, message: Message): void {
  m.ctx.network.send(m.node, `b${broker}`, message);
}

/** Errors after which the client looks for the coordinator again (`markCoordinatorUnknown`). */
export function isCoordinatorError(e: GroupErrorCode | 'NETWORK_EXCEPTION' | 'REQUEST_TIMED_OUT'): boolean {
  return e === 'NOT_COORDINATOR' || e === 'COORDINATOR_NOT_AVAILABLE' || e === 'COORDINATOR_LOAD_IN_PROGRESS' || e === 'NETWORK_EXCEPTION' || e === 'REQUEST_TIMED_OUT';
}
