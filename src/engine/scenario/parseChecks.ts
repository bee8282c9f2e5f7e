/**
 * What a script action's builder may ask about the cluster the scenario describes (parse.ts
 * makes it; parseScript.ts and parseSet.ts use it). On its own so the two builders do not import
 * each other.
 */
import type { BrokerSettings, GroupSpec, ProducerSpec, TopicSpec } from './types';
import type { PathSegment } from './schema/issues';
import type { Issues } from './parseIssues';
import type { MemberPlan } from './groups';

/** Lookups that add a problem to the parse's issues when a name is unknown. */
export interface Checks {
  issues: Issues;
  root: unknown;
  /** The scenario's broker settings (the group checks compare session timeouts with them). */
  broker: BrokerSettings;
  checkBroker(id: number, path: readonly PathSegment[]): boolean;
  /** The topic, or undefined when it does not exist (or could not be parsed). */
  checkTopic(name: string, path: readonly PathSegment[]): TopicSpec | undefined;
  checkProducer(id: string, path: readonly PathSegment[]): ProducerSpec | undefined;
  /**
   * The group with every `set` built so far applied (in the script's written order, which for a
   * command is the order things ran), or undefined when it does not exist.
   */
  checkGroup(id: string, path: readonly PathSegment[]): GroupSpec | undefined;
  /** Records a group's settings after a `set`, for the next action's checks. */
  setGroup(group: GroupSpec): void;
  checkNode(name: string, path: readonly PathSegment[]): void;
  /** The member actions, checked and resolved in time order (scenario/groups.ts). */
  members: MemberPlan;
}
