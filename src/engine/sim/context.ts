/**
 * What every simulated node shares: the one clock and queue, the network, the trace, the seeded
 * random source and the cluster's settings.
 */
import type { EventQueue } from '../core/eventQueue';
import type { Random } from '../core/random';
import type { TraceEvent } from '../core/trace';
import type { ClusterConfig } from './config';
import type { Network } from './network';

export interface SimContext {
  readonly queue: EventQueue;
  readonly network: Network;
  readonly random: Random;
  readonly config: ClusterConfig;
  emit(event: TraceEvent): void;
  /** Is anyone outside the engine reading events (Emitter.watched)? When not, some may `pass`. */
  readonly watched: boolean;
  /** Takes the next event's id without building it: an event only readers outside use (Emitter.pass). */
  pass(): void;
  /** May a follower's HighWatermarkAdvanced on `broker` pass unbuilt (Emitter.passesHighWatermarkOf)? */
  passesHighWatermarkOf(topic: string, partition: number, broker: number): boolean;
  /**
   * A fresh producer id, epoch 0, for an idempotent producer's InitProducerId. Kafka's brokers
   * take blocks of ids from the controller; the cluster-wide counter stands in for that.
   */
  allocateProducerId(): { producerId: number; producerEpoch: number };
  /** Record ids are 1, 2, 3 … across every producer, in send order. */
  allocateRecordId(): number;
}

/** Broker ids → node names, made once: a fresh `b${id}` per message was built, then hashed by every Map it keyed. */
const brokerNames: string[] = [];
export function brokerName(id: number): string {
  return (brokerNames[id] ??= `b${id}`);
}
export const CONTROLLER = 'controller';
/** topic → partition → key. Hot paths look replicas up by key on every request; a fresh
 * `${topic}-${partition}` string per lookup (allocated, then hashed) was the profile's top line. */
const partitionKeys = new Map<string, string[]>();
export function partitionKey(topic: string, partition: number): string {
  let keys = partitionKeys.get(topic);
  if (keys === undefined) partitionKeys.set(topic, (keys = []));
  return (keys[partition] ??= `${topic}-${partition}`);
}

/** "topic-N" → [topic, N], split once per key (partitionKey's way back; every poll splits its partitions' keys). */
const splitKeys = new Map<string, readonly [string, number]>();
export function splitPartitionKey(key: string): readonly [string, number] {
  let split = splitKeys.get(key);
  if (split === undefined) {
    const cut = key.lastIndexOf('-');
    splitKeys.set(key, (split = [key.slice(0, cut), Number(key.slice(cut + 1))]));
  }
  return split;
}
