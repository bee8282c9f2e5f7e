/**
 * The simulation loop: builds the cluster from a scenario, schedules the script, and offers the
 * app its handle — step, run until a time, dispatch a command, subscribe to events, snapshot.
 * Commands go in, snapshots and trace events come out (DESIGN.md rule 3).
 */
import { EventQueue } from '../core/eventQueue';
import { createRandom } from '../core/random';
import type { ElectionCandidate, TraceEvent, Traced } from '../core/trace';
import { assignReplicas } from '../model/election';
import { parseScenario } from '../scenario/parse';
import type { Report } from '../scenario/report.types';
import { buildReport } from '../scenario/report';
import type { BrokerSettings, ProducerSettings, Scenario, ScriptAction, TopicConfig } from '../scenario/types';
import { Broker } from './broker';
import { ClusterConfig } from './config';
import { brokerName, partitionKey, type SimContext } from './context';
import { Controller } from './controller';
import { CauseTracker } from './causes';
import { EventLog, type EventsSince } from './eventLog';
import { Ledger } from './ledger';
import { Network, type MessageInFlight } from './network';
import { SnapshotBuilder, logCells, type ClusterSnapshot, type LogCell, type SnapshotOptions } from './snapshot';
import { RecordEvents } from './recordEvents';
import { StoryBook } from './story';
import { Producer, startProduceJob } from '../producer';
import { ConsumerAccounting } from '../consumer/accounting';
import { ConsumerClients } from '../consumer/clients';
import { offsetsTopicAssignments, offsetsTopicSpec } from '../consumer/offsetsTopic';
import type { ConsumerSide } from '../consumer/report';
import type { ScenarioIssue } from '../scenario/parse';
import { CommandLane, ProduceJobs, type DispatchResult } from './commands';

/** A script action without its time: applied at the simulation's current time. */
export type Command = ScriptAction extends infer A ? (A extends ScriptAction ? Omit<A, 'at'> : never) : never;

export type { ClusterSnapshot, ReplicaSnapshot } from './snapshot';

export interface SimulationOptions {
  /**
   * Keep every trace event in memory for `trace()` (default false: memory grows with the run;
   * tests and the CLI's `--trace` turn it on). Without it, `eventsSince` reads a bounded ring.
   */
  recordTrace?: boolean;
  /** How many of the latest events `eventsSince` can return without a recorded trace (default 65536). */
  traceWindow?: number;
}

export interface Simulation {
  readonly scenario: Scenario;
  now(): number;
  /** Runs the next event; false when nothing is left to run. */
  step(): boolean;
  runUntil(time: number): void;
  /** [] when the command is valid now; else its problems, as the scenario parser words them. */
  validate(command: Command | unknown): ScenarioIssue[];
  /** Queues a valid command at the current time, in a script action's slot (sim/commands.ts). */
  dispatch(command: Command | unknown): DispatchResult;
  /** The applied commands as script entries (`{ at, do, … }`), in the order they run. */
  commands(): ScriptAction[];
  /** Every event as it is emitted, numbered (`id`) and with its `cause` where known. */
  subscribe(listener: (event: Traced) => void): () => void;
  /** The messages on the wire now, oldest first (a view draws them between sentAt and deliverAt). */
  inFlight(): MessageInFlight[];
  /** The cluster as a view draws it (sim/snapshot.ts); unchanged entities keep their object and version. */
  snapshot(options?: SnapshotOptions): ClusterSnapshot;
  /** Up to `count` cells of one replica's log from `fromOffset` (none when the broker holds no replica). */
  logWindow(topic: string, partition: number, broker: number, fromOffset: number, count: number): LogCell[];
  /** The whole trace: only with `recordTrace: true` (else empty). */
  trace(): readonly Traced[];
  /** The events after `cursor` (an event id; 0 for the start) still held, and the next cursor. */
  eventsSince(cursor: number): EventsSince;
  /** The chain of events that explains one record's fate, oldest first, ending in its verdict. */
  story(recordId: number): Traced[];
  report(options?: { logs?: boolean }): Report;
}

/** The simulated cluster's parts, for the report builder. */
export interface Cluster {
  readonly scenario: Scenario;
  readonly brokers: ReadonlyMap<number, Broker>;
  readonly controller: Controller;
  readonly ledger: Ledger;
  readonly producers: ReadonlyMap<string, Producer>;
  /** Consumer groups and their accounting; null when the scenario has no groups. */
  readonly consumers: ConsumerSide | null;
  readonly clients: ConsumerClients | null;
  /** For engine-internal tests that put a probe node on the network. */
  readonly network: Network;
}

export function createSimulation(input: unknown, options: SimulationOptions = {}): Simulation {
  return buildSimulation(input, options).simulation;
}

/** The simulation and its cluster's parts: for engine-internal tests that check invariants. */
export function buildSimulation(input: unknown, options: SimulationOptions = {}): { simulation: Simulation; cluster: Cluster } {
  const scenario = parseScenario(input);
  const queue = new EventQueue();
  const random = createRandom(scenario.seed);
  const listeners = new Set<(event: Traced) => void>();
  const records = new RecordEvents();
  const causes = new CauseTracker(records);
  const events = new EventLog(options.traceWindow, options.recordTrace ?? false);
  const stories = new StoryBook(records, events, (id) => ledger.facts(id));
  let nextEventId = 1;
  /** Verdicts given while an event is observed: they go out right after it. */
  const verdicts: Traced[] = [];
  const deliver = (e: Traced): void => {
    version++;
    events.add(e);
    for (const l of listeners) l(e);
  };
  const verdict = (event: TraceEvent): number => {
    const e = number(event);
    records.observe(e);
    verdicts.push(e);
    return e.id;
  };
  const ledger = new Ledger(records, verdict);
  const groups = scenario.groups ?? [];
  const accounting = groups.length > 0 ? new ConsumerAccounting(groups, ledger, verdict) : null;
  let version = 0;
  // Numbers the event in place: emitters hand over fresh objects, and a copy per event would
  // double the garbage of a busy run.
  const number = (event: TraceEvent): Traced => {
    const e = event as Traced & { id: number };
    e.id = nextEventId++;
    return e;
  };
  const emit = (event: TraceEvent): void => {
    if (event.cause === undefined) {
      const cause = causes.infer(event);
      if (cause > 0) event.cause = cause;
    }
    if (event.type === 'LeaderElected' && !event.candidates) event.candidates = candidatesOf(brokers, event.topic, event.partition);
    const e = number(event);
    records.observe(e);
    causes.observe(e);
    ledger.observe(e);
    accounting?.observe(e);
    deliver(e);
    while (verdicts.length > 0) {
      const v = verdicts.shift()!;
      deliver(v);
      stories.onVerdict(v as Traced & { recordId: number });
    }
  };
  // __consumer_offsets exists only when the scenario has groups (it is internal: not in the report's
  // partitions, not among the topics producers write to).
  const offsetsTopic = groups.length > 0 ? offsetsTopicSpec(scenario.broker, scenario.brokers) : null;
  const config = new ClusterConfig(scenario.broker, offsetsTopic ? [...scenario.topics, offsetsTopic] : scenario.topics);
  const network = new Network(queue, random.fork('network'), emit, scenario.network['latency.ms'], scenario.network['jitter.ms']);
  let nextProducerId = 0;
  const allocateProducerId = (): { producerId: number; producerEpoch: number } => ({ producerId: nextProducerId++, producerEpoch: 0 });
  const ctx: SimContext = { queue, network, random, config, emit, allocateProducerId };

  const brokerIds = Array.from({ length: scenario.brokers }, (_, i) => i + 1);
  const assignments = scenario.topics.flatMap((t) => {
    const placement = t['replica.assignment'] ?? assignReplicas(brokerIds, t.partitions, t['replication.factor']);
    return placement.map((replicas, partition) => ({ topic: t.name, partition, replicas }));
  });
  if (offsetsTopic) assignments.push(...offsetsTopicAssignments(offsetsTopic, brokerIds));
  const controller = new Controller(ctx, brokerIds, assignments);
  network.register(controller);
  const brokers = new Map<number, Broker>();
  for (const id of brokerIds) {
    const broker = new Broker(id, ctx);
    brokers.set(id, broker);
    network.register(broker);
  }
  ledger.attach(
    {
      log: (broker, topic, partition) => brokers.get(broker)?.replicas.get(partitionKey(topic, partition))?.log,
      event: (id) => events.get(id),
    },
    controller.partitionStates(),
  );
  const initialImage = controller.image();
  for (const broker of brokers.values()) broker.bootstrap(initialImage);

  const partitionCounts = new Map(scenario.topics.map((t) => [t.name, t.partitions]));
  let nextRecordId = 1;
  const producers = new Map<string, Producer>();
  for (const spec of scenario.producers) {
    const producer = new Producer(spec, ctx, partitionCounts, brokerIds, () => nextRecordId++);
    producers.set(spec.id, producer);
    network.register(producer);
  }

  const clients = groups.length > 0 ? new ConsumerClients(scenario, ctx, brokerIds, partitionCounts) : null;
  clients?.startAll();

  const jobs = new ProduceJobs();
  const apply = (command: Command): void => applyCommand(command, { ctx, brokers, controller, producers, clients, jobs });
  // Script actions and dispatched commands wait in one lane and run in the same slot.
  const lane = new CommandLane(scenario, queue, apply);

  const consumers = accounting ? { groups, accounting } : null;
  const cluster: Cluster = { scenario, brokers, controller, ledger, producers, consumers, clients, network };
  const snapshots = new SnapshotBuilder(cluster);
  const simulation: Simulation = {
    scenario,
    now: () => queue.now,
    step: () => lane.step(),
    runUntil: (time) => lane.runUntil(time),
    validate: (command) => lane.validate(command),
    dispatch: (command) => lane.dispatch(command),
    commands: () => lane.commands(),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    inFlight: () => network.inFlight(),
    snapshot: (snapshotOptions) => snapshots.build(queue.now, version, snapshotOptions),
    logWindow: (topic, partition, broker, fromOffset, count) => {
      const log = brokers.get(broker)?.replicas.get(partitionKey(topic, partition))?.log;
      return log ? logCells(log, fromOffset, count) : [];
    },
    trace: () => events.trace(),
    eventsSince: (cursor) => events.eventsSince(cursor),
    story: (recordId) => stories.story(recordId),
    report: (reportOptions) => buildReport(cluster, reportOptions ?? {}),
  };
  return { simulation, cluster };
}

interface CommandTargets {
  ctx: SimContext;
  brokers: ReadonlyMap<number, Broker>;
  controller: Controller;
  producers: ReadonlyMap<string, Producer>;
  clients: ConsumerClients | null;
  jobs: ProduceJobs;
}

function applyCommand(command: Command, t: CommandTargets): void {
  const { ctx } = t;
  switch (command.do) {
    case 'produce':
      return startProducing(command, t);
    case 'stopProducing':
      return t.jobs.stop(command.producer, command.topic);
    case 'crash':
      return t.brokers.get(command.broker)?.crash();
    case 'powerLoss':
      return t.brokers.get(command.broker)?.powerLoss();
    case 'restart':
      return t.brokers.get(command.broker)?.restart();
    case 'isolate':
      return ctx.network.isolate(command.node);
    case 'cut':
      return ctx.network.cut(command.between[0], command.between[1]);
    case 'heal':
      return ctx.network.heal(command.between);
    case 'slow':
      ctx.network.slow(brokerName(command.broker), command['latency.ms']);
      ctx.emit({ t: ctx.queue.now, type: 'LinkSlowed', broker: command.broker, latencyMs: command['latency.ms'] });
      return;
    case 'dropRequests':
      return ctx.network.dropRequests(brokerName(command.broker), command.count);
    case 'dropResponses':
      return ctx.network.dropResponses(brokerName(command.broker), command.count);
    case 'set':
      return applySet(command, t);
    case 'addMember':
    case 'removeMember':
    case 'crashMember':
    case 'pauseMember':
      return t.clients?.apply(command);
  }
}

function applySet(command: Extract<Command, { do: 'set' }>, t: CommandTargets): void {
  const { ctx } = t;
  if ('producer' in command) {
    t.producers.get(command.producer)?.configure(command.config as Partial<ProducerSettings>);
    ctx.emit({ t: ctx.queue.now, type: 'SettingChanged', target: `producer:${command.producer}`, config: command.config });
    return;
  }
  if ('topic' in command) {
    ctx.config.setTopic(command.topic, command.config as TopicConfig);
    ctx.emit({ t: ctx.queue.now, type: 'SettingChanged', target: `topic:${command.topic}`, config: { ...command.config } });
  } else {
    ctx.config.setBroker(command.config as Partial<BrokerSettings>);
    ctx.emit({ t: ctx.queue.now, type: 'SettingChanged', target: 'broker', config: command.config });
    for (const b of t.brokers.values()) b.startFlusherIfConfigured();
  }
  // A config change is a controller write: it may start the periodic checks it depends on.
  t.controller.onConfigChanged();
}

/** A produce action: `count` sends `every` ms apart (or `rate` per second), in the producer's send style. */
function startProducing(command: Extract<Command, { do: 'produce' }>, t: CommandTargets): void {
  const producer = t.producers.get(command.producer);
  if (producer) t.jobs.add(command.producer, startProduceJob(producer, command, t.ctx.queue));
}

/** Every replica of a partition as an election finds it (the trace's omniscient view: Kafka's controller does not know LEOs). */
function candidatesOf(brokers: ReadonlyMap<number, Broker>, topic: string, partition: number): ElectionCandidate[] {
  const out: ElectionCandidate[] = [];
  for (const b of brokers.values()) {
    const log = b.replicas.get(partitionKey(topic, partition))?.log;
    if (log) out.push({ broker: b.id, logEndOffset: log.logEndOffset, leaderEpoch: log.lastBatchEpoch(), up: b.isUp() });
  }
  return out;
}
