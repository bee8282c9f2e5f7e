/**
 * The application side of a `produce` action: a thread that calls send for each record, `every`
 * ms apart, in the producer's send style. `async` and `fire-and-forget` go on as soon as send
 * returns (send itself may block on buffer.memory); `sync` also waits for each record's result,
 * as `producer.send(record).get()` does, so a record is never sent before the last one settled.
 */
import type { EventQueue } from '../core/eventQueue';
import type { Producer, SendInput } from './producer';

export interface ProduceJob {
  topic: string;
  /** Template with `{i}` (0-based index); null = records without a key. */
  key: string | null;
  value: string;
  partition?: number;
  count: number;
  every: number;
}

/** `{i}` in a template becomes the record's index; a template without it is used as is. */
function filler(template: string): (i: number) => string {
  return template.includes('{i}') ? (i) => template.replaceAll('{i}', String(i)) : () => template;
}

export function startProduceJob(producer: Producer, job: ProduceJob, queue: EventQueue): void {
  const start = queue.now;
  const sync = producer.settings.send === 'sync';
  let i = 0;
  const key = job.key === null ? () => null : filler(job.key);
  const value = filler(job.value);
  const input = (n: number): SendInput =>
    job.partition !== undefined
      ? { topic: job.topic, key: key(n), value: value(n), partition: job.partition }
      : { topic: job.topic, key: key(n), value: value(n) };
  const loop = (): void => {
    while (i < job.count) {
      const due = start + i * job.every;
      if (due > queue.now) {
        queue.scheduleAt(due, loop);
        return;
      }
      const n = i++;
      if (sync) {
        producer.send(input(n), { onSettled: loop });
        return;
      }
      if (producer.send(input(n), { onUnblocked: loop }).blocked) return;
    }
  };
  loop();
}
