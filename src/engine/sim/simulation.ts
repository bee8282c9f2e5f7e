/**
 * The simulation loop: builds the cluster from a scenario, schedules the script, and offers the
 * app its handle — step, run until a time, dispatch a command, subscribe to events, snapshot,
 * checkpoint. Commands go in, snapshots and trace events come out (DESIGN.md rule 3).
 *
 * Everything a run holds hangs from one root object of plain data and registered classes (the
 * EngineState below): a checkpoint encodes that graph (core/graphCodec.ts) and a restore decodes
 * it and builds a new handle around it. Subscribers are outside the engine: a restored simulation
 * starts with none.
 */
import { EventQueue } from '../core/eventQueue';
import { decodeGraph, encodeGraph, NodeIds, type ChunkCache, type EncodedGraph } from '../core/graphCodec';
import { registerClass } from '../core/graphRegistry';
import { createRandom } from '../core/random';
import type { Traced } from '../core/trace';
import { assignReplicas } from '../model/election';
import { parseScenario } from '../scenario/parse';
import type { Report } from '../scenario/report.types';
import { buildReport } from '../readout/report';
import type { Cluster } from '../readout/cluster';
import type { Scenario, ScriptAction } from '../scenario/types';
import { Broker } from './broker';
import { ClusterConfig } from './config';
import { partitionKey } from './context';
import { Controller } from './controller';
import { CauseTracker } from './causes';
import { EventLog, type EventsSince } from './eventLog';
import { Ledger, type LedgerView } from './ledger';
import { Network, type MessageInFlight } from './network';
import { SnapshotBuilder, logCells, type ClusterSnapshot, type LogCell, type SnapshotOptions } from '../readout/snapshot';
import { RecordEvents } from './recordEvents';
import { StoryBook } from './story';
import { Producer } from '../producer';
import { ConsumerAccounting } from '../consumer/accounting';
import { GroupServices } from '../consumer/broker/services';
import { ConsumerClients } from '../consumer/clients';
import { offsetsTopicAssignments, offsetsTopicSpec } from '../consumer/offsetsTopic';
import type { ScenarioIssue } from '../scenario/parse';
import { CommandLane, ProduceJobs, type DispatchResult } from './commands';
import { CommandApplier, type Command } from './applyCommand';
import { BrokerCandidates, Emitter } from './emitter';
import { EngineContext } from './engineContext';

export type { Command } from './applyCommand';
export type { ClusterSnapshot, ReplicaSnapshot } from '../readout/snapshot';
export type { Cluster } from '../readout/cluster';

export interface SimulationOptions {
  /**
   * Keep every trace event in memory for `trace()` (default false: memory grows with the run;
   * tests and the CLI's `--trace` turn it on). Without it, `eventsSince` reads a bounded ring.
   * A run with neither a recorded trace nor a subscriber does not build MessageSent and
   * MessageDelivered (half of all events; nothing in the engine reads them): their ids are still
   * counted, so every other event keeps its id and cause, but the ring then lacks them.
   */
  recordTrace?: boolean;
  /** How many of the latest events `eventsSince` can return without a recorded trace (default 8192). */
  traceWindow?: number;
}

/** A run written as data: `restoreSimulation` continues it exactly (it survives structuredClone and JSON). */
export interface Checkpoint {
  readonly format: 'kafka-playground/checkpoint@1';
  /** Virtual time of the checkpoint. */
  readonly time: number;
  readonly graph: EncodedGraph;
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
  /** The cluster as a view draws it (readout/snapshot.ts); unchanged entities keep their object and version. */
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
  /** The whole run as data, at the current time (subscribers are not part of it). */
  checkpoint(): Checkpoint;
}

/** Everything a run holds: the root of a checkpoint. */
class EngineState {
  constructor(
    readonly scenario: Scenario,
    readonly queue: EventQueue,
    readonly emitter: Emitter,
    readonly events: EventLog,
    readonly stories: StoryBook,
    readonly cluster: Cluster,
    readonly lane: CommandLane,
  ) {}
}

/** The ledger's window on the cluster: each replica's log, and the events still held. */
class ClusterLedgerView implements LedgerView {
  constructor(
    private readonly brokers: ReadonlyMap<number, Broker>,
    private readonly events: EventLog,
  ) {}
  log(broker: number, topic: string, partition: number) {
    return this.brokers.get(broker)?.replicas.get(partitionKey(topic, partition))?.log;
  }
  event(id: number) {
    return this.events.get(id);
  }
}

registerClass('EngineState', EngineState, { blank: () => new EngineState(null as never, null as never, null as never, null as never, null as never, null as never, null as never) });
registerClass('ClusterLedgerView', ClusterLedgerView, { blank: () => new ClusterLedgerView(null as never, null as never) });

const CHECKPOINT_FORMAT = 'kafka-playground/checkpoint@1';

/**
 * What never changes once made, so checkpoints share it instead of copying it: trace events
 * (numbered, given their cause, then handed out), the records and batches of the logs
 * (model/batch.ts: readonly; a log appends and truncates batches, it never edits one), and the
 * replicas' fetch requests and responses.
 */
function isImmutable(o: object): boolean {
  if (Object.getPrototypeOf(o) !== Object.prototype) return false;
  const e = o as { id?: unknown; t?: unknown; type?: unknown; baseOffset?: unknown; records?: unknown; sendSeq?: unknown; producer?: unknown; kind?: unknown; fetchId?: unknown; replicaId?: unknown };
  if (typeof e.type === 'string') return typeof e.id === 'number' && typeof e.t === 'number';
  // A follower's fetch and the leader's answer (sim/followerFetcher.ts, sim/leaderReplication.ts):
  // built afresh for each request from numbers, strings, new arrays and immutable batches, and
  // never edited once sent. Copied, the ones on the wire and parked were a third of what each
  // checkpoint added on the 10-minute workload.
  if (e.kind === 'fetch') return typeof e.fetchId === 'number' && typeof e.replicaId === 'number';
  if (e.kind === 'fetchResponse') return typeof e.fetchId === 'number';
  if (typeof e.baseOffset === 'number') return Array.isArray(e.records) && 'leaderEpoch' in o;
  return typeof e.sendSeq === 'number' && typeof e.id === 'number' && typeof e.producer === 'string';
}
const LISTENERS = 'listeners';

export function createSimulation(input: unknown, options: SimulationOptions = {}): Simulation {
  return buildSimulation(input, options).simulation;
}

/** The simulation and its cluster's parts: for engine-internal tests that check invariants. */
export function buildSimulation(input: unknown, options: SimulationOptions = {}): { simulation: Simulation; cluster: Cluster } {
  const listeners = new Set<(event: Traced) => void>();
  const state = buildState(parseScenario(input), options, listeners);
  return { simulation: handleFor(state, listeners), cluster: state.cluster };
}

/** Continues a run from its checkpoint (from this build of the engine). */
export function restoreSimulation(checkpoint: Checkpoint): Simulation {
  if (checkpoint?.format !== CHECKPOINT_FORMAT) throw new Error(`not a simulation checkpoint (format ${CHECKPOINT_FORMAT})`);
  const listeners = new Set<(event: Traced) => void>();
  // What the checkpoint's chunked arrays came from: the restored run's checkpoints share them.
  const chunks: ChunkCache = new Map();
  const state = decodeGraph(checkpoint.graph, { externals: new Map([[LISTENERS, listeners]]), chunks }) as EngineState;
  if (!(state instanceof EngineState)) throw new Error('the checkpoint does not hold a simulation');
  return handleFor(state, listeners, chunks);
}

function buildState(scenario: Scenario, options: SimulationOptions, listeners: Set<(event: Traced) => void>): EngineState {
  const queue = new EventQueue();
  const random = createRandom(scenario.seed);
  const records = new RecordEvents();
  const causes = new CauseTracker(records);
  const events = new EventLog(options.traceWindow, options.recordTrace ?? false);
  const emitter = new Emitter(records, causes, events, listeners);
  const ledger = new Ledger(records, emitter, causes);
  const stories = new StoryBook(records, events, ledger);
  emitter.stories = stories;
  const groups = scenario.groups ?? [];
  const accounting = groups.length > 0 ? new ConsumerAccounting(groups, ledger, emitter) : null;
  emitter.ledger = ledger;
  emitter.accounting = accounting;
  // __consumer_offsets exists only when the scenario has groups (it is internal: not in the report's
  // partitions, not among the topics producers write to).
  const offsetsTopic = groups.length > 0 ? offsetsTopicSpec(scenario.broker, scenario.brokers) : null;
  const config = new ClusterConfig(scenario.broker, offsetsTopic ? [...scenario.topics, offsetsTopic] : scenario.topics);
  const network = new Network(queue, random.fork('network'), emitter, scenario.network['latency.ms'], scenario.network['jitter.ms']);
  const ctx = new EngineContext(queue, network, random, config, emitter);

  const brokerIds = Array.from({ length: scenario.brokers }, (_, i) => i + 1);
  const assignments = scenario.topics.flatMap((t) => {
    const placement = t['replica.assignment'] ?? assignReplicas(brokerIds, t.partitions, t['replication.factor']);
    return placement.map((replicas, partition) => ({ topic: t.name, partition, replicas }));
  });
  if (offsetsTopic) assignments.push(...offsetsTopicAssignments(offsetsTopic, brokerIds));
  const controller = new Controller(ctx, brokerIds, assignments);
  network.register(controller);
  const brokers = new Map<number, Broker>();
  const groupServices = new Map<number, GroupServices>();
  for (const id of brokerIds) {
    const broker = new Broker(id, ctx);
    // Each broker hosts the consumer side's services (the group coordinator, consumer fetch): the
    // wiring plugs them in, so the broker knows them only by their interface (sim/hostedServices.ts).
    const services = new GroupServices(broker);
    broker.host(services);
    groupServices.set(id, services);
    brokers.set(id, broker);
    network.register(broker);
  }
  emitter.candidateSource = new BrokerCandidates(brokers);
  ledger.attach(new ClusterLedgerView(brokers, events), controller.partitionStates());
  const initialImage = controller.image();
  for (const broker of brokers.values()) broker.bootstrap(initialImage);

  const partitionCounts = new Map(scenario.topics.map((t) => [t.name, t.partitions]));
  const producers = new Map<string, Producer>();
  for (const spec of scenario.producers) {
    const producer = new Producer(spec, ctx, partitionCounts, brokerIds);
    producers.set(spec.id, producer);
    network.register(producer);
  }

  const clients = groups.length > 0 ? new ConsumerClients(scenario, ctx, brokerIds, partitionCounts) : null;
  clients?.startAll();

  const jobs = new ProduceJobs();
  // Script actions and dispatched commands wait in one lane and run in the same slot.
  const lane = new CommandLane(scenario, queue, new CommandApplier(ctx, brokers, controller, producers, clients, jobs));
  const consumers = accounting ? { groups, accounting } : null;
  const cluster: Cluster = { scenario, brokers, groupServices, controller, ledger, producers, consumers, clients, network };
  return new EngineState(scenario, queue, emitter, events, stories, cluster, lane);
}

/** The state behind each handle, for `checkpointProblems`. */
type Held = { state: EngineState; listeners: Set<(event: Traced) => void> };
/**
 * Kept on the handle under a symbol, not in a WeakMap from handle to state: a WeakMap's value is an
 * ephemeron, and V8 marked the whole engine reached through it in a major GC's final pause.
 */
const STATE = Symbol('state');

/**
 * Development aid: every reason the run cannot be checkpointed now (closures, unregistered
 * classes), instead of the first. Empty when `checkpoint()` would succeed.
 */
export function checkpointProblems(simulation: Simulation): string[] {
  const held = (simulation as { [STATE]?: Held })[STATE];
  if (!held) return ['not a simulation built by this engine'];
  const problems: string[] = [];
  encodeGraph(held.state, { externals: new Map([[held.listeners, LISTENERS]]), problems });
  return problems;
}

function handleFor(state: EngineState, listeners: Set<(event: Traced) => void>, chunks: ChunkCache = new Map()): Simulation {
  const { scenario, queue, emitter, events, stories, cluster, lane } = state;
  const snapshots = new SnapshotBuilder(cluster);
  // Ids that stay with their objects across this run's checkpoints, so that unchanged nodes are shared.
  const ids = new NodeIds();
  // `chunks`: each large typed array's and long immutable array's chunks as last checkpointed (or
  // restored): later checkpoints share the unchanged ones.
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
    inFlight: () => cluster.network.inFlight(),
    snapshot: (snapshotOptions) => snapshots.build(queue.now, emitter.version, snapshotOptions),
    logWindow: (topic, partition, broker, fromOffset, count) => {
      const log = cluster.brokers.get(broker)?.replicas.get(partitionKey(topic, partition))?.log;
      return log ? logCells(log, fromOffset, count) : [];
    },
    trace: () => events.trace(),
    eventsSince: (cursor) => events.eventsSince(cursor),
    story: (recordId) => stories.story(recordId),
    report: (reportOptions) => buildReport(cluster, reportOptions ?? {}),
    checkpoint: () => {
      queue.compact();
      return {
        format: CHECKPOINT_FORMAT,
        time: queue.now,
        graph: encodeGraph(state, { externals: new Map([[listeners, LISTENERS]]), immutable: isImmutable, chunks, ids }),
      };
    },
  };
  Object.defineProperty(simulation, STATE, { value: { state, listeners } satisfies Held });
  return simulation;
}
