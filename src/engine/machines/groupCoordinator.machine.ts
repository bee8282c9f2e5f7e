/**
 * A classic consumer group as its coordinator sees it (Kafka's `ClassicGroupState`, formerly
 * `GroupMetadata.scala`). Lifecycle events only: the coordinator (consumer/coordinator/) keeps the
 * members, offsets and timers, and tells this machine when the group moves on.
 *
 *   Empty ──PREPARE_REBALANCE──▶ PreparingRebalance ──JOIN_COMPLETE (members)──▶ CompletingRebalance
 *     ▲                              │   ▲                                          │
 *     └──JOIN_COMPLETE (no members)──┘   └────────PREPARE_REBALANCE─────────────────┤
 *                                        ▲                                          ▼
 *                                        └──────────PREPARE_REBALANCE────────── Stable ◀─SYNC_COMPLETE
 *   any ──UNLOAD──▶ Dead (the coordinator moved away or the group is gone)
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
  | { type: 'JOIN_COMPLETE'; members: number }
  | { type: 'SYNC_COMPLETE' }
  | { type: 'UNLOAD' };

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
    hasMembers: ({ event }) => event.type === 'JOIN_COMPLETE' && event.members > 0,
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
          { guard: 'hasMembers', target: 'CompletingRebalance', actions: 'nextGeneration' },
          { target: 'Empty', actions: 'nextGeneration' },
        ],
        UNLOAD: 'Dead',
      },
    },
    CompletingRebalance: {
      on: { SYNC_COMPLETE: 'Stable', PREPARE_REBALANCE: 'PreparingRebalance', UNLOAD: 'Dead' },
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
