/**
 * The controller's side of broker sessions (Kafka's ClusterControlManager and
 * BrokerHeartbeatManager): registrations with their incarnations and broker epochs, heartbeats,
 * and fencing when a session runs out. The rules (who may register, which heartbeat counts, when
 * a broker is fenced or unfenced) are the broker registration machine's
 * (machines/brokerRegistration.machine.ts); this file schedules the session checks, answers the
 * brokers, and says what happened. What fencing does to partitions is the controller's job
 * (controller.ts), reached through the hooks.
 */
import { createActor, type Actor } from 'xstate';
import { brokerRegistrationMachine, type BrokerRegistrationEvent } from '../machines/brokerRegistration.machine';
import { CONTROLLER, type SimContext } from './context';
import type { MetadataImage } from './messages';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

type Registration = Actor<typeof brokerRegistrationMachine>;

/** The epoch every broker of the initial cluster registered with. */
export const BOOTSTRAP_BROKER_EPOCH = 0;

export interface SessionHooks {
  /** `broker` was just fenced: its leaderships move and it leaves the ISRs. */
  brokerFenced(broker: number): void;
  /** `broker` was just unfenced: leaderless partitions may elect it. */
  brokerUnfenced(broker: number): void;
  /** The current metadata image, for a broker that registers or is behind. */
  image(): MetadataImage;
}

interface SessionCheck {
  broker: number;
  timeout: number;
}
const SESSION_CHECK = defineTask('controller.sessionCheck', (registry: BrokerRegistry, check: SessionCheck) => registry.checkSession(check));

export class BrokerRegistry {
  private readonly brokers = new Map<number, Registration>();
  /** Broker epochs rise across the cluster, like the offsets of Kafka's RegisterBrokerRecords. */
  private lastBrokerEpoch = BOOTSTRAP_BROKER_EPOCH;

  constructor(
    private readonly ctx: SimContext,
    brokerIds: readonly number[],
    private readonly hooks: SessionHooks,
  ) {
    for (const id of brokerIds) this.brokers.set(id, createActor(brokerRegistrationMachine, { input: { brokerEpoch: BOOTSTRAP_BROKER_EPOCH } }).start());
  }

  /** Starts watching every session (the cluster starts with each broker just heard from). */
  start(): void {
    for (const id of this.brokers.keys()) this.watchSession(id);
  }

  private get now(): number {
    return this.ctx.queue.now;
  }

  ids(): IterableIterator<number> {
    return this.brokers.keys();
  }

  isFenced(broker: number): boolean {
    return this.brokers.get(broker)?.getSnapshot().matches('fenced') ?? true;
  }

  fencedIds(): number[] {
    return [...this.brokers].filter(([, b]) => b.getSnapshot().matches('fenced')).map(([id]) => id);
  }

  /**
   * ClusterControlManager.registerBroker. A new incarnation is refused while the previous one
   * still has a valid session (DuplicateBrokerRegistrationException): the old incarnation keeps
   * its leaderships until its session expires and it is fenced. Once accepted, the new
   * incarnation gets a new broker epoch and starts fenced. The same incarnation registering again
   * (its answer was lost) amends the registration: epoch and fencing stay as they are. The
   * registration machine decides; this answers and says what happened.
   */
  handleRegistration(broker: number, incarnation: number, current: number, from: string): void {
    const reg = this.brokers.get(broker);
    if (!reg) return;
    const before = reg.getSnapshot();
    const register: BrokerRegistrationEvent = {
      type: 'REGISTER',
      incarnation,
      brokerEpoch: this.lastBrokerEpoch + 1,
      version: current,
      now: this.now,
      sessionTimeoutMs: this.ctx.config.broker['broker.session.timeout.ms'],
    };
    if (!before.can(register)) {
      this.ctx.emit({ t: this.now, type: 'BrokerRegistrationRefused', broker, incarnation, error: 'DUPLICATE_BROKER_REGISTRATION' });
      this.ctx.network.send(CONTROLLER, from, { kind: 'registerResponse', incarnation, brokerEpoch: -1, error: 'DUPLICATE_BROKER_REGISTRATION', metadata: null });
      return;
    }
    reg.send(register);
    if (before.context.incarnation !== incarnation) {
      this.lastBrokerEpoch++;
      // The session ran out this very millisecond and its check has not run yet: the machine
      // fenced the old incarnation on the way, and its leaderships move before the new one is
      // registered.
      if (before.matches('unfenced')) this.fenced(broker, 'session-timeout');
      this.ctx.emit({ t: this.now, type: 'BrokerRegistered', broker, incarnation });
    }
    this.watchSession(broker);
    this.ctx.network.send(CONTROLLER, from, { kind: 'registerResponse', incarnation, brokerEpoch: reg.getSnapshot().context.brokerEpoch, error: null, metadata: this.hooks.image() });
  }

  /** `metadataVersion`: how far the broker has caught up; `current`: the controller's version. */
  handleHeartbeat(broker: number, brokerEpoch: number, metadataVersion: number, current: number, from: string): void {
    const reg = this.brokers.get(broker);
    const heartbeat: BrokerRegistrationEvent = { type: 'HEARTBEAT', brokerEpoch, metadataVersion, now: this.now };
    const before = reg?.getSnapshot();
    // Another incarnation's heartbeat (Kafka answers STALE_BROKER_EPOCH; no one is listening).
    if (!reg || !before!.can(heartbeat)) return;
    reg.send(heartbeat);
    this.watchSession(broker);
    const after = reg.getSnapshot();
    if (before!.matches('fenced') && after.matches('unfenced')) this.unfenced(broker);
    const behind = metadataVersion < current;
    this.ctx.network.send(CONTROLLER, from, { kind: 'heartbeatResponse', brokerEpoch, fenced: after.matches('fenced'), metadata: behind ? this.hooks.image() : null });
  }

  private watchSession(broker: number): void {
    const timeout = this.ctx.config.broker['broker.session.timeout.ms'];
    this.ctx.queue.after(timeout, SESSION_CHECK, this, { broker, timeout });
  }

  /** @internal The SESSION_CHECK task: the machine fences the broker if nothing was heard for `timeout`. */
  checkSession({ broker, timeout }: SessionCheck): void {
    const reg = this.brokers.get(broker);
    const check: BrokerRegistrationEvent = { type: 'SESSION_CHECK', now: this.now, timeoutMs: timeout };
    if (!reg?.getSnapshot().can(check)) return;
    reg.send(check);
    this.fenced(broker, 'session-timeout');
  }

  /** The machine fenced `broker`: say so, and let the controller move its leaderships. */
  private fenced(broker: number, reason: 'session-timeout' | 're-registration'): void {
    this.ctx.emit({ t: this.now, type: 'BrokerFenced', broker, reason });
    this.hooks.brokerFenced(broker);
  }

  /** The machine unfenced `broker`: say so, and let leaderless partitions elect it. */
  private unfenced(broker: number): void {
    this.ctx.emit({ t: this.now, type: 'BrokerUnfenced', broker });
    this.hooks.brokerUnfenced(broker);
  }
}

registerClass('BrokerRegistry', BrokerRegistry, { blank: () => new BrokerRegistry(null as never, [], null as never) });
