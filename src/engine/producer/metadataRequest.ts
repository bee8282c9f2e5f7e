/**
 * The producer's metadata requests (Kafka's Metadata / NetworkClient.maybeUpdate): when the
 * sender loop finds the metadata stale or a leader unknown, it asks one bootstrap broker in turn,
 * at most every retry.backoff.ms, and asks again if the answer does not come within
 * request.timeout.ms. Split from sender.ts (the loop that drains batches).
 */
import { requestExpiryDelay } from '../model/requestExpiry';
import { brokerName } from '../sim/context';
import { defineTask } from '../core/tasks';
import type { ProducerCore } from './producerCore';

/** Who hears that a metadata request timed out (the Sender). */
export interface MetadataTimeoutListener {
  metadataTimedOut(correlationId: number): void;
}

const METADATA_TIMEOUT = defineTask('producer.metadataTimeout', (sender: MetadataTimeoutListener, correlationId: number) => sender.metadataTimedOut(correlationId));

/**
 * Asks the next bootstrap broker in turn, at most every retry.backoff.ms. Returns when to try
 * again if it must wait (Infinity otherwise): a time, not a callback, so a pass of the sender
 * loop makes no closure.
 */
export function maybeRequestMetadata(core: ProducerCore, sender: MetadataTimeoutListener): number {
  const metadata = core.metadata;
  if (!metadata.needsUpdate || metadata.inFlight !== null) return Infinity;
  const now = core.ctx.queue.now;
  const allowedAt = metadata.lastRequestMs + core.settings['retry.backoff.ms'];
  if (now < allowedAt) return allowedAt;
  const broker = core.nextBootstrapBroker();
  const correlationId = core.nextCorrelationId();
  metadata.inFlight = { correlationId, broker };
  metadata.needsUpdate = false;
  metadata.lastRequestMs = now;
  core.ctx.network.send(core.name, brokerName(broker), { kind: 'metadata', correlationId });
  core.ctx.queue.after(requestExpiryDelay(core.settings['request.timeout.ms']), METADATA_TIMEOUT, sender, correlationId);
  return Infinity;
}
