/**
 * The worker's host as its tests drive it: every message it posts is kept in order, requests are
 * numbered as the page numbers them, and the acks=1 built-in is opened and run to a moment.
 */
import { builtInScenarios } from '../engine';
import { EngineHost, type HostDeps } from './host';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** A request without its id (Omit that keeps a union a union). */
export type Body = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export const SCENARIO = builtInScenarios.find((b) => b.id === 'acks1-leader-crash')!.scenario;

export interface TestHost {
  h: EngineHost;
  posted: WorkerResponse[];
  /** Sends a request with the next id, and returns that id. */
  send(body: Body): number;
}

/**
 * A host whose waits end at the next turn, or as `sleep` says; `wallNow`: its clock (a test that
 * depends on the wall-clock rhythm of reports gives one it moves itself, so a busy machine cannot
 * change what it sees).
 */
export function testHost(
  sleep: HostDeps['sleep'] = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  wallNow: () => number = () => performance.now(),
): TestHost {
  const posted: WorkerResponse[] = [];
  const h = new EngineHost({
    post: (m) => posted.push(m),
    wallNow,
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, 0)),
    sleep,
  });
  let id = 1;
  const send = (body: Body): number => {
    const request = { ...body, id: id++ } as WorkerRequest;
    h.receive(request);
    return request.id;
  };
  return { h, posted, send };
}

/** `t` with the acks=1 built-in loaded and run to `at`. */
export async function openedAt<T extends TestHost>(t: T, at: number): Promise<T> {
  t.send({ type: 'load', scenario: SCENARIO });
  await t.h.idle();
  t.send({ type: 'advance', to: at });
  await t.h.idle();
  return t;
}
