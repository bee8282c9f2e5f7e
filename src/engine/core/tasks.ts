/**
 * Queued work as data. A task kind is defined once, at module level, with the function that runs
 * it; a queued task holds only its kind, a target object and an argument — never a closure — so
 * the whole queue can be written into a checkpoint and read back (DESIGN.md: state as data).
 *
 *   const HEARTBEAT = defineTask('broker.heartbeat', (broker: Broker) => broker.heartbeat());
 *   queue.after(interval, HEARTBEAT, this);
 */
import { registerFunction } from './graphRegistry';

export interface TaskKind<T, A = undefined> {
  readonly kind: string;
  readonly run: (target: T, arg: A) => void;
}

const kinds = new Map<string, TaskKind<never, never>>();

/** Defines a task kind. Names are unique across the engine (a module evaluated twice may redefine its own). */
export function defineTask<T, A = undefined>(kind: string, run: (target: T, arg: A) => void): TaskKind<T, A> {
  const existing = kinds.get(kind);
  if (existing && existing.run.toString() !== run.toString()) throw new Error(`task kind "${kind}" defined twice`);
  const task: TaskKind<T, A> = { kind, run };
  kinds.set(kind, task as TaskKind<never, never>);
  registerFunction(`task:${kind}`, run);
  return task;
}
