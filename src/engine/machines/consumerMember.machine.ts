/**
 * A consumer's membership in its group as the client sees it (`AbstractCoordinator.MemberState`
 * plus the ends of its life). Lifecycle events only: polls, fetches and records never go through
 * it, and the engine runs the timers (heartbeats, poll timeout) on its own queue.
 *
 *   unjoined ──JOIN──▶ joining ──JOINED──▶ syncing ──SYNCED──▶ stable ──JOIN──▶ joining …
 *   joining | syncing | stable ──RESET──▶ unjoined   (an error: UNKNOWN_MEMBER_ID, a poll timeout …)
 *   any live state ──CLOSE──▶ dead (a graceful close)      ──CRASH──▶ dead (the process died)
 *
 * Context: the member id the coordinator gave it and the generation it joined.
 *
 * The tags say what each state allows, so the client asks the machine instead of listing states:
 *   inGeneration  syncing or stable: it holds a generation, so it heartbeats (the heartbeat
 *                 thread runs from the JoinGroup answer on) and a poll timeout makes it leave;
 *   committing    stable: commits carry its generation (`generationIfStable`);
 *   rebalancing   joining or syncing: a commit now fails with REBALANCE_IN_PROGRESS, where an
 *                 unjoined or dead member's fails with NOT_A_MEMBER (no generation at all).
 */
import { assign, setup } from 'xstate';
import { registerMachine } from '../core/graphCodec';

export type MemberState = 'unjoined' | 'joining' | 'syncing' | 'stable' | 'dead';

export interface MemberContext {
  memberId: string;
  generation: number;
}

/** What a state allows (see the header). */
export type MemberTag = 'inGeneration' | 'committing' | 'rebalancing';

export type MemberEvent =
  | { type: 'JOIN' }
  | { type: 'JOINED'; memberId: string; generation: number }
  | { type: 'SYNCED' }
  | { type: 'RESET'; forgetMemberId: boolean }
  | { type: 'CLOSE' }
  | { type: 'CRASH' };

/** Kafka's JoinGroupRequest.UNKNOWN_MEMBER_ID and UNKNOWN_GENERATION_ID. */
export const UNKNOWN_MEMBER_ID = '';
export const NO_GENERATION = -1;

export const consumerMemberMachine = setup({
  types: { context: {} as MemberContext, events: {} as MemberEvent, tags: {} as MemberTag },
  actions: {
    joined: assign(({ event }) => (event.type === 'JOINED' ? { memberId: event.memberId, generation: event.generation } : {})),
    reset: assign(({ context, event }) =>
      event.type === 'RESET' ? { generation: NO_GENERATION, memberId: event.forgetMemberId ? UNKNOWN_MEMBER_ID : context.memberId } : {},
    ),
  },
}).createMachine({
  id: 'consumerMember',
  context: { memberId: UNKNOWN_MEMBER_ID, generation: NO_GENERATION },
  initial: 'unjoined',
  on: { CLOSE: '.dead', CRASH: '.dead' },
  states: {
    unjoined: { on: { JOIN: 'joining' } },
    joining: { tags: ['rebalancing'], on: { JOINED: { target: 'syncing', actions: 'joined' }, RESET: { target: 'unjoined', actions: 'reset' } } },
    syncing: { tags: ['rebalancing', 'inGeneration'], on: { SYNCED: 'stable', JOIN: 'joining', RESET: { target: 'unjoined', actions: 'reset' } } },
    stable: { tags: ['inGeneration', 'committing'], on: { JOIN: 'joining', RESET: { target: 'unjoined', actions: 'reset' } } },
    dead: { type: 'final' },
  },
});

registerMachine(consumerMemberMachine);
