// What the app hands the cluster view each frame and what a click on it names: shared by the view
// and its drawing parts (kept apart from clusterView.ts so the parts do not import the whole view).
import type { ClusterSnapshot, MessageInFlight } from '../engine';
import type { WireInput } from './wire';

export type ViewTarget =
  | { kind: 'broker'; broker: number }
  | { kind: 'replica'; topic: string; partition: number; broker: number }
  | { kind: 'link'; between: [string, string] }
  | { kind: 'producer'; producer: string }
  | { kind: 'member'; group: string; member: string }
  | { kind: 'record'; recordId: number };

export interface ViewFrame {
  /** The engine's rich snapshot; replicas carry their log tails, so a frame needs nothing else. */
  snapshot: ClusterSnapshot;
  /** Fractional virtual ms now, for token interpolation. */
  time: number;
  /** Messages on the wire (may be [] until the engine provides them). */
  inFlight: readonly MessageInFlight[];
  /** Token kinds not drawn, e.g. 'Fetch', 'Heartbeat' (a request kind hides its response too). */
  hiddenTokenKinds: ReadonlySet<string>;
  highlightRecord: number | null;
  reducedMotion: boolean;
  /** Messages dropped and error responses new in this frame (remembered by the view a moment). */
  wire?: WireInput;
  /** Virtual ms per wall ms: falls and error marks last a fixed wall time at any speed. Default 1. */
  speed?: number;
}
