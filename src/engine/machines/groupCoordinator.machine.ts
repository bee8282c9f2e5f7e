/**
 * A classic consumer group as its coordinator sees it (Kafka's `ClassicGroupState`, formerly
 * `GroupMetadata.scala`). Lifecycle events only: the coordinator (consumer/coordinator/) keeps the
 * members, offsets and timers, and tells this machine when the group moves on.
 *
 *   Empty ──PREPARE_REBALANCE──▶ PreparingRebalance ──JOIN_COMPLETE (over, members)──▶ CompletingRebalance
 *     ▲                              │   ▲                                          │
 *     └─JOIN_COMPLETE (over, none)───┘   └────────PREPARE_REBALANCE─────────────────┤
 *                                        ▲                                          ▼
 *                                        └──────────PREPARE_REBALANCE────────── Stable ◀─SYNC_COMPLETE
 *   any ──UNLOAD──▶ Dead (the coordinator moved away or the group is gone)
 *
 * The join phase is over (`joinPhaseOver`) when every known member has sent JoinGroup in this
 * round (`ClassicGroup.hasAllMembersJoined`) and the initial rebalance delay is not running, or
 * when one of the phase's timers fired (the rebalance timeout, or the end of the initial delay):
 * `GroupMetadataManager.maybeCompleteJoinPhase` and its timeouts. The coordinator keeps the
 * members and the timers; it tells the machine the facts in the event and asks `can` first.
 * The leader's assignment completes the sync phase only for the generation it was computed for.
 *
 * The generation rises each time the join phase completes (`ClassicGroup.initNextGeneration`),
 * whether or not members are left.
 */
import { assign, setup } from 'xstate';
import { registerMachine } from '../core/graphCodec';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupContext {
  generation: number;
}

export type GroupEvent =
  | { type: 'PREPARE_REBALANCE' }
  /**
   * `members`: those that joined (they stay); `notJoined`: known members that did not rejoin
   * (dropped when a timer ends the phase); `initialDelay`: the initial rebalance delay is
   * running; `timerFired`: the rebalance timeout or the initial delay ended the phase.
   */
  | { type: 'JOIN_COMPLETE'; members: number; notJoined: number; initialDelay: boolean; timerFired: boolean }
  /** The leader's assignment for `generation` is stored. */
  | { type: 'SYNC_COMPLETE'; generation: number }
  | { type: 'UNLOAD' };

type JoinComplete = Extract<GroupEvent, { type: 'JOIN_COMPLETE' }>;

function joinPhaseOver(e: JoinComplete): boolean {
  return e.timerFired || (e.notJoined === 0 && !e.initialDelay);
}

export const groupCoordinatorMachine = setup({
  types: {
    context: {} as GroupContext,
    events: {} as GroupEvent,
    input: {} as { generation: number },
  },
  actions: {
    nextGeneration: assign(({ context }) => ({ generation: context.generation + 1 })),
  },
  guards: {
    /** Every member rejoined (and no initial delay runs), or a timer ended the phase. */
    joinPhaseOver: ({ event }) => event.type === 'JOIN_COMPLETE' && joinPhaseOver(event),
    /** The phase is over and members are left: they get the new generation. */
    joinPhaseOverWithMembers: ({ event }) => event.type === 'JOIN_COMPLETE' && joinPhaseOver(event) && event.members > 0,
    forThisGeneration: ({ context, event }) => event.type === 'SYNC_COMPLETE' && event.generation === context.generation,
  },
}).createMachine({
  id: 'groupCoordinator',
  context: ({ input }) => ({ generation: input.generation }),
  initial: 'Empty',
  states: {
    Empty: {
      on: { PREPARE_REBALANCE: 'PreparingRebalance', UNLOAD: 'Dead' },
    },
    PreparingRebalance: {
      on: {
        JOIN_COMPLETE: [
          { guard: 'joinPhaseOverWithMembers', target: 'CompletingRebalance', actions: 'nextGeneration' },
          { guard: 'joinPhaseOver', target: 'Empty', actions: 'nextGeneration' },
        ],
        UNLOAD: 'Dead',
      },
    },
    CompletingRebalance: {
      on: { SYNC_COMPLETE: { guard: 'forThisGeneration', target: 'Stable' }, PREPARE_REBALANCE: 'PreparingRebalance', UNLOAD: 'Dead' },
    },
    Stable: {
      on: { PREPARE_REBALANCE: 'PreparingRebalance', UNLOAD: 'Dead' },
    },
    Dead: { type: 'final' },
  },
});

/** A group as loaded from `__consumer_offsets`: Stable when it had members, else Empty. */
export function loadedGroupSnapshot(generation: number, state: 'Empty' | 'Stable') {
  return groupCoordinatorMachine.resolveState({ value: state, context: { generation } });
}

registerMachine(groupCoordinatorMachine);
