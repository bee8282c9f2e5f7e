/**
 * The fault-schedule generator: one seed, one scenario, in a configuration Kafka promises is safe
 * (RF 3, acks=all, min.insync.replicas 2, unclean election off, idempotence on, no power loss).
 * Faults (crash, restart, isolate, cut, heal, slow, dropRequests, dropResponses) fall in a fault
 * window; then everything is healed and restarted, a few records are sent to prove the cluster
 * works again, and a quiet period lets it recover before the checker looks. Odd seeds add consumer
 * groups that commit after processing into an idempotent sink.
 *
 * Every record's key is unique ("a<action>-{i}"), so the checker can tell records apart in the
 * final logs, and stays unique when the shrinker drops actions.
 */
import { createRng, type Rng } from './random';

export type Action = { at: number; do: string } & Record<string, unknown>;

/** A scenario as JSON input (the engine validates it). */
export interface HuntScenario {
  name: string;
  seed: number;
  until: number;
  brokers: number;
  topics: { name: string; partitions: number; 'replication.factor': number }[];
  broker: Record<string, unknown>;
  producers: ({ id: string } & Record<string, unknown>)[];
  groups?: ({ 'group.id': string; topics: string[]; members: number } & Record<string, unknown>)[];
  network?: Record<string, number>;
  script: Action[];
}

/** After the final heal: how long until the post-heal records are sent, and the quiet period. */
export const POST_HEAL_PRODUCE_MS = 15_000;
export const QUIET_MS = 60_000;
export const QUIET_WITH_GROUPS_MS = 90_000;
/** Marks the actions of the recovery phase (the checker's liveness checks start from it). */
export const RECOVERY_MARK = 'recovery';

export interface GenerateOptions {
  /** Force consumer groups on or off (default: on for odd seeds). */
  groups?: boolean;
  /** Also crash, pause and add consumers (default: a third of the scenarios with groups). */
  memberFaults?: boolean;
}

export function generateScenario(seed: number, options: GenerateOptions = {}): HuntScenario {
  const rng = createRng(seed);
  const withGroups = options.groups ?? seed % 2 === 1;
  const brokers = rng.int(3, 5);
  const topics = Array.from({ length: rng.int(1, 2) }, (_, i) => ({ name: `t${i + 1}`, partitions: rng.int(1, 4), 'replication.factor': 3 }));
  const producers = Array.from({ length: rng.int(1, 3) }, (_, i) => producerSpec(rng, `p${i + 1}`));
  const groups = withGroups ? Array.from({ length: rng.int(1, 2) }, (_, i) => groupSpec(rng, `g${i + 1}`, topics.map((t) => t.name))) : undefined;
  const memberFaults = withGroups && (options.memberFaults ?? rng.chance(1 / 3));

  const nodes = [
    ...Array.from({ length: brokers }, (_, i) => `b${i + 1}`),
    'controller',
    ...producers.map((p) => p.id),
    ...(groups ?? []).flatMap((g) => Array.from({ length: g.members }, (_, i) => `${g['group.id']}/c${i + 1}`)),
  ];
  const windowMs = rng.int(5_000, 40_000);
  const script: Action[] = [];
  const produceCount = rng.int(1, 4);
  for (let i = 0; i < produceCount; i++) {
    const p = rng.pick(producers);
    const t = rng.pick(topics);
    script.push({ at: rng.int(0, windowMs), do: 'produce', producer: p.id, topic: t.name, count: rng.int(3, 80), every: rng.pick([0, 1, 10, 50, 100]) });
  }
  const faultCount = rng.int(1, 8);
  const ctx: FaultContext = { rng, brokers, nodes, groups: groups ?? [], memberFaults, addedMembers: 0 };
  for (let i = 0; i < faultCount; i++) script.push(fault(ctx, rng.int(500, windowMs)));
  script.sort((a, b) => a.at - b.at);

  const healAt = windowMs + rng.int(500, 5_000);
  script.push({ at: healAt, do: 'heal', note: RECOVERY_MARK });
  for (let b = 1; b <= brokers; b++) script.push({ at: healAt, do: 'slow', broker: b, 'latency.ms': 0 });
  for (let b = 1; b <= brokers; b++) script.push({ at: healAt, do: 'restart', broker: b });
  let replaced = 0;
  for (const a of script.filter((x) => x.do === 'crashMember')) {
    script.push({ at: healAt, do: 'addMember', group: a.group, member: `r${++replaced}` });
  }
  for (const p of producers) {
    script.push({ at: healAt + POST_HEAL_PRODUCE_MS, do: 'produce', producer: p.id, topic: rng.pick(topics).name, count: 5, every: 10 });
  }
  // Every produce action gets its own key prefix, after sorting, so keys stay stable when shrinking.
  script.forEach((a, i) => {
    if (a.do === 'produce') {
      a.key = `a${i}-{i}`;
      a.value = `v{i}`;
    }
  });
  const until = healAt + (withGroups ? QUIET_WITH_GROUPS_MS : QUIET_MS);
  const scenario: HuntScenario = {
    name: `hunt seed ${seed}`,
    seed,
    until,
    brokers,
    topics,
    broker: {
      'min.insync.replicas': 2,
      'unclean.leader.election.enable': false,
      'replica.lag.time.max.ms': rng.pick([10_000, 30_000]),
      ...(withGroups ? { 'offsets.topic.num.partitions': 3 } : {}),
    },
    producers,
    ...(groups ? { groups } : {}),
    network: { 'latency.ms': rng.pick([1, 1, 5]), 'jitter.ms': rng.pick([0, 0, 2]) },
    script: script.map(stripNote),
  };
  // Drawn last, so that adding it left every other part of a seed's scenario as it was: the
  // controller moves leadership back to preferred replicas during the run (more leader changes).
  if (rng.chance(0.3)) scenario.broker['leader.imbalance.check.interval.seconds'] = rng.pick([5, 10]);
  return scenario;
}

function stripNote(a: Action): Action {
  if (a.note === undefined) return a;
  const { note: _note, ...rest } = a;
  return rest as Action;
}

function producerSpec(rng: Rng, id: string): { id: string } & Record<string, unknown> {
  const requestTimeout = rng.pick([1_000, 3_000, 10_000, 30_000]);
  const linger = rng.pick([0, 5, 20]);
  const spec: { id: string } & Record<string, unknown> = {
    id,
    acks: 'all',
    'enable.idempotence': true,
    'max.in.flight.requests.per.connection': rng.pick([1, 2, 5, 5]),
    'request.timeout.ms': requestTimeout,
    // Bounded so that every record has its answer well within the quiet period.
    'delivery.timeout.ms': Math.max(requestTimeout + linger, rng.pick([5_000, 20_000, 45_000])),
    'retry.backoff.ms': rng.pick([10, 100, 500]),
    'linger.ms': linger,
    'batch.size': rng.pick([200, 1_000, 16_384]),
    send: rng.pick(['async', 'async', 'sync', 'fire-and-forget']),
  };
  if (rng.chance(0.3)) spec.retries = rng.pick([1, 3, 10]);
  if (rng.chance(0.3)) spec['metadata.max.age.ms'] = rng.pick([2_000, 10_000]);
  return spec;
}

function groupSpec(rng: Rng, id: string, topicNames: string[]): { 'group.id': string; topics: string[]; members: number } & Record<string, unknown> {
  const session = rng.pick([6_000, 10_000, 45_000]);
  const topics = topicNames.filter(() => rng.chance(0.7));
  return {
    'group.id': id,
    topics: topics.length > 0 ? topics : [topicNames[0]!],
    members: rng.int(1, 3),
    commit: rng.pick(['sync-after-processing', 'async-after-processing']),
    'idempotent.sink': true,
    'enable.auto.commit': false,
    'auto.offset.reset': 'earliest',
    'processing.ms': rng.int(1, 5),
    'max.poll.records': rng.pick([10, 100, 500]),
    'session.timeout.ms': session,
    'heartbeat.interval.ms': Math.floor(session / 3),
    // A lost JoinGroup answer is waited for max.poll.interval.ms + 5 s (Kafka's JoinGroup request
    // timeout): kept well inside the quiet period so that a group can always catch up.
    'max.poll.interval.ms': rng.pick([10_000, 20_000, 30_000]),
    ...(rng.chance(0.5) ? { 'partition.assignment.strategy': [rng.pick(['range', 'roundrobin', 'sticky', 'cooperative-sticky'])] } : {}),
  };
}

interface FaultContext {
  rng: Rng;
  brokers: number;
  nodes: string[];
  groups: { 'group.id': string; members: number }[];
  memberFaults: boolean;
  addedMembers: number;
}

function fault(c: FaultContext, at: number): Action {
  const { rng } = c;
  const broker = rng.int(1, c.brokers);
  const kinds = ['crash', 'crash', 'restart', 'isolate', 'cut', 'cut', 'heal', 'slow', 'dropRequests', 'dropResponses'];
  if (c.memberFaults) kinds.push('crashMember', 'pauseMember', 'addMember');
  switch (rng.pick(kinds)) {
    case 'crash':
      return { at, do: 'crash', broker };
    case 'restart':
      return { at, do: 'restart', broker };
    case 'isolate':
      return { at, do: 'isolate', node: rng.pick(c.nodes) };
    case 'cut':
      return { at, do: 'cut', between: twoNodes(rng, c.nodes) };
    case 'heal':
      return rng.chance(0.5) ? { at, do: 'heal' } : { at, do: 'heal', between: twoNodes(rng, c.nodes) };
    case 'slow':
      return { at, do: 'slow', broker, 'latency.ms': rng.pick([100, 1_000, 3_000, 8_000]) };
    case 'dropRequests':
      return { at, do: 'dropRequests', broker, count: rng.int(1, 12) };
    case 'dropResponses':
      return { at, do: 'dropResponses', broker, count: rng.int(1, 12) };
    default:
      return memberFault(c, at);
  }
}

/** Consumer faults; a crashed member is replaced by a new one so the group can still catch up. */
function memberFault(c: FaultContext, at: number): Action {
  const { rng } = c;
  const g = rng.pick(c.groups);
  const member = `c${rng.int(1, g.members)}`;
  const kind = rng.pick(['crashMember', 'pauseMember', 'addMember']);
  if (kind === 'pauseMember') return { at, do: 'pauseMember', group: g['group.id'], member, ms: rng.pick([2_000, 15_000, 50_000]) };
  if (kind === 'addMember') return { at, do: 'addMember', group: g['group.id'], member: `n${++c.addedMembers}` };
  return { at, do: 'crashMember', group: g['group.id'], member };
}

function twoNodes(rng: Rng, nodes: readonly string[]): [string, string] {
  const a = rng.pick(nodes);
  let b = rng.pick(nodes);
  while (b === a) b = rng.pick(nodes);
  return [a, b];
}
