/**
 * A broker's registration as the controller keeps it: Kafka's ClusterControlManager holds the
 * registration (incarnation, broker epoch, fenced or not) and BrokerHeartbeatManager the session
 * (when the broker was last heard from). This is the other end of the broker machine
 * (broker.machine.ts): the two can disagree for a while (a crashed broker stays unfenced here
 * until its session runs out), which is what the zombie-leader scenario shows.
 *
 *   unfenced ──SESSION_CHECK (silent for the timeout)──────────────────────────▶ fenced
 *   unfenced ──REGISTER (another incarnation, its old session ran out)─────────▶ fenced (new epoch)
 *   fenced   ──REGISTER (another incarnation)──▶ fenced (new epoch)
 *   fenced   ──HEARTBEAT (its epoch, metadata caught up to its registration)──▶ unfenced
 *   REGISTER from the registered incarnation (its answer was lost): amends, nothing changes
 *   REGISTER from another incarnation while the old session lives: refused (no transition;
 *     DuplicateBrokerRegistrationException) — the engine asks `can` and answers the error
 *   HEARTBEAT for another broker epoch: not for this registration (no transition)
 *
 * Lifecycle events only, no timers: the controller schedules the session checks on the engine's
 * queue and passes the clock in the events (`now`), so the machine decides and stays
 * deterministic. What fencing does to partitions stays with the controller.
 */
import { assign, setup } from 'xstate';
import { registerMachine } from '../core/graphCodec';

export type BrokerRegistrationState = 'unfenced' | 'fenced';

export interface BrokerRegistrationContext {
  /** Which process start of the broker registered (Kafka's incarnation id). */
  incarnation: number;
  /** Given at registration, carried by every heartbeat (Kafka's broker epoch). */
  brokerEpoch: number;
  /** When the broker was last heard from (a registration or a heartbeat). */
  lastHeartbeatMs: number;
  /** The metadata version when this incarnation registered (its RegisterBrokerRecord's offset). */
  registeredAtVersion: number;
}

export type BrokerRegistrationEvent =
  /**
   * ClusterControlManager.registerBroker. `brokerEpoch`: the epoch a new incarnation gets;
   * `version`: the controller's metadata version now; `sessionTimeoutMs`: broker.session.timeout.ms.
   */
  | { type: 'REGISTER'; incarnation: number; brokerEpoch: number; version: number; now: number; sessionTimeoutMs: number }
  /** A heartbeat sent with `brokerEpoch` by a broker whose metadata has reached `metadataVersion`. */
  | { type: 'HEARTBEAT'; brokerEpoch: number; metadataVersion: number; now: number }
  /** The session check the controller scheduled `timeoutMs` after the broker was last heard from. */
  | { type: 'SESSION_CHECK'; now: number; timeoutMs: number };

export const brokerRegistrationMachine = setup({
  types: {
    context: {} as BrokerRegistrationContext,
    events: {} as BrokerRegistrationEvent,
    input: {} as { brokerEpoch: number },
  },
  guards: {
    /** The registered incarnation registering again (its answer was lost). */
    sameIncarnation: ({ context, event }) => event.type === 'REGISTER' && event.incarnation === context.incarnation,
    /**
     * The registered incarnation has no valid session (BrokerHeartbeatManager.hasValidSession):
     * nothing heard from it for broker.session.timeout.ms. Only then may another incarnation
     * register in its place; an unfenced one is fenced first.
     */
    sessionExpired: ({ context, event }) => {
      if (event.type === 'REGISTER') return event.now - context.lastHeartbeatMs >= event.sessionTimeoutMs;
      if (event.type === 'SESSION_CHECK') return event.now - context.lastHeartbeatMs >= event.timeoutMs;
      return false;
    },
    forThisEpoch: ({ context, event }) => event.type === 'HEARTBEAT' && event.brokerEpoch === context.brokerEpoch,
    /**
     * BrokerHeartbeatManager.calculateNextBrokerState: a fenced broker is unfenced once its
     * metadata has reached its own registration, not necessarily the latest version.
     */
    caughtUp: ({ context, event }) => event.type === 'HEARTBEAT' && event.brokerEpoch === context.brokerEpoch && event.metadataVersion >= context.registeredAtVersion,
  },
  actions: {
    heard: assign(({ event }) => (event.type === 'REGISTER' || event.type === 'HEARTBEAT' ? { lastHeartbeatMs: event.now } : {})),
    /** A new incarnation registers: a new broker epoch, fenced until it catches up. */
    register: assign(({ event }) =>
      event.type === 'REGISTER' ? { incarnation: event.incarnation, brokerEpoch: event.brokerEpoch, registeredAtVersion: event.version, lastHeartbeatMs: event.now } : {},
    ),
  },
}).createMachine({
  id: 'brokerRegistration',
  // The cluster starts with every broker registered (incarnation 0) and unfenced, just heard from.
  context: ({ input }) => ({ incarnation: 0, brokerEpoch: input.brokerEpoch, lastHeartbeatMs: 0, registeredAtVersion: 0 }),
  initial: 'unfenced',
  states: {
    unfenced: {
      on: {
        REGISTER: [
          { guard: 'sameIncarnation', actions: 'heard' },
          { guard: 'sessionExpired', target: 'fenced', actions: 'register' },
        ],
        HEARTBEAT: { guard: 'forThisEpoch', actions: 'heard' },
        SESSION_CHECK: { guard: 'sessionExpired', target: 'fenced' },
      },
    },
    fenced: {
      on: {
        REGISTER: [{ guard: 'sameIncarnation', actions: 'heard' }, { actions: 'register' }],
        HEARTBEAT: [
          { guard: 'caughtUp', target: 'unfenced', actions: 'heard' },
          { guard: 'forThisEpoch', actions: 'heard' },
        ],
      },
    },
  },
});

registerMachine(brokerRegistrationMachine);
