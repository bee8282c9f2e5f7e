/**
 * The controller's side of a broker's session: a second incarnation is refused while the first
 * one's session lives; a silent broker is fenced at its session timeout; a fenced one is unfenced
 * once its metadata reaches its own registration; heartbeats of another broker epoch do not count.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { brokerRegistrationMachine, type BrokerRegistrationEvent } from './brokerRegistration.machine';

const TIMEOUT = 9000;

function registry() {
  return createActor(brokerRegistrationMachine, { input: { brokerEpoch: 0 } }).start();
}

const register = (incarnation: number, now: number, brokerEpoch = 7, version = 40): BrokerRegistrationEvent => ({
  type: 'REGISTER',
  incarnation,
  brokerEpoch,
  version,
  now,
  sessionTimeoutMs: TIMEOUT,
});
const heartbeat = (brokerEpoch: number, metadataVersion: number, now: number): BrokerRegistrationEvent => ({ type: 'HEARTBEAT', brokerEpoch, metadataVersion, now });
const check = (now: number): BrokerRegistrationEvent => ({ type: 'SESSION_CHECK', now, timeoutMs: TIMEOUT });

describe('brokerRegistrationMachine', () => {
  it('the initial cluster is registered and unfenced, incarnation 0, just heard from', () => {
    const reg = registry();
    expect(reg.getSnapshot().value).toBe('unfenced');
    expect(reg.getSnapshot().context).toEqual({ incarnation: 0, brokerEpoch: 0, lastHeartbeatMs: 0, registeredAtVersion: 0 });
  });

  it('refuses a new incarnation while the old one has a valid session (DUPLICATE_BROKER_REGISTRATION)', () => {
    const reg = registry();
    reg.send(heartbeat(0, 1, 5000));
    expect(reg.getSnapshot().can(register(1, 5000 + TIMEOUT - 1))).toBe(false);
    reg.send(register(1, 5000 + TIMEOUT - 1));
    expect(reg.getSnapshot().value).toBe('unfenced');
    expect(reg.getSnapshot().context.incarnation).toBe(0);
  });

  it('takes the new incarnation once the old session ran out: fenced, with the new broker epoch', () => {
    const reg = registry();
    reg.send(heartbeat(0, 1, 5000));
    expect(reg.getSnapshot().can(register(1, 5000 + TIMEOUT))).toBe(true);
    reg.send(register(1, 5000 + TIMEOUT, 7, 40));
    expect(reg.getSnapshot().value).toBe('fenced');
    expect(reg.getSnapshot().context).toEqual({ incarnation: 1, brokerEpoch: 7, lastHeartbeatMs: 5000 + TIMEOUT, registeredAtVersion: 40 });
  });

  it('a fenced registration takes a new incarnation at once (nothing holds a session)', () => {
    const reg = registry();
    reg.send(check(TIMEOUT));
    expect(reg.getSnapshot().value).toBe('fenced');
    expect(reg.getSnapshot().can(register(1, TIMEOUT + 1))).toBe(true);
  });

  it('the same incarnation registering again amends: epoch and fencing stay, the session is renewed', () => {
    const reg = registry();
    reg.send(register(0, 3000, 99, 50));
    expect(reg.getSnapshot().value).toBe('unfenced');
    expect(reg.getSnapshot().context).toEqual({ incarnation: 0, brokerEpoch: 0, lastHeartbeatMs: 3000, registeredAtVersion: 0 });
  });

  it('fences a broker silent for the session timeout, and not a moment earlier', () => {
    const reg = registry();
    reg.send(heartbeat(0, 1, 2000));
    expect(reg.getSnapshot().can(check(2000 + TIMEOUT - 1))).toBe(false);
    reg.send(check(2000 + TIMEOUT - 1));
    expect(reg.getSnapshot().value).toBe('unfenced');
    reg.send(check(2000 + TIMEOUT));
    expect(reg.getSnapshot().value).toBe('fenced');
    // A fenced broker is not fenced again.
    expect(reg.getSnapshot().can(check(2000 + 2 * TIMEOUT))).toBe(false);
  });

  it('unfences a fenced broker once its metadata reaches its own registration, not before', () => {
    const reg = registry();
    reg.send(check(TIMEOUT));
    reg.send(register(1, TIMEOUT, 7, 40));
    reg.send(heartbeat(7, 39, TIMEOUT + 100));
    expect(reg.getSnapshot().value).toBe('fenced');
    expect(reg.getSnapshot().context.lastHeartbeatMs).toBe(TIMEOUT + 100);
    reg.send(heartbeat(7, 40, TIMEOUT + 200));
    expect(reg.getSnapshot().value).toBe('unfenced');
  });

  it('a heartbeat of another broker epoch counts for nothing: it neither unfences nor renews the session', () => {
    const reg = registry();
    reg.send(check(TIMEOUT));
    reg.send(register(1, TIMEOUT, 7, 40));
    const stale = heartbeat(0, 100, TIMEOUT + 100);
    expect(reg.getSnapshot().can(stale)).toBe(false);
    reg.send(stale);
    expect(reg.getSnapshot().value).toBe('fenced');
    expect(reg.getSnapshot().context.lastHeartbeatMs).toBe(TIMEOUT);
  });

  it('survives a checkpoint: the persisted snapshot is plain data and restores to the same state', () => {
    const reg = registry();
    reg.send(check(TIMEOUT));
    reg.send(register(1, TIMEOUT, 7, 40));
    const persisted = JSON.parse(JSON.stringify(reg.getPersistedSnapshot()));
    const restored = createActor(brokerRegistrationMachine, { snapshot: persisted, input: { brokerEpoch: 0 } }).start();
    expect(restored.getSnapshot().value).toBe('fenced');
    restored.send(heartbeat(7, 40, TIMEOUT + 1));
    expect(restored.getSnapshot().value).toBe('unfenced');
  });
});
