/** A consumer's requests in flight: each answer goes to its own request; a broken connection or a timeout fails the right ones, in the order sent. */
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../core/eventQueue';
import { ClientProcess } from './process';
import { InFlightRequests, type RequestOwner } from './requests';

type Outcome = string;

function setup() {
  const queue = new EventQueue();
  const process = new ClientProcess(queue);
  const requests = new InFlightRequests(process);
  const outcomes: Outcome[] = [];
  const owner: RequestOwner<string, never> = {
    onResponse: (tag, response: { correlationId: number }) => outcomes.push(`${tag} answered (${response.correlationId}) at ${queue.now}`),
    onFailure: (tag, failure) => outcomes.push(`${tag} ${failure} at ${queue.now}`),
  };
  const add = (broker: number, channel: 'data' | 'coordinator', tag: string, timeoutMs = 1000) => requests.add(broker, channel, timeoutMs, owner, tag);
  const answer = (correlationId: number) => requests.complete({ kind: 'groupHeartbeatResponse', correlationId, error: null } as never);
  return { queue, process, requests, outcomes, add, answer };
}

describe('requests in flight', () => {
  it('an answer completes its own request once; a late or unknown answer does nothing', () => {
    const { add, answer, outcomes } = setup();
    const a = add(1, 'data', 'fetch-1');
    const b = add(2, 'data', 'fetch-2');
    answer(b);
    answer(b);
    answer(99);
    answer(a);
    expect(outcomes).toEqual([`fetch-2 answered (${b}) at 0`, `fetch-1 answered (${a}) at 0`]);
  });

  it('a broken connection fails only the requests on that broker and channel, in the order they were sent', () => {
    const { add, requests, outcomes } = setup();
    add(1, 'data', 'fetch-1');
    add(1, 'coordinator', 'heartbeat-1');
    add(2, 'data', 'fetch-2');
    add(1, 'data', 'metadata-1');
    requests.failConnection(1, 'data');
    expect(outcomes).toEqual(['fetch-1 NETWORK_EXCEPTION at 0', 'metadata-1 NETWORK_EXCEPTION at 0']);
    requests.failConnection(1);
    expect(outcomes.slice(2)).toEqual(['heartbeat-1 NETWORK_EXCEPTION at 0']);
  });

  it('an unanswered request times out after its timeout; an answered one never does', () => {
    const { add, answer, queue, outcomes } = setup();
    const answered = add(1, 'data', 'answered', 500);
    add(1, 'data', 'lost', 500);
    queue.runUntil(200);
    answer(answered);
    queue.runUntil(5000);
    expect(outcomes).toEqual([`answered answered (${answered}) at 200`, 'lost REQUEST_TIMED_OUT at 500']);
  });

  it('a timeout that comes due during a GC pause fails the request when the pause ends', () => {
    const { add, process, queue, outcomes } = setup();
    add(1, 'data', 'fetch', 300);
    queue.runUntil(100);
    process.pause(1000);
    queue.runUntil(5000);
    expect(outcomes).toEqual(['fetch REQUEST_TIMED_OUT at 1100']);
  });

  it('a request sent from a failure handler is not failed by the same broken connection', () => {
    const queue = new EventQueue();
    const requests = new InFlightRequests(new ClientProcess(queue));
    const failed: string[] = [];
    const owner: RequestOwner<string, never> = {
      onResponse: () => {},
      onFailure: (tag) => {
        failed.push(tag);
        if (tag === 'first') requests.add(1, 'data', 1000, owner, 'retry');
      },
    };
    requests.add(1, 'data', 1000, owner, 'first');
    requests.failConnection(1);
    expect(failed).toEqual(['first']);
    requests.failConnection(1);
    expect(failed).toEqual(['first', 'retry']);
  });
});
