/**
 * The controller's view of one partition's leadership (KRaft's PartitionRegistration): online
 * with a leader, or offline with none. The controller decides *who* leads
 * (`model/election.ts`); this machine records the lifecycle and the epochs.
 *
 * leaderEpoch rises on every leader change; partitionEpoch on every change at all (leader or ISR),
 * as in Kafka. The rules of a change live here: an unclean leader is the whole ISR; a replica
 * leaving the ISR never leaves it empty; a leader's AlterPartition is taken only for the current
 * leader and partition epochs, with the leader still in the ISR and only eligible replicas joining.
 */
import { assign, setup } from 'xstate';
import { registerMachine } from '../core/graphCodec';

export interface LeadershipContext {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
}

export type LeadershipEvent =
  /** `unclean`: the leader is not in `isr`; its log becomes the truth and it alone the ISR. */
  | { type: 'ELECT'; leader: number; isr: number[]; unclean?: boolean }
  | { type: 'GO_OFFLINE'; isr: number[] }
  | { type: 'CHANGE_ISR'; isr: number[] }
  /**
   * A PREFERRED election (auto.leader.rebalance.enable): `leader` is the first assigned replica;
   * `eligible`: it is unfenced. Taken only if it does not lead already and is in the ISR.
   */
  | { type: 'ELECT_PREFERRED'; leader: number; eligible: boolean }
  /** A fenced broker leaves the ISR (ReplicationControlManager.handleBrokerFenced). */
  | { type: 'REMOVE_FROM_ISR'; broker: number }
  /** A leader asks for a new ISR; `eligible`: the replicas that may join (unfenced, KIP-841). */
  | AlterPartitionEvent;

export interface AlterPartitionEvent {
  type: 'ALTER_PARTITION';
  broker: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
  eligible: number[];
}

export type AlterPartitionError = 'FENCED_LEADER_EPOCH' | 'INVALID_UPDATE_VERSION' | 'INELIGIBLE_REPLICA';

/**
 * ReplicationControlManager.alterPartition's checks, in its order: a request from a deposed
 * leader or for an old leader epoch is fenced; one for an old partition epoch is stale; the new
 * ISR must keep the leader and add only eligible replicas. null: the change is taken.
 */
export function alterPartitionError(context: LeadershipContext, req: Omit<AlterPartitionEvent, 'type'>): AlterPartitionError | null {
  if (context.leader !== req.broker || context.leaderEpoch !== req.leaderEpoch) return 'FENCED_LEADER_EPOCH';
  if (context.partitionEpoch !== req.partitionEpoch) return 'INVALID_UPDATE_VERSION';
  const joining = req.newIsr.filter((b) => !context.isr.includes(b));
  if (!req.newIsr.includes(req.broker) || joining.some((b) => !req.eligible.includes(b))) return 'INELIGIBLE_REPLICA';
  return null;
}

/** The ISR without `broker`, unless it is the last member: an ISR is never empty (without ELR). */
export function isrWithout(isr: readonly number[], broker: number): number[] {
  return isr.length > 1 ? isr.filter((b) => b !== broker) : [...isr];
}

/** Kafka's LeaderAndIsr.NO_LEADER. */
export const NO_LEADER = -1;

export const partitionLeadershipMachine = setup({
  types: {
    context: {} as LeadershipContext,
    events: {} as LeadershipEvent,
    input: {} as { leader: number; isr: number[] },
  },
  guards: {
    validAlterPartition: ({ context, event }) => event.type === 'ALTER_PARTITION' && alterPartitionError(context, event) === null,
    /** QuorumController.balancePartitionLeaders → PartitionChangeBuilder with PREFERRED election. */
    preferredMayLead: ({ context, event }) =>
      event.type === 'ELECT_PREFERRED' && event.eligible && event.leader !== context.leader && context.isr.includes(event.leader),
    leavesIsrNonEmpty: ({ context, event }) => event.type === 'REMOVE_FROM_ISR' && context.isr.includes(event.broker) && context.isr.length > 1,
  },
  actions: {
    elect: assign(({ context, event }) => {
      if (event.type === 'ELECT_PREFERRED') return { leader: event.leader, leaderEpoch: context.leaderEpoch + 1, partitionEpoch: context.partitionEpoch + 1 };
      if (event.type !== 'ELECT') return {};
      return {
        leader: event.leader,
        leaderEpoch: context.leaderEpoch + 1,
        isr: event.unclean ? [event.leader] : event.isr,
        partitionEpoch: context.partitionEpoch + 1,
      };
    }),
    loseLeader: assign(({ context, event }) => {
      if (event.type !== 'GO_OFFLINE') return {};
      return { leader: NO_LEADER, leaderEpoch: context.leaderEpoch + 1, isr: event.isr, partitionEpoch: context.partitionEpoch + 1 };
    }),
    changeIsr: assign(({ context, event }) => {
      if (event.type === 'CHANGE_ISR') return { isr: event.isr, partitionEpoch: context.partitionEpoch + 1 };
      if (event.type === 'ALTER_PARTITION') return { isr: [...event.newIsr], partitionEpoch: context.partitionEpoch + 1 };
      if (event.type === 'REMOVE_FROM_ISR') return { isr: isrWithout(context.isr, event.broker), partitionEpoch: context.partitionEpoch + 1 };
      return {};
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
        ELECT_PREFERRED: { guard: 'preferredMayLead', actions: 'elect' },
        GO_OFFLINE: { target: 'offline', actions: 'loseLeader' },
        CHANGE_ISR: { actions: 'changeIsr' },
        REMOVE_FROM_ISR: { guard: 'leavesIsrNonEmpty', actions: 'changeIsr' },
        ALTER_PARTITION: { guard: 'validAlterPartition', actions: 'changeIsr' },
      },
    },
    offline: {
      on: {
        ELECT: { target: 'online', actions: 'elect' },
        ELECT_PREFERRED: { guard: 'preferredMayLead', target: 'online', actions: 'elect' },
        CHANGE_ISR: { actions: 'changeIsr' },
        REMOVE_FROM_ISR: { guard: 'leavesIsrNonEmpty', actions: 'changeIsr' },
      },
    },
  },
});

registerMachine(partitionLeadershipMachine);
