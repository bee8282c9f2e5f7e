/**
 * The controller's side of broker sessions (Kafka's ClusterControlManager and
 * BrokerHeartbeatManager): registrations with their incarnations and broker epochs, heartbeats,
 * and fencing when a session runs out. What fencing does to partitions is the controller's job
 * (controller.ts), reached through the hooks.
 */
import { CONTROLLER, type SimContext } from './context';
import type { MetadataImage } from './messages';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

interface BrokerRegistration {
  /** Which process start of the broker registered (Kafka's incarnation id). */
  incarnation: number;
  /** Given at registration, carried by every heartbeat (Kafka's broker epoch). */
  brokerEpoch: number;
  fenced: boolean;
  lastHeartbeatMs: number;
  /** The metadata version when this incarnation registered (its RegisterBrokerRecord's offset). */
  registeredAtVersion: number;
}

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
  private readonly brokers = new Map<number, BrokerRegistration>();
  /** Broker epochs rise across the cluster, like the offsets of Kafka's RegisterBrokerRecords. */
  private lastBrokerEpoch = BOOTSTRAP_BROKER_EPOCH;

  constructor(
    private readonly ctx: SimContext,
    brokerIds: readonly number[],
    private readonly hooks: SessionHooks,
  ) {
    for (const id of brokerIds) this.brokers.set(id, { incarnation: 0, brokerEpoch: BOOTSTRAP_BROKER_EPOCH, fenced: false, lastHeartbeatMs: 0, registeredAtVersion: 0 });
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
    return this.brokers.get(broker)?.fenced ?? true;
  }

  fencedIds(): number[] {
    return [...this.brokers].filter(([, b]) => b.fenced).map(([id]) => id);
  }

  /**
   * ClusterControlManager.registerBroker. A new incarnation is refused while the previous one
   * still has a valid session (DuplicateBrokerRegistrationException): the old incarnation keeps
   * its leaderships until its session expires and it is fenced. Once accepted, the new
   * incarnation gets a new broker epoch and starts fenced. The same incarnation registering again
   * (its answer was lost) amends the registration: epoch and fencing stay as they are.
   */
  handleRegistration(broker: number, incarnation: number, current: number, from: string): void {
    const reg = this.brokers.get(broker);
    if (!reg) return;
    if (reg.incarnation !== incarnation) {
      if (this.hasValidSession(reg)) {
        this.ctx.emit({ t: this.now, type: 'BrokerRegistrationRefused', broker, incarnation, error: 'DUPLICATE_BROKER_REGISTRATION' });
        this.ctx.network.send(CONTROLLER, from, { kind: 'registerResponse', incarnation, brokerEpoch: -1, error: 'DUPLICATE_BROKER_REGISTRATION', metadata: null });
        return;
      }
      // The session ran out this very millisecond and its check has not run yet: fence the old
      // incarnation first, so that its leaderships move before the new one registers.
      if (!reg.fenced) this.fence(broker, 'session-timeout');
      reg.incarnation = incarnation;
      reg.brokerEpoch = ++this.lastBrokerEpoch;
      reg.registeredAtVersion = current;
      reg.fenced = true;
      this.ctx.emit({ t: this.now, type: 'BrokerRegistered', broker, incarnation });
    }
    reg.lastHeartbeatMs = this.now;
    this.watchSession(broker);
    this.ctx.network.send(CONTROLLER, from, { kind: 'registerResponse', incarnation, brokerEpoch: reg.brokerEpoch, error: null, metadata: this.hooks.image() });
  }

  /**
   * BrokerHeartbeatManager.hasValidSession: an unfenced broker heard from within
   * broker.session.timeout.ms (the session check fences it at the timeout itself).
   */
  private hasValidSession(reg: BrokerRegistration): boolean {
    return !reg.fenced && this.now - reg.lastHeartbeatMs < this.ctx.config.broker['broker.session.timeout.ms'];
  }

  /** `metadataVersion`: how far the broker has caught up; `current`: the controller's version. */
  handleHeartbeat(broker: number, brokerEpoch: number, metadataVersion: number, current: number, from: string): void {
    const reg = this.brokers.get(broker);
    // Another incarnation's heartbeat (Kafka answers STALE_BROKER_EPOCH; no one is listening).
    if (!reg || reg.brokerEpoch !== brokerEpoch) return;
    reg.lastHeartbeatMs = this.now;
    this.watchSession(broker);
    // BrokerHeartbeatManager.calculateNextBrokerState: a fenced broker is unfenced once its
    // metadata has reached its own registration, not necessarily the latest version.
    if (reg.fenced && metadataVersion >= reg.registeredAtVersion) this.unfence(broker);
    const behind = metadataVersion < current;
    this.ctx.network.send(CONTROLLER, from, { kind: 'heartbeatResponse', brokerEpoch, fenced: reg.fenced, metadata: behind ? this.hooks.image() : null });
  }

  private watchSession(broker: number): void {
    const timeout = this.ctx.config.broker['broker.session.timeout.ms'];
    this.ctx.queue.after(timeout, SESSION_CHECK, this, { broker, timeout });
  }

  /** @internal The SESSION_CHECK task: fences the broker if nothing was heard for `timeout`. */
  checkSession({ broker, timeout }: SessionCheck): void {
    const reg = this.brokers.get(broker);
    if (reg && !reg.fenced && this.now - reg.lastHeartbeatMs >= timeout) this.fence(broker, 'session-timeout');
  }

  private fence(broker: number, reason: 'session-timeout' | 're-registration'): void {
    this.brokers.get(broker)!.fenced = true;
    this.ctx.emit({ t: this.now, type: 'BrokerFenced', broker, reason });
    this.hooks.brokerFenced(broker);
  }

  private unfence(broker: number): void {
    this.brokers.get(broker)!.fenced = false;
    this.ctx.emit({ t: this.now, type: 'BrokerUnfenced', broker });
    this.hooks.brokerUnfenced(broker);
  }
}

registerClass('BrokerRegistry', BrokerRegistry);
