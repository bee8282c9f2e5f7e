/**
 * A broker's session with the KRaft controller (Kafka's BrokerLifecycleManager): it registers
 * after log recovery, heartbeats every broker.heartbeat.interval.ms, and is fenced or unfenced by
 * the answers. Which answers count is the broker machine's rule (machines/broker.machine.ts):
 * only those for this incarnation and its broker epoch.
 */
import type { Actor } from 'xstate';
import type { Random } from '../core/random';
import type { brokerMachine } from '../machines/broker.machine';
import type { BrokerCore } from './brokerCore';
import type { BrokerMetadata } from './brokerMetadata';
import { CONTROLLER } from './context';
import type { BrokerRegistrationResponse, HeartbeatResponse } from './messages';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

/**
 * How long a restarted broker takes to load its logs before it registers with the controller.
 * Kafka's real figure depends on the log size; a fixed second keeps restarts visible.
 */
export const BROKER_RECOVERY_MS = 1000;
/** BrokerLifecycleManager's resend backoff: 100 ms doubling, ±2% jitter. */
const REGISTRATION_BACKOFF_INITIAL_MS = 100;
const REGISTRATION_BACKOFF_JITTER = 0.02;

const REGISTER = defineTask('broker.register', (session: ControllerSession) => session.register());
/** Registers again unless another attempt (or an answer) came since attempt `attempt`. */
const REGISTRATION_RETRY = defineTask('broker.registrationRetry', (session: ControllerSession, attempt: number) => session.retryRegistration(attempt));

/** Who starts the broker's periodic work once it is registered. */
export interface SessionOwner {
  /** Registered: the broker starts its periodic work (heartbeats, ISR checks, retention). */
  onRegistered(): void;
}

export class ControllerSession {
  /** Registration attempts of this incarnation: each answer or timer belongs to one attempt. */
  private registration = { attempt: 0 };
  /** Jitter of the registration backoff. */
  private readonly random: Random;

  constructor(
    private readonly core: BrokerCore,
    private readonly lifecycle: Actor<typeof brokerMachine>,
    private readonly metadata: BrokerMetadata,
    private readonly owner: SessionOwner,
  ) {
    this.random = core.ctx.random.fork(`broker-lifecycle/${core.name}`);
  }

  /** A new incarnation: register once its logs are recovered. */
  restarted(): void {
    this.registration = { attempt: 0 };
    this.core.later(BROKER_RECOVERY_MS, REGISTER, this);
  }

  /** @internal The REGISTER task. */
  register(): void {
    const snapshot = this.lifecycle.getSnapshot();
    // Only a recovering process asks (the machine's `registering` tag); one registered since, or
    // dead again, does not.
    if (!snapshot.hasTag('registering')) return;
    const { context } = snapshot;
    const attempt = ++this.registration.attempt;
    this.core.send(CONTROLLER, { kind: 'register', broker: this.core.id, incarnation: context.incarnation });
    // Registration may be lost (a cut link): without an answer, try again a heartbeat interval later.
    this.core.later(this.core.ctx.config.broker['broker.heartbeat.interval.ms'], REGISTRATION_RETRY, this, attempt);
  }

  /** @internal The REGISTRATION_RETRY task. */
  retryRegistration(attempt: number): void {
    if (this.registration.attempt === attempt) this.register();
  }

  /**
   * BrokerLifecycleManager's BrokerRegistrationResponseEvent. Accepted: the broker takes its
   * broker epoch, starts heartbeating at once, and stays fenced until it has caught up. Refused
   * (the previous incarnation's session is still valid): it asks again after an exponential
   * backoff.
   */
  handleRegistrationResponse(response: BrokerRegistrationResponse): void {
    const snapshot = this.lifecycle.getSnapshot();
    if (response.error !== null) {
      const refused = { type: 'REGISTRATION_REFUSED', incarnation: response.incarnation } as const;
      if (!snapshot.can(refused)) return;
      this.lifecycle.send(refused);
      const attempt = ++this.registration.attempt;
      this.core.later(this.registrationBackoffMs(this.lifecycle.getSnapshot().context.refusals - 1), REGISTRATION_RETRY, this, attempt);
      return;
    }
    const registered = { type: 'REGISTERED', incarnation: response.incarnation, brokerEpoch: response.brokerEpoch } as const;
    if (!snapshot.can(registered)) return;
    if (response.metadata) this.metadata.apply(response.metadata);
    this.lifecycle.send(registered);
    this.owner.onRegistered();
    // Caught up with the metadata: ask to be unfenced now rather than a heartbeat later.
    this.sendHeartbeat();
  }

  /**
   * BrokerLifecycleManager's resend backoff: Kafka's ExponentialBackoff(100 ms, ×2, max
   * broker.session.timeout.ms, jitter 0.02), drawn from this broker's own random stream.
   */
  private registrationBackoffMs(failures: number): number {
    const max = this.core.ctx.config.broker['broker.session.timeout.ms'];
    const initial = Math.min(REGISTRATION_BACKOFF_INITIAL_MS, max);
    const expMax = max > initial ? Math.log(max / Math.max(initial, 1)) / Math.log(2) : 0;
    if (expMax === 0) return initial;
    const term = initial * 2 ** Math.min(failures, expMax);
    const jitter = 1 - REGISTRATION_BACKOFF_JITTER + 2 * REGISTRATION_BACKOFF_JITTER * this.random.float();
    return Math.min(Math.floor(term * jitter), max);
  }

  sendHeartbeat(): void {
    const { brokerEpoch } = this.lifecycle.getSnapshot().context;
    this.core.send(CONTROLLER, { kind: 'heartbeat', broker: this.core.id, brokerEpoch, metadataVersion: this.metadata.version });
  }

  /**
   * Each answer belongs to the heartbeat that asked (Kafka's BrokerHeartbeatResponseHandler is
   * per request): one addressed to another incarnation's broker epoch is not for this process.
   */
  handleHeartbeatResponse(response: HeartbeatResponse): void {
    const answer = { type: 'HEARTBEAT_ANSWER', brokerEpoch: response.brokerEpoch, fenced: response.fenced } as const;
    if (!this.lifecycle.getSnapshot().can(answer)) return;
    if (response.metadata) this.metadata.apply(response.metadata);
    this.lifecycle.send(answer);
  }
}

registerClass('ControllerSession', ControllerSession, { blank: () => new ControllerSession({ name: '', ctx: { random: { fork: () => null } } } as never, null as never, null as never, null as never) });
