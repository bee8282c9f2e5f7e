// What the config writers share (clientConfigs.ts for Java and server.properties,
// clientConfigLibs.ts for kafkajs and confluent-kafka-python): the shapes, the settings that are
// the application's rather than Kafka's, the bootstrap list and the comments about the application.
import type { SettingKind } from '../engine';

export type ConfigFormat = 'javaProducer' | 'javaConsumer' | 'server' | 'kafkajs' | 'python';

/** A line under the text, in the reader's language: `id` names the message, `params` fill it. */
export interface ConfigNote {
  id: string;
  params?: Record<string, string | number>;
}

export interface ClientConfig {
  format: ConfigFormat;
  text: string;
  notes: ConfigNote[];
}

export type Defaults = Record<SettingKind, Record<string, unknown>>;

/**
 * The words of the comments written into a config, in the reader's language: `id` is a key under
 * `configComments` in the settings catalogue. Kafka's names and the code stay as they are.
 */
export type Say = (id: string, params?: Record<string, unknown>) => string;

/** Settings that describe the application around a client, not a Kafka config. */
export const PLAYGROUND_SETTINGS = new Set(['send', 'commit', 'processing', 'processing.ms', 'idempotent.sink']);

/** Broker ids 1..n listen on localhost:9092, 9093, …: one address per broker. */
export function bootstrapServers(brokers: number): string {
  return Array.from({ length: brokers }, (_, i) => `localhost:${9092 + i}`).join(',');
}

/** What the playground describes about the application (how it sends, commits, processes), as comment lines. */
export function applicationComments(values: Record<string, unknown>, comment: string, say: Say): string[] {
  const lines: string[] = [];
  if (values.send === 'sync') lines.push(say('app.sendSync', { code: 'send(record).get()' }));
  if (values.send === 'fire-and-forget') lines.push(say('app.sendFireAndForget'));
  const commit = values.commit;
  if (commit === 'sync-after-processing') lines.push(say('app.commitAfter', { call: 'commitSync' }));
  if (commit === 'async-after-processing') lines.push(say('app.commitAfter', { call: 'commitAsync' }));
  if (commit === 'sync-before-processing') lines.push(say('app.commitBefore', { call: 'commitSync' }));
  if (values.processing === 'async') lines.push(say('app.asyncProcessing'));
  if (values['idempotent.sink'] === true) lines.push(say('app.idempotentSink'));
  return lines.map((l) => `${comment} ${l}`);
}
