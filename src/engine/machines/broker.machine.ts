/**
 * A broker's lifecycle, and the rules its session with the controller follows. Lifecycle events
 * only (DESIGN.md rule 5): no per-record traffic, no `after` delays — the engine schedules
 * recovery and heartbeats on its own queue and sends the events below.
 *
 *   running ──CRASH──▶ crashed ──RESTART──▶ recovering ──REGISTERED──▶ fenced ──HEARTBEAT_ANSWER──▶ running
 *      │  ▲                                                              ▲   │     (not fenced)
 *      │  └──────────────HEARTBEAT_ANSWER (not fenced)───────────────────┘   │
 *      └──HEARTBEAT_ANSWER (fenced: the controller fenced it)───────────────▶┘
 *   any live state ──POWER_LOSS──▶ poweredOff ──RESTART──▶ recovering
 *
 * The tags say what each state allows, so the engine asks the machine instead of listing states:
 *   up                  the process runs (it sends, receives, and its queued work may run);
 *   registered          it holds a registration, so it takes the controller's metadata (Kafka's
 *                       broker serves nothing before it has registered);
 *   registering         it is recovering and asks the controller to register it;
 *   refusesConnections  the process is down but its machine is up: connections are refused (a
 *                       TCP reset) rather than met with silence, as after a power loss.
 *
 * The context holds what Kafka's BrokerLifecycleManager keeps: which incarnation this process
 * is (each RESTART is a new one) and the broker epoch the controller gave it at registration
 * (-1 until then). An answer counts only for the incarnation, and the epoch, that asked: a
 * registration answer for another incarnation, or a heartbeat answer for another epoch, is
 * ignored (the guards below).
 */
import { assign, setup } from 'xstate';
import { registerMachine } from '../core/graphCodec';

export type BrokerLifecycleEvent =
  /** The cluster starts healthy: every broker registered with `brokerEpoch`, unfenced. */
  | { type: 'BOOTSTRAP'; brokerEpoch: number }
  | { type: 'CRASH' }
  | { type: 'POWER_LOSS' }
  | { type: 'RESTART' }
  /** The controller accepted the registration of `incarnation`, with this broker epoch. */
  | { type: 'REGISTERED'; incarnation: number; brokerEpoch: number }
  /** The controller refused it (DUPLICATE_BROKER_REGISTRATION): still recovering, it asks again. */
  | { type: 'REGISTRATION_REFUSED'; incarnation: number }
  /** The controller answered a heartbeat sent with `brokerEpoch`. */
  | { type: 'HEARTBEAT_ANSWER'; brokerEpoch: number; fenced: boolean };

export type BrokerLifecycleState = 'running' | 'crashed' | 'poweredOff' | 'recovering' | 'fenced';

export interface BrokerLifecycleContext {
  incarnation: number;
  /** -1: not registered (Kafka's BrokerLifecycleManager._brokerEpoch). */
  brokerEpoch: number;
  /** Registrations of this incarnation refused so far (they set the resend backoff). */
  refusals: number;
}

export const NOT_REGISTERED = -1;

/** What a state allows (see the header). */
export type BrokerLifecycleTag = 'up' | 'registered' | 'registering' | 'refusesConnections';

export const brokerMachine = setup({
  types: { context: {} as BrokerLifecycleContext, events: {} as BrokerLifecycleEvent, tags: {} as BrokerLifecycleTag },
  guards: {
    forThisIncarnation: ({ context, event }) => (event.type === 'REGISTERED' || event.type === 'REGISTRATION_REFUSED') && event.incarnation === context.incarnation,
    forThisEpoch: ({ context, event }) => event.type === 'HEARTBEAT_ANSWER' && event.brokerEpoch === context.brokerEpoch,
    answersFenced: ({ context, event }) => event.type === 'HEARTBEAT_ANSWER' && event.brokerEpoch === context.brokerEpoch && event.fenced,
    answersUnfenced: ({ context, event }) => event.type === 'HEARTBEAT_ANSWER' && event.brokerEpoch === context.brokerEpoch && !event.fenced,
  },
  actions: {
    takeEpoch: assign(({ event }) => (event.type === 'REGISTERED' || event.type === 'BOOTSTRAP' ? { brokerEpoch: event.brokerEpoch } : {})),
    /** The process is gone, and with it the registration it held. */
    die: assign({ brokerEpoch: NOT_REGISTERED }),
    newIncarnation: assign(({ context }) => ({ incarnation: context.incarnation + 1, refusals: 0 })),
    countRefusal: assign(({ context }) => ({ refusals: context.refusals + 1 })),
    /** An answer for this epoch that changes nothing is still taken (and `can` says so). */
    takeAnswer: () => undefined,
  },
}).createMachine({
  id: 'broker',
  context: { incarnation: 0, brokerEpoch: NOT_REGISTERED, refusals: 0 },
  // A broker starts as a newly registered one: fenced until the controller unfences it.
  initial: 'fenced',
  states: {
    running: {
      tags: ['up', 'registered'],
      on: {
        CRASH: { target: 'crashed', actions: 'die' },
        POWER_LOSS: { target: 'poweredOff', actions: 'die' },
        HEARTBEAT_ANSWER: [{ target: 'fenced', guard: 'answersFenced' }, { guard: 'forThisEpoch', actions: 'takeAnswer' }],
      },
    },
    fenced: {
      tags: ['up', 'registered'],
      on: {
        BOOTSTRAP: { target: 'running', actions: 'takeEpoch' },
        CRASH: { target: 'crashed', actions: 'die' },
        POWER_LOSS: { target: 'poweredOff', actions: 'die' },
        HEARTBEAT_ANSWER: [{ target: 'running', guard: 'answersUnfenced' }, { guard: 'forThisEpoch', actions: 'takeAnswer' }],
      },
    },
    recovering: {
      tags: ['up', 'registering'],
      on: {
        CRASH: { target: 'crashed', actions: 'die' },
        POWER_LOSS: { target: 'poweredOff', actions: 'die' },
        REGISTERED: { target: 'fenced', guard: 'forThisIncarnation', actions: 'takeEpoch' },
        REGISTRATION_REFUSED: { guard: 'forThisIncarnation', actions: 'countRefusal' },
      },
    },
    crashed: {
      tags: ['refusesConnections'],
      on: { RESTART: { target: 'recovering', actions: 'newIncarnation' }, POWER_LOSS: 'poweredOff' },
    },
    poweredOff: {
      on: { RESTART: { target: 'recovering', actions: 'newIncarnation' } },
    },
  },
});

registerMachine(brokerMachine);
