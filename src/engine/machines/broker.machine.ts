/**
 * A broker's lifecycle. Lifecycle events only (DESIGN.md rule 5): no per-record traffic, no
 * `after` delays — the engine schedules recovery and heartbeats on its own queue and sends the
 * events below.
 *
 *   running ──CRASH──▶ crashed ──RESTART──▶ recovering ──REGISTERED──▶ fenced ──UNFENCED──▶ running
 *      │  ▲                                                              ▲   │
 *      │  └────────────────────────UNFENCED──────────────────────────────┘   │
 *      └──FENCED (the controller fenced it: missed heartbeats)──────────────▶┘
 *   any live state ──POWER_LOSS──▶ poweredOff ──RESTART──▶ recovering
 */
import { setup } from 'xstate';

export type BrokerLifecycleEvent =
  | { type: 'CRASH' }
  | { type: 'POWER_LOSS' }
  | { type: 'RESTART' }
  | { type: 'REGISTERED' }
  | { type: 'FENCED' }
  | { type: 'UNFENCED' };

export type BrokerLifecycleState = 'running' | 'crashed' | 'poweredOff' | 'recovering' | 'fenced';

export const brokerMachine = setup({
  types: { events: {} as BrokerLifecycleEvent },
}).createMachine({
  id: 'broker',
  // A broker starts as a newly registered one: fenced until the controller unfences it.
  initial: 'fenced',
  states: {
    running: {
      on: { CRASH: 'crashed', POWER_LOSS: 'poweredOff', FENCED: 'fenced' },
    },
    fenced: {
      on: { CRASH: 'crashed', POWER_LOSS: 'poweredOff', UNFENCED: 'running' },
    },
    recovering: {
      on: { CRASH: 'crashed', POWER_LOSS: 'poweredOff', REGISTERED: 'fenced' },
    },
    crashed: {
      on: { RESTART: 'recovering', POWER_LOSS: 'poweredOff' },
    },
    poweredOff: {
      on: { RESTART: 'recovering' },
    },
  },
});

/** Is the broker's process up (able to send and receive)? */
export function isProcessUp(state: BrokerLifecycleState): boolean {
  return state === 'running' || state === 'fenced' || state === 'recovering';
}
