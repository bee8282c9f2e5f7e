/**
 * RecordAccumulator.drainBatchesForOneNode, split from sender.ts (the sender decides when and to
 * whom; this takes the batches): the head batch of each of a leader's partitions, starting after
 * the partition where the last drain for that leader stopped, up to max.request.size.
 */
import type { PartitionQueue } from './accumulator';
import type { Idempotence } from './idempotence';
import type { ProducerBatch } from './producerBatch';
import type { ProducerCore } from './producerCore';

/** A batch taken for a request, with the partition queue it came from. */
export interface Drained {
  readonly q: PartitionQueue;
  readonly batch: ProducerBatch;
}

/** `drainIndex`: per leader, where its next drain starts (the sender's state, rotated here). */
export function drainForNode(core: ProducerCore, idempotence: Idempotence, drainIndex: Map<number, number>, leader: number, queues: PartitionQueue[]): Drained[] {
  const { settings } = core;
  const now = core.ctx.queue.now;
  const out: Drained[] = [];
  let size = 0;
  const start = (drainIndex.get(leader) ?? 0) % queues.length;
  for (let k = 0; k < queues.length; k++) {
    const q = queues[(start + k) % queues.length]!;
    drainIndex.set(leader, (start + k + 1) % queues.length);
    const head = q.batches.peek();
    if (q.muted || !head) continue;
    if (head.attempts > 0 && now - head.lastAttemptMs < head.backoffMs) continue;
    if (out.length > 0 && size + head.sizeBytes > settings['max.request.size']) break;
    if (!idempotence.mayDrain(q, head)) break;
    q.batches.shift();
    head.close();
    idempotence.assignSequence(q, head);
    size += head.sizeBytes;
    out.push({ q, batch: head });
    // max.in.flight = 1 guarantees order: the partition waits until this batch completes.
    if (settings['max.in.flight.requests.per.connection'] === 1) q.muted = true;
  }
  return out;
}
