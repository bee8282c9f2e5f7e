// The per-frame channel from the engine to the cluster view, beside the store: a plain
// publish/subscribe, so an animation frame costs no zustand listener and no React selector.
import type { ClusterSnapshot } from '../engine';
import type { MessageInFlight, WireEffects } from '../worker/protocol';

export interface LiveFrame {
  /** The engine's virtual time (ms, fractional). */
  time: number;
  snapshot: ClusterSnapshot | null;
  inFlight: readonly MessageInFlight[];
  /** Messages dropped and error responses new in this frame. */
  wire: WireEffects;
}

export const NO_WIRE_EFFECTS: WireEffects = { dropped: [], errors: [] };

export class LiveChannel {
  private listeners = new Set<(frame: LiveFrame) => void>();
  current: LiveFrame = { time: 0, snapshot: null, inFlight: [], wire: NO_WIRE_EFFECTS };

  publish(frame: LiveFrame): void {
    this.current = frame;
    for (const listener of this.listeners) listener(frame);
  }

  subscribe(listener: (frame: LiveFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
