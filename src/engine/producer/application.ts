/**
 * The application side of a `produce` action: a thread that calls send for each record, `every`
 * ms apart (or at `rate` records per second until stopped), in the producer's send style. `async`
 * and `fire-and-forget` go on as soon as send returns (send itself may block on buffer.memory);
 * `sync` also waits for each record's result, as `producer.send(record).get()` does, so a record
 * is never sent before the last one settled.
 */
import type { EventQueue } from '../core/eventQueue';
import type { Producer, SendInput } from './producer';

export interface ProduceJob {
  topic: string;
  /** Template with `{i}` (0-based index); null = records without a key. */
  key: string | null;
  value: string;
  partition?: number;
  /** `count` records, `every` ms apart … */
  count?: number;
  every?: number;
  /** … or records per second until stopped. */
  rate?: number;
}

/** A running job: `stop()` ends it before its next send (a record being sent is not recalled). */
export interface ProduceJobHandle {
  readonly topic: string;
  stop(): void;
  readonly done: boolean;
}

/** `{i}` in a template becomes the record's index; a template without it is used as is. */
function filler(template: string): (i: number) => string {
  return template.includes('{i}') ? (i) => template.replaceAll('{i}', String(i)) : () => template;
}

export function startProduceJob(producer: Producer, job: ProduceJob, queue: EventQueue): ProduceJobHandle {
  const start = queue.now;
  const sync = producer.settings.send === 'sync';
  const rate = job.rate;
  const count = rate !== undefined ? Infinity : (job.count ?? 1);
  const every = job.every ?? 0;
  // Integer due times (whole virtual ms), computed from the start so that rounding never drifts.
  const due = rate !== undefined ? (n: number) => start + Math.floor((n * 1000) / rate) : (n: number) => start + n * every;
  let i = 0;
  let stopped = false;
  const key = job.key === null ? () => null : filler(job.key);
  const value = filler(job.value);
  const input = (n: number): SendInput =>
    job.partition !== undefined
      ? { topic: job.topic, key: key(n), value: value(n), partition: job.partition }
      : { topic: job.topic, key: key(n), value: value(n) };
  const loop = (): void => {
    while (!stopped && i < count) {
      const at = due(i);
      if (at > queue.now) {
        queue.scheduleAt(at, loop);
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
  return {
    topic: job.topic,
    stop: () => {
      stopped = true;
    },
    get done() {
      return stopped || i >= count;
    },
  };
}
