/**
 * An xstate actor's persisted snapshot as the checkpoint codec (core/graphCodec.ts) writes it: the
 * very object given last time when it reads the same, so that its nodes are shared.
 */
import type { Actor, AnyStateMachine } from 'xstate';

const lastSnapshots = new WeakMap<object, { text: string; snapshot: unknown }>();

/**
 * The actor's persisted snapshot; the very object given last time when it reads the same. xstate
 * makes a fresh tree for each call (five objects for a broker's lifecycle), so every checkpoint
 * gave each of the run's ~80 actors new nodes under new ids, though most had not moved: handed the
 * same object, the encoder finds its nodes unchanged and shares them (graphIntern.ts `reuse`).
 * Only a tree of plain data is compared (text equal means equal); one holding anything else is
 * taken as it comes.
 */
export function stableSnapshot(actor: Actor<AnyStateMachine>): unknown {
  const snapshot = actor.getPersistedSnapshot();
  const text = plainText(snapshot, 0);
  if (text === null) return snapshot;
  const last = lastSnapshots.get(actor);
  if (last !== undefined && last.text === text) return last.snapshot;
  lastSnapshots.set(actor, { text, snapshot });
  return snapshot;
}

/** A canonical text of plain data (undefined, -0 and NaN told apart, key order kept); null for anything else. */
function plainText(v: unknown, depth: number): string | null {
  switch (typeof v) {
    case 'undefined':
      return 'u';
    case 'boolean':
      return v ? 't' : 'f';
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'string':
      return JSON.stringify(v);
    case 'object': {
      if (v === null) return 'n';
      if (depth > 8) return null;
      const parts: string[] = [];
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) return null;
          const t = plainText(v[i], depth + 1);
          if (t === null) return null;
          parts.push(t);
        }
        return `[${parts.join(',')}]`;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return null;
      for (const k of Object.keys(v)) {
        const t = plainText((v as Record<string, unknown>)[k], depth + 1);
        if (t === null) return null;
        parts.push(`${JSON.stringify(k)}:${t}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return null;
  }
}
