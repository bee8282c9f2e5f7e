/**
 * A broker's lifecycle as KRaft sees it: a new or restarted broker registers fenced, is unfenced
 * by the controller once caught up, is fenced again when its heartbeats stop; a crash (kill -9)
 * keeps the machine's page cache, a power loss does not. Answers count only for the incarnation
 * and broker epoch that asked.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { brokerMachine, NOT_REGISTERED, type BrokerLifecycleEvent, type BrokerLifecycleState } from './broker.machine';

/** Shorthands; the answers are addressed to the broker's current incarnation and epoch. */
type Step = 'BOOT' | 'CRASH' | 'POWER_LOSS' | 'RESTART' | 'REGISTERED' | 'REFUSED' | 'FENCED' | 'UNFENCED';
const ALL_STEPS: Step[] = ['BOOT', 'CRASH', 'POWER_LOSS', 'RESTART', 'REGISTERED', 'REFUSED', 'FENCED', 'UNFENCED'];

function brokerIn(...steps: Step[]) {
  const actor = createActor(brokerMachine).start();
  for (const step of steps) actor.send(eventFor(step, actor.getSnapshot().context));
  return actor;
}

function eventFor(step: Step, context: { incarnation: number; brokerEpoch: number }): BrokerLifecycleEvent {
  switch (step) {
    case 'BOOT':
      return { type: 'BOOTSTRAP', brokerEpoch: 0 };
    case 'REGISTERED':
      return { type: 'REGISTERED', incarnation: context.incarnation, brokerEpoch: 10 + context.incarnation };
    case 'REFUSED':
      return { type: 'REGISTRATION_REFUSED', incarnation: context.incarnation };
    case 'FENCED':
    case 'UNFENCED':
      return { type: 'HEARTBEAT_ANSWER', brokerEpoch: context.brokerEpoch, fenced: step === 'FENCED' };
    default:
      return { type: step };
  }
}

const stateAfter = (...steps: Step[]): BrokerLifecycleState => brokerIn(...steps).getSnapshot().value as BrokerLifecycleState;

describe('brokerMachine', () => {
  it('a new broker starts fenced, unregistered; the initial cluster boots it registered and running', () => {
    expect(stateAfter()).toBe('fenced');
    expect(brokerIn().getSnapshot().context).toEqual({ incarnation: 0, brokerEpoch: NOT_REGISTERED, refusals: 0 });
    expect(stateAfter('BOOT')).toBe('running');
    expect(brokerIn('BOOT').getSnapshot().context.brokerEpoch).toBe(0);
  });

  it('a heartbeat answer saying fenced fences a running broker; one saying unfenced unfences it again', () => {
    expect(stateAfter('BOOT', 'FENCED')).toBe('fenced');
    expect(stateAfter('BOOT', 'FENCED', 'UNFENCED')).toBe('running');
    expect(stateAfter('BOOT', 'UNFENCED')).toBe('running');
  });

  it('crash and restart: crashed → recovering (a new incarnation, unregistered) → fenced on registration → running', () => {
    expect(stateAfter('BOOT', 'CRASH')).toBe('crashed');
    expect(brokerIn('BOOT', 'CRASH').getSnapshot().context.brokerEpoch).toBe(NOT_REGISTERED);
    expect(stateAfter('BOOT', 'CRASH', 'RESTART')).toBe('recovering');
    expect(brokerIn('BOOT', 'CRASH', 'RESTART').getSnapshot().context.incarnation).toBe(1);
    expect(stateAfter('BOOT', 'CRASH', 'RESTART', 'REGISTERED')).toBe('fenced');
    expect(brokerIn('BOOT', 'CRASH', 'RESTART', 'REGISTERED').getSnapshot().context.brokerEpoch).toBe(11);
    expect(stateAfter('BOOT', 'CRASH', 'RESTART', 'REGISTERED', 'UNFENCED')).toBe('running');
  });

  it('a registration answer for another incarnation is ignored, whatever it says', () => {
    const actor = brokerIn('BOOT', 'CRASH', 'RESTART');
    const stale = { type: 'REGISTERED', incarnation: 0, brokerEpoch: 5 } as const;
    expect(actor.getSnapshot().can(stale)).toBe(false);
    actor.send(stale);
    expect(actor.getSnapshot().value).toBe('recovering');
    expect(actor.getSnapshot().can({ type: 'REGISTRATION_REFUSED', incarnation: 0 })).toBe(false);
  });

  it('a heartbeat answer for another broker epoch is ignored: it neither fences nor unfences', () => {
    const running = brokerIn('BOOT', 'CRASH', 'RESTART', 'REGISTERED', 'UNFENCED');
    const old = { type: 'HEARTBEAT_ANSWER', brokerEpoch: 0, fenced: true } as const;
    expect(running.getSnapshot().can(old)).toBe(false);
    running.send(old);
    expect(running.getSnapshot().value).toBe('running');
    // Before it registers, no heartbeat answer counts (it has no epoch yet).
    const recovering = brokerIn('BOOT', 'CRASH', 'RESTART');
    expect(recovering.getSnapshot().can({ type: 'HEARTBEAT_ANSWER', brokerEpoch: NOT_REGISTERED, fenced: false })).toBe(false);
    // An answer for its own epoch is taken even when it changes nothing.
    expect(running.getSnapshot().can({ type: 'HEARTBEAT_ANSWER', brokerEpoch: 11, fenced: false })).toBe(true);
  });

  it('counts refused registrations of an incarnation (for the backoff); a restart starts over', () => {
    expect(brokerIn('BOOT', 'CRASH', 'RESTART', 'REFUSED', 'REFUSED').getSnapshot().context.refusals).toBe(2);
    expect(stateAfter('BOOT', 'CRASH', 'RESTART', 'REFUSED', 'REFUSED')).toBe('recovering');
    expect(brokerIn('BOOT', 'CRASH', 'RESTART', 'REFUSED', 'CRASH', 'RESTART').getSnapshot().context.refusals).toBe(0);
  });

  it('a power loss takes down any live broker, and it restarts through recovery', () => {
    expect(stateAfter('BOOT', 'POWER_LOSS')).toBe('poweredOff');
    expect(stateAfter('POWER_LOSS')).toBe('poweredOff');
    expect(stateAfter('BOOT', 'CRASH', 'RESTART', 'POWER_LOSS')).toBe('poweredOff');
    expect(stateAfter('BOOT', 'POWER_LOSS', 'RESTART')).toBe('recovering');
  });

  it('a crashed broker can still lose power (the page cache it kept is gone too)', () => {
    expect(stateAfter('BOOT', 'CRASH', 'POWER_LOSS')).toBe('poweredOff');
  });

  it('a broker can crash while fenced or while recovering', () => {
    expect(stateAfter('CRASH')).toBe('crashed');
    expect(stateAfter('BOOT', 'CRASH', 'RESTART', 'CRASH')).toBe('crashed');
  });

  it('a crashed broker ignores everything but RESTART and POWER_LOSS', () => {
    for (const step of ['BOOT', 'CRASH', 'REGISTERED', 'REFUSED', 'FENCED', 'UNFENCED'] as const) {
      expect(stateAfter('BOOT', 'CRASH', step)).toBe('crashed');
    }
  });

  it('a powered-off broker ignores everything but RESTART', () => {
    for (const step of ['BOOT', 'CRASH', 'POWER_LOSS', 'REGISTERED', 'REFUSED', 'FENCED', 'UNFENCED'] as const) {
      expect(stateAfter('BOOT', 'POWER_LOSS', step)).toBe('poweredOff');
    }
  });

  it('a live broker ignores RESTART and REGISTERED; a recovering one is not unfenced before it registers', () => {
    expect(stateAfter('BOOT', 'RESTART')).toBe('running');
    expect(stateAfter('BOOT', 'REGISTERED')).toBe('running');
    expect(stateAfter('RESTART')).toBe('fenced');
    expect(stateAfter('BOOT', 'CRASH', 'RESTART', 'UNFENCED')).toBe('recovering');
    expect(stateAfter('BOOT', 'CRASH', 'RESTART', 'FENCED')).toBe('recovering');
  });

  it('every state is reachable and every event leaves the machine in a known state', () => {
    const seen = new Set<string>();
    const known: BrokerLifecycleState[] = ['running', 'crashed', 'poweredOff', 'recovering', 'fenced'];
    // Breadth-first over step sequences of length ≤ 3.
    let frontier: Step[][] = [[]];
    for (let depth = 0; depth <= 3; depth++) {
      const next: Step[][] = [];
      for (const path of frontier) {
        const state = stateAfter(...path);
        expect(known).toContain(state);
        seen.add(state);
        for (const e of ALL_STEPS) next.push([...path, e]);
      }
      frontier = next;
    }
    expect([...seen].sort()).toEqual([...known].sort());
  });
});

describe('what each broker state allows (its tags), which the engine asks instead of naming states', () => {
  const tagsAfter = (...steps: Step[]) => {
    const snapshot = brokerIn(...steps).getSnapshot();
    return (['up', 'registered', 'registering', 'refusesConnections'] as const).filter((t) => snapshot.hasTag(t));
  };

  it('the process is up while running, fenced or recovering, and down when crashed or powered off', () => {
    expect(tagsAfter('BOOT')).toContain('up');
    expect(tagsAfter('BOOT', 'FENCED')).toContain('up');
    expect(tagsAfter('BOOT', 'CRASH', 'RESTART')).toContain('up');
    expect(tagsAfter('BOOT', 'CRASH')).not.toContain('up');
    expect(tagsAfter('BOOT', 'POWER_LOSS')).not.toContain('up');
  });

  it('only a crashed broker refuses connections (a reset); a powered-off one is silent', () => {
    expect(tagsAfter('BOOT', 'CRASH')).toEqual(['refusesConnections']);
    expect(tagsAfter('BOOT', 'POWER_LOSS')).toEqual([]);
    expect(tagsAfter('BOOT', 'CRASH', 'POWER_LOSS')).toEqual([]);
  });

  it('a recovering broker asks to register and takes no metadata until its registration is accepted', () => {
    expect(tagsAfter('BOOT', 'CRASH', 'RESTART')).toEqual(['up', 'registering']);
    expect(tagsAfter('BOOT', 'CRASH', 'RESTART', 'REFUSED')).toEqual(['up', 'registering']);
    expect(tagsAfter('BOOT', 'CRASH', 'RESTART', 'REGISTERED')).toEqual(['up', 'registered']);
    expect(tagsAfter('BOOT')).toEqual(['up', 'registered']);
  });

  it('crash needs a live process, restart a dead one, and a power loss anything not already off', () => {
    const can = (event: BrokerLifecycleEvent, ...steps: Step[]) => brokerIn(...steps).getSnapshot().can(event);
    expect(can({ type: 'CRASH' }, 'BOOT')).toBe(true);
    expect(can({ type: 'CRASH' }, 'BOOT', 'CRASH')).toBe(false);
    expect(can({ type: 'CRASH' }, 'BOOT', 'POWER_LOSS')).toBe(false);
    expect(can({ type: 'RESTART' }, 'BOOT')).toBe(false);
    expect(can({ type: 'RESTART' }, 'BOOT', 'CRASH', 'RESTART')).toBe(false);
    expect(can({ type: 'RESTART' }, 'BOOT', 'CRASH')).toBe(true);
    expect(can({ type: 'RESTART' }, 'BOOT', 'POWER_LOSS')).toBe(true);
    expect(can({ type: 'POWER_LOSS' }, 'BOOT', 'CRASH')).toBe(true);
    expect(can({ type: 'POWER_LOSS' }, 'BOOT', 'POWER_LOSS')).toBe(false);
  });
});
