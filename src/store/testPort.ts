// An EnginePort that runs the worker's host in-process (for tests): the same code as the Web
// Worker, messages delivered asynchronously as postMessage would.
import { EngineHost } from '../worker/host';
import type { WorkerResponse } from '../worker/protocol';
import type { EnginePort } from './session';

export function inProcessPort(): EnginePort & { host: EngineHost } {
  let listener: ((r: WorkerResponse) => void) | null = null;
  const early: WorkerResponse[] = [];
  const deliver = (r: WorkerResponse) => setTimeout(() => (listener ? listener(r) : early.push(r)), 0);
  const host = new EngineHost({
    post: deliver,
    wallNow: () => performance.now(),
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  return {
    host,
    send: (request) => setTimeout(() => host.receive(request), 0),
    listen: (l) => {
      listener = l;
      early.splice(0).forEach((r) => l(r));
    },
  };
}

/** Waits (on real turns of the event loop) until `ready()` holds; throws with `what` if it never does. */
export async function until(ready: () => boolean, what: string, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`never happened: ${what}`);
}

/** A Map-backed localStorage. */
export function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}
