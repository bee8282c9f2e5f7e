/**
 * The scenario contract: what a validated scenario looks like after `parseScenario` has checked it
 * and filled in Kafka's defaults. Settings keep Kafka's own names so a learner can paste them into
 * a real client or broker config.
 */

/** Broker-level settings (server.properties names), cluster-wide. */
export interface BrokerSettings {
  'min.insync.replicas': number;
  'unclean.leader.election.enable': boolean;
  /** How often the KRaft controller tries unclean elections for leaderless partitions (internal). */
  'unclean.leader.election.interval.ms': number;
  'replica.lag.time.max.ms': number;
  'replica.fetch.wait.max.ms': number;
  'replica.fetch.max.bytes': number;
  'replica.fetch.backoff.ms': number;
  /** null = never (Kafka's default, Long.MAX_VALUE). */
  'log.flush.interval.messages': number | null;
  /** null = never (Kafka's default, Long.MAX_VALUE). */
  'log.flush.interval.ms': number | null;
  /** How often the log flusher looks at `log.flush.interval.ms`; null = never (Kafka's default). */
  'log.flush.scheduler.interval.ms': number | null;
  /** -1 = keep forever. */
  'log.retention.ms': number;
  /** -1 = no size limit. Per partition. */
  'log.retention.bytes': number;
  'log.segment.bytes': number;
  'log.roll.ms': number;
  'log.retention.check.interval.ms': number;
  'broker.heartbeat.interval.ms': number;
  'broker.session.timeout.ms': number;
  /** The controller moves leadership back to each partition's preferred replica (default true). */
  'auto.leader.rebalance.enable': boolean;
  /** How long the controller waits, once a partition is led by another replica, before it does. */
  'leader.imbalance.check.interval.seconds': number;
  /** Accepted for compatibility: ZooKeeper mode only, ignored by KRaft controllers (and here). */
  'leader.imbalance.per.broker.percentage': number;
  /** Partitions of `__consumer_offsets` (read once, when the cluster starts). */
  'offsets.topic.num.partitions': number;
  /** Its replication factor, capped at the number of brokers. */
  'offsets.topic.replication.factor': number;
  /** How long the coordinator waits for more members when the first joins an empty group. */
  'group.initial.rebalance.delay.ms': number;
  /** The session timeouts the coordinator accepts in a JoinGroup. */
  'group.min.session.timeout.ms': number;
  'group.max.session.timeout.ms': number;
  /** How long an offset commit waits for the __consumer_offsets replicas before REQUEST_TIMED_OUT. */
  'offsets.commit.timeout.ms': number;
}

/** Topic-level overrides, with Kafka's topic config names. Absent = the broker's setting. */
export interface TopicConfig {
  'min.insync.replicas'?: number;
  'unclean.leader.election.enable'?: boolean;
  'retention.ms'?: number;
  'retention.bytes'?: number;
  'segment.bytes'?: number;
  'segment.ms'?: number;
  'flush.messages'?: number | null;
  'flush.ms'?: number | null;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  'replication.factor': number;
  /** replica.assignment[p] = broker ids of partition p, preferred leader first. */
  'replica.assignment'?: number[][];
  config: TopicConfig;
}

export type Acks = '0' | '1' | 'all';

/**
 * How the application uses send (a playground setting, not Kafka's): `sync` waits for each
 * record's result (`send(record).get()`), `async` passes a callback, `fire-and-forget` ignores
 * the result — a failed record goes unnoticed.
 */
export type SendStyle = 'sync' | 'async' | 'fire-and-forget';

export interface ProducerSettings {
  acks: Acks;
  retries: number;
  'retry.backoff.ms': number;
  'retry.backoff.max.ms': number;
  'request.timeout.ms': number;
  'delivery.timeout.ms': number;
  'linger.ms': number;
  'batch.size': number;
  'max.in.flight.requests.per.connection': number;
  'enable.idempotence': boolean;
  'metadata.max.age.ms': number;
  'buffer.memory': number;
  'max.block.ms': number;
  'max.request.size': number;
  /** null = the built-in (uniform sticky) partitioner; or Kafka's RoundRobinPartitioner. */
  'partitioner.class': string | null;
  send: SendStyle;
}

export interface ProducerSpec extends ProducerSettings {
  id: string;
  /** The setting names the scenario gave explicitly (Kafka validates some only when explicit). */
  explicit: (keyof ProducerSettings)[];
}

export type AutoOffsetReset = 'latest' | 'earliest' | 'none';
/** What the application itself commits (a playground setting; `none` relies on auto commit). */
export type CommitStyle = 'none' | 'sync-after-processing' | 'async-after-processing' | 'sync-before-processing';
/** Where records are processed: in the poll loop, or handed to another thread (`async`). */
export type ProcessingStyle = 'in-poll-loop' | 'async';

/** A consumer group's client settings (ConsumerConfig names) and the playground's application. */
export interface GroupSettings {
  'session.timeout.ms': number;
  'heartbeat.interval.ms': number;
  'max.poll.interval.ms': number;
  'max.poll.records': number;
  'fetch.max.wait.ms': number;
  'max.partition.fetch.bytes': number;
  'enable.auto.commit': boolean;
  'auto.commit.interval.ms': number;
  'auto.offset.reset': AutoOffsetReset;
  /** Assignor short names in preference order (Kafka's class names are accepted on input). */
  'partition.assignment.strategy': string[];
  'request.timeout.ms': number;
  'retry.backoff.ms': number;
  commit: CommitStyle;
  processing: ProcessingStyle;
  /** Virtual ms the application spends on each record (playground). */
  'processing.ms': number;
  /** The application dedupes by record id: a record processed again has no second effect. */
  'idempotent.sink': boolean;
}

export interface MemberSpec {
  /** `c1`, `c2` … unless named; the member's node is `<group.id>/<name>`. */
  name: string;
  /** Static membership (KIP-345). */
  'group.instance.id'?: string;
}

export interface GroupSpec extends GroupSettings {
  'group.id': string;
  topics: string[];
  /** The members running from the start. */
  members: MemberSpec[];
}

export interface NetworkSettings {
  /** One-way latency of every link, in ms (default 1). */
  'latency.ms': number;
  /** Seeded uniform jitter added to each message, 0..jitter.ms (default 0). */
  'jitter.ms': number;
}

interface ActionBase {
  at: number;
}

interface ProduceBase extends ActionBase {
  do: 'produce';
  producer: string;
  topic: string;
  /** Template with `{i}` (0-based index); null = records without a key. */
  key: string | null;
  value: string;
  partition?: number;
}
/** `count` records, `every` ms apart; or, with `rate`, records per second until stopped. */
export type ProduceAction =
  | (ProduceBase & { count: number; every: number; rate?: undefined })
  | (ProduceBase & { rate: number; count?: undefined; every?: undefined });
/** Stops the producer's rate (or count) jobs: all of them, or those on one topic. */
export interface StopProducingAction extends ActionBase {
  do: 'stopProducing';
  producer: string;
  topic?: string;
}
export interface BrokerAction extends ActionBase {
  do: 'crash' | 'powerLoss' | 'restart';
  broker: number;
}
export interface IsolateAction extends ActionBase {
  do: 'isolate';
  node: string;
}
export interface CutAction extends ActionBase {
  do: 'cut';
  between: [string, string];
}
export interface HealAction extends ActionBase {
  do: 'heal';
  between?: [string, string];
}
export interface SlowAction extends ActionBase {
  do: 'slow';
  broker: number;
  'latency.ms': number;
}
export interface DropAction extends ActionBase {
  do: 'dropRequests' | 'dropResponses';
  broker: number;
  count: number;
}
/** Changes settings at run time: broker-wide (no target), one topic, one producer or one group. */
export type SetAction =
  | (ActionBase & { do: 'set'; config: Partial<BrokerSettings> })
  | (ActionBase & { do: 'set'; topic: string; config: TopicConfig })
  | (ActionBase & { do: 'set'; producer: string; config: Partial<ProducerSettings> })
  /** A group's consumer config: members that start after it use it (see consumer/clients.ts). */
  | (ActionBase & { do: 'set'; group: string; config: Partial<GroupSettings> });

/** Starts a consumer in a group (a new member, or a crashed or removed one again). */
export interface AddMemberAction extends ActionBase {
  do: 'addMember';
  group: string;
  member: string;
  'group.instance.id'?: string;
}
/** removeMember: close() (commit if auto commit is on, leave the group); crashMember: kill -9. */
export interface MemberAction extends ActionBase {
  do: 'removeMember' | 'crashMember';
  group: string;
  member: string;
}
/** A long GC pause: no heartbeats, no polls, no processing for `ms`. */
export interface PauseMemberAction extends ActionBase {
  do: 'pauseMember';
  group: string;
  member: string;
  ms: number;
}

export type ScriptAction =
  | ProduceAction
  | StopProducingAction
  | BrokerAction
  | IsolateAction
  | CutAction
  | HealAction
  | SlowAction
  | DropAction
  | SetAction
  | AddMemberAction
  | MemberAction
  | PauseMemberAction;

export interface Scenario {
  /** A title for the report; absent when the scenario has none. */
  name?: string;
  description?: string;
  seed: number;
  until: number;
  brokers: number;
  topics: TopicSpec[];
  broker: BrokerSettings;
  producers: ProducerSpec[];
  /** Consumer groups; absent when the scenario has none. */
  groups?: GroupSpec[];
  network: NetworkSettings;
  /** Sorted by `at` (stable). */
  script: ScriptAction[];
}
