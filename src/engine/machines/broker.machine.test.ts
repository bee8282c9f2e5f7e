/**
 * A broker's lifecycle as KRaft sees it: a new or restarted broker registers fenced, is unfenced
 * by the controller once caught up, is fenced again when its heartbeats stop; a crash (kill -9)
 * keeps the machine's page cache, a power loss does not.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { brokerMachine, isProcessUp, type BrokerLifecycleEvent, type BrokerLifecycleState } from './broker.machine';

function brokerIn(...events: BrokerLifecycleEvent['type'][]) {
  const actor = createActor(brokerMachine).start();
  for (const type of events) actor.send({ type });
  return actor;
}

const stateAfter = (...events: BrokerLifecycleEvent['type'][]): BrokerLifecycleState => brokerIn(...events).getSnapshot().value as BrokerLifecycleState;

const ALL_EVENTS: BrokerLifecycleEvent['type'][] = ['CRASH', 'POWER_LOSS', 'RESTART', 'REGISTERED', 'FENCED', 'UNFENCED'];

describe('brokerMachine', () => {
  it('a new broker starts fenced (registered, not yet allowed to lead or join an ISR)', () => {
    expect(stateAfter()).toBe('fenced');
  });

  it('the controller unfences it: running', () => {
    expect(stateAfter('UNFENCED')).toBe('running');
  });

  it('missed heartbeats fence a running broker; it is unfenced again once it catches up', () => {
    expect(stateAfter('UNFENCED', 'FENCED')).toBe('fenced');
    expect(stateAfter('UNFENCED', 'FENCED', 'UNFENCED')).toBe('running');
  });

  it('crash and restart: crashed → recovering (loading its logs) → fenced on registration → running', () => {
    expect(stateAfter('UNFENCED', 'CRASH')).toBe('crashed');
    expect(stateAfter('UNFENCED', 'CRASH', 'RESTART')).toBe('recovering');
    expect(stateAfter('UNFENCED', 'CRASH', 'RESTART', 'REGISTERED')).toBe('fenced');
    expect(stateAfter('UNFENCED', 'CRASH', 'RESTART', 'REGISTERED', 'UNFENCED')).toBe('running');
  });

  it('a power loss takes down any live broker, and it restarts through recovery', () => {
    expect(stateAfter('UNFENCED', 'POWER_LOSS')).toBe('poweredOff');
    expect(stateAfter('POWER_LOSS')).toBe('poweredOff');
    expect(stateAfter('UNFENCED', 'CRASH', 'RESTART', 'POWER_LOSS')).toBe('poweredOff');
    expect(stateAfter('UNFENCED', 'POWER_LOSS', 'RESTART')).toBe('recovering');
  });

  it('a crashed broker can still lose power (the page cache it kept is gone too)', () => {
    expect(stateAfter('UNFENCED', 'CRASH', 'POWER_LOSS')).toBe('poweredOff');
  });

  it('a broker can crash while fenced or while recovering', () => {
    expect(stateAfter('CRASH')).toBe('crashed');
    expect(stateAfter('UNFENCED', 'CRASH', 'RESTART', 'CRASH')).toBe('crashed');
  });

  it('a crashed broker ignores everything but RESTART and POWER_LOSS', () => {
    for (const type of ['CRASH', 'REGISTERED', 'FENCED', 'UNFENCED'] as const) {
      expect(stateAfter('UNFENCED', 'CRASH', type)).toBe('crashed');
    }
  });

  it('a powered-off broker ignores everything but RESTART', () => {
    for (const type of ['CRASH', 'POWER_LOSS', 'REGISTERED', 'FENCED', 'UNFENCED'] as const) {
      expect(stateAfter('UNFENCED', 'POWER_LOSS', type)).toBe('poweredOff');
    }
  });

  it('a live broker ignores RESTART and REGISTERED; a recovering one is not unfenced before it registers', () => {
    expect(stateAfter('UNFENCED', 'RESTART')).toBe('running');
    expect(stateAfter('UNFENCED', 'REGISTERED')).toBe('running');
    expect(stateAfter('RESTART')).toBe('fenced');
    expect(stateAfter('UNFENCED', 'CRASH', 'RESTART', 'UNFENCED')).toBe('recovering');
    expect(stateAfter('UNFENCED', 'CRASH', 'RESTART', 'FENCED')).toBe('recovering');
  });

  it('every state is reachable and every event leaves the machine in a known state', () => {
    const seen = new Set<string>();
    const known: BrokerLifecycleState[] = ['running', 'crashed', 'poweredOff', 'recovering', 'fenced'];
    // Breadth-first over event sequences of length ≤ 3.
    let frontier: BrokerLifecycleEvent['type'][][] = [[]];
    for (let depth = 0; depth <= 3; depth++) {
      const next: BrokerLifecycleEvent['type'][][] = [];
      for (const path of frontier) {
        const state = stateAfter(...path);
        expect(known).toContain(state);
        seen.add(state);
        for (const e of ALL_EVENTS) next.push([...path, e]);
      }
      frontier = next;
    }
    expect([...seen].sort()).toEqual([...known].sort());
  });
});

describe('isProcessUp', () => {
  it('the process is up while running, fenced or recovering, and down when crashed or powered off', () => {
    expect(isProcessUp('running')).toBe(true);
    expect(isProcessUp('fenced')).toBe(true);
    expect(isProcessUp('recovering')).toBe(true);
    expect(isProcessUp('crashed')).toBe(false);
    expect(isProcessUp('poweredOff')).toBe(false);
  });
});
