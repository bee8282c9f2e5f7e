/**
 * The controller's view of one partition's leadership (KRaft's PartitionRegistration): online
 * with a leader, or offline with none. The controller decides *who* leads
 * (`model/election.ts`); this machine records the lifecycle and the epochs.
 *
 * leaderEpoch rises on every leader change; partitionEpoch on every change at all (leader or ISR),
 * as in Kafka.
 */
import { assign, setup } from 'xstate';

export interface LeadershipContext {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
}

export type LeadershipEvent =
  | { type: 'ELECT'; leader: number; isr: number[] }
  | { type: 'GO_OFFLINE'; isr: number[] }
  | { type: 'CHANGE_ISR'; isr: number[] };

/** Kafka's LeaderAndIsr.NO_LEADER. */
export const NO_LEADER = -1;

export const partitionLeadershipMachine = setup({
  types: {
    context: {} as LeadershipContext,
    events: {} as LeadershipEvent,
    input: {} as { leader: number; isr: number[] },
  },
  actions: {
    elect: assign(({ context, event }) => {
      if (event.type !== 'ELECT') return {};
      return {
        leader: event.leader,
        leaderEpoch: context.leaderEpoch + 1,
        isr: event.isr,
        partitionEpoch: context.partitionEpoch + 1,
      };
    }),
    loseLeader: assign(({ context, event }) => {
      if (event.type !== 'GO_OFFLINE') return {};
      return { leader: NO_LEADER, leaderEpoch: context.leaderEpoch + 1, isr: event.isr, partitionEpoch: context.partitionEpoch + 1 };
    }),
    changeIsr: assign(({ context, event }) => {
      if (event.type !== 'CHANGE_ISR') return {};
      return { isr: event.isr, partitionEpoch: context.partitionEpoch + 1 };
    }),
  },
}).createMachine({
  id: 'partitionLeadership',
  context: ({ input }) => ({ leader: input.leader, leaderEpoch: 0, isr: input.isr, partitionEpoch: 0 }),
  initial: 'online',
  states: {
    online: {
      on: {
        ELECT: { actions: 'elect' },
        GO_OFFLINE: { target: 'offline', actions: 'loseLeader' },
        CHANGE_ISR: { actions: 'changeIsr' },
      },
    },
    offline: {
      on: {
        ELECT: { target: 'online', actions: 'elect' },
        CHANGE_ISR: { actions: 'changeIsr' },
      },
    },
  },
});
