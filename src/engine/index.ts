/**
 * The engine's one public face. The app (ui, store, view, lessons, cli) imports the engine only
 * from here; deep imports are lint errors (DESIGN.md rule 2).
 */
export type {
  Scenario,
  ScriptAction,
  BrokerSettings,
  TopicConfig,
  TopicSpec,
  ProducerSettings,
  ProducerSpec,
  Acks,
  SendStyle,
  GroupSpec,
  GroupSettings,
  MemberSpec,
  CommitStyle,
  ProcessingStyle,
  AutoOffsetReset,
} from './scenario/types';
export type { Report, RecordCounts, PartitionReport, ProducerReport, LoggedRecord, GroupReport } from './scenario/report.types';
export type { TraceEvent, TraceEventType, TraceEventOf, ErrorCode, GroupErrorCode, GroupStateName } from './core/trace';
export type { Traced, ElectionCandidate, VerdictType } from './core/trace';
export { VERDICT_TYPES } from './core/trace';
export type { EventsSince } from './sim/eventLog';

export { parseScenario, ScenarioError, MAX_RECORDS, MAX_UNTIL_MS, type ScenarioIssue } from './scenario/parse';
export { runScenario, type RunOptions } from './run/run';
export { builtInScenarios, type BuiltInScenario } from './scenario/library';
export {
  createSimulation,
  restoreSimulation,
  type Simulation,
  type Checkpoint,
  type Command,
  type ClusterSnapshot,
  type SimulationOptions,
} from './sim/simulation';
export { createTimeline, type Timeline, type TimelineOptions, type TimelineCompanion } from './sim/timeline';
export { CheckpointError } from './core/graphCodec';
export type { DispatchResult } from './sim/commands';
export type { MessageInFlight } from './sim/network';
export type { KafkaApiName } from './sim/messages';
export { SimulationStalled } from './core/eventQueue';
export type {
  LogCell,
  ReplicaSnapshot,
  PartitionSnapshot,
  BrokerSnapshot,
  ProducerSnapshot,
  AccumulatorDequeSnapshot,
  AccumulatorBatchSnapshot,
  GroupSnapshot,
  MemberSnapshot,
  MemberPartitionSnapshot,
  LinkSnapshot,
  SnapshotOptions,
} from './readout/snapshot';
export { murmur2, partitionForKey } from './model/partitioner';
export {
  assignPartitions,
  normalizeAssignor,
  isCooperative,
  ASSIGNOR_CLASS_NAMES,
  type AssignorName,
  type AssignorMember,
  type AssignmentInput,
  type Assignment,
} from './consumer/assignors';
export { simplifications, type Simplification } from './simplifications';
export {
  describeSettings,
  type SettingDescription,
  type SettingKind,
  type AllowedValues,
} from './scenario/settingsCatalogue';
export {
  machineDefinitions,
  machineDefinition,
  MACHINE_KINDS,
  type MachineKind,
  type MachineDefinition,
  type MachineStateDefinition,
  type MachineTransitionDefinition,
} from './machines/definitions';
