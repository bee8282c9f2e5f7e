/**
 * The cluster's settings as the simulation sees them: broker-wide settings (server.properties)
 * with per-topic overrides (Kafka's topic-level names), both changeable at run time by `set`.
 */
import type { LogConfig } from '../model/log';
import type { BrokerSettings, TopicConfig, TopicSpec } from '../scenario/types';
import { registerClass } from '../core/graphRegistry';

export class ClusterConfig {
  readonly broker: BrokerSettings;
  private readonly topics = new Map<string, TopicConfig>();

  constructor(broker: BrokerSettings, topics: readonly TopicSpec[]) {
    this.broker = { ...broker };
    for (const t of topics) this.topics.set(t.name, { ...t.config });
  }

  setBroker(changes: Partial<BrokerSettings>): void {
    Object.assign(this.broker, changes);
  }

  setTopic(topic: string, changes: TopicConfig): void {
    Object.assign(this.topics.get(topic) ?? {}, changes);
  }

  private topic(topic: string): TopicConfig {
    return this.topics.get(topic) ?? {};
  }

  minInsyncReplicas(topic: string): number {
    return this.topic(topic)['min.insync.replicas'] ?? this.broker['min.insync.replicas'];
  }

  uncleanLeaderElection(topic: string): boolean {
    return this.topic(topic)['unclean.leader.election.enable'] ?? this.broker['unclean.leader.election.enable'];
  }

  /** Topic `flush.ms`, else `log.flush.interval.ms`; null = never. */
  flushMs(topic: string): number | null {
    const t = this.topic(topic);
    return t['flush.ms'] !== undefined ? t['flush.ms'] : this.broker['log.flush.interval.ms'];
  }

  logConfig(topic: string): LogConfig {
    const t = this.topic(topic);
    return {
      segmentBytes: t['segment.bytes'] ?? this.broker['log.segment.bytes'],
      segmentMs: t['segment.ms'] ?? this.broker['log.roll.ms'],
      flushMessages: t['flush.messages'] !== undefined ? t['flush.messages'] : this.broker['log.flush.interval.messages'],
      retentionMs: t['retention.ms'] ?? this.broker['log.retention.ms'],
      retentionBytes: t['retention.bytes'] ?? this.broker['log.retention.bytes'],
    };
  }
}

registerClass('ClusterConfig', ClusterConfig, { blank: () => new ClusterConfig({} as never, []) });
