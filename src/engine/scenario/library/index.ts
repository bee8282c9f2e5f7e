/**
 * Built-in scenarios: one per way a cluster loses (or keeps) acknowledged records, and one per way
 * a consumer group skips or repeats records. Plain JSON, in
 * the same format a learner or docs author writes.
 */
import acks1LeaderCrash from './acks1-leader-crash.json';
import acks0LeaderCrash from './acks0-leader-crash.json';
import acksAllMinIsr2 from './acksall-min-isr-2.json';
import jepsenUnclean from './jepsen-unclean-election.json';
import jepsenMinIsr2 from './jepsen-min-isr-2.json';
import jepsenUncleanOff from './jepsen-unclean-off.json';
import powerLossDefault from './power-loss-default-flush.json';
import powerLossFlushed from './power-loss-flush-every-message.json';
import retention from './retention-moves-log-start.json';
import zombieLeader from './zombie-leader.json';
import retriesDuplicate from './retries-duplicate.json';
import idempotenceNoDuplicates from './idempotence-no-duplicates.json';
import inFlightReorders from './in-flight-reorders.json';
import fireAndForget from './fire-and-forget.json';
import batchingLinger from './batching-linger.json';
import autoCommitCrash from './auto-commit-crash-duplicates.json';
import idempotentSink from './idempotent-sink.json';
import commitBeforeProcessing from './commit-before-processing-loses.json';
import commitAfterProcessing from './commit-after-processing.json';
import asyncProcessing from './async-processing-auto-commit-loses.json';
import retentionOutrunsConsumer from './retention-outruns-consumer.json';
import latestOffsetReset from './latest-offset-reset-skips.json';
import twoGroups from './two-groups-pubsub.json';
import moreMembers from './more-members-than-partitions.json';
import cooperativeVsEager from './cooperative-vs-eager.json';
import staticMembership from './static-membership-restart.json';
import slowProcessing from './slow-processing-leaves-group.json';
import coordinatorFailover from './coordinator-failover.json';

export interface BuiltInScenario {
  /** Stable id, used in links and tests. */
  id: string;
  title: string;
  summary: string;
  /** The raw scenario JSON (validate with parseScenario). */
  scenario: unknown;
}

function entry(id: string, json: { name: string; description: string }): BuiltInScenario {
  return { id, title: json.name, summary: json.description, scenario: json };
}

export const builtInScenarios: readonly BuiltInScenario[] = [
  entry('acks1-leader-crash', acks1LeaderCrash),
  entry('acks0-leader-crash', acks0LeaderCrash),
  entry('acksall-min-isr-2', acksAllMinIsr2),
  entry('jepsen-unclean-election', jepsenUnclean),
  entry('jepsen-min-isr-2', jepsenMinIsr2),
  entry('jepsen-unclean-off', jepsenUncleanOff),
  entry('power-loss-default-flush', powerLossDefault),
  entry('power-loss-flush-every-message', powerLossFlushed),
  entry('zombie-leader', zombieLeader),
  entry('retention-moves-log-start', retention),
  entry('retries-duplicate', retriesDuplicate),
  entry('idempotence-no-duplicates', idempotenceNoDuplicates),
  entry('in-flight-reorders', inFlightReorders),
  entry('fire-and-forget', fireAndForget),
  entry('batching-linger', batchingLinger),
  // Consumers: commits, rebalances and what they do to processing.
  entry('auto-commit-crash-duplicates', autoCommitCrash),
  entry('idempotent-sink', idempotentSink),
  entry('commit-before-processing-loses', commitBeforeProcessing),
  entry('commit-after-processing', commitAfterProcessing),
  entry('async-processing-auto-commit-loses', asyncProcessing),
  entry('retention-outruns-consumer', retentionOutrunsConsumer),
  entry('latest-offset-reset-skips', latestOffsetReset),
  entry('two-groups-pubsub', twoGroups),
  entry('more-members-than-partitions', moreMembers),
  entry('cooperative-vs-eager', cooperativeVsEager),
  entry('static-membership-restart', staticMembership),
  entry('slow-processing-leaves-group', slowProcessing),
  entry('coordinator-failover', coordinatorFailover),
];
