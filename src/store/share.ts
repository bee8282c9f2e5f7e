/**
 * Structural sharing across postMessage. The engine's snapshot builder hands back the very same
 * entity object while an entity has not changed (its `version` moves only on change), but a
 * structured clone makes every object new on the page. Here each entity of a new frame whose
 * version equals the one the page already holds is replaced by the held object, so the view's
 * "same object, skip it" checks and React's selectors see through unchanged brokers, partitions,
 * replicas, producers and groups again.
 *
 * Versions count one builder's history: a seek, a fork or a new scenario may bring a new
 * simulation whose versions start over, so the caller passes `prev = null` after those.
 */
import type { ClusterSnapshot } from '../engine';

interface Versioned {
  readonly version: number;
}

function reuse<T extends Versioned>(prev: readonly T[] | undefined, next: readonly T[], key: (x: T) => string, inner?: (was: T, now: T) => T): readonly T[] {
  if (!prev || !prev.length) return next;
  const held = new Map(prev.map((x) => [key(x), x] as const));
  let same = prev.length === next.length;
  const out = next.map((x, i) => {
    const was = held.get(key(x));
    const y = was && was.version === x.version ? was : inner && was ? inner(was, x) : x;
    if (y !== prev[i]) same = false;
    return y;
  });
  // Nothing changed in the whole list: the held list itself, so a reference check sees that too.
  return same ? prev : out;
}

/** `next` with every unchanged entity (same key, same version) replaced by the one in `prev`. */
export function shareUnchanged(prev: ClusterSnapshot | null, next: ClusterSnapshot): ClusterSnapshot {
  if (!prev) return next;
  return {
    ...next,
    brokers: reuse(prev.brokers, next.brokers, (b) => String(b.id)),
    // A changed partition may still hold unchanged replicas (a follower that did not fetch).
    partitions: reuse(
      prev.partitions,
      next.partitions,
      (p) => `${p.topic}-${p.partition}`,
      (was, now) => ({ ...now, replicaStates: reuse(was.replicaStates, now.replicaStates, (r) => String(r.broker)) }),
    ),
    producers: reuse(prev.producers, next.producers, (p) => p.id),
    groups: reuse(prev.groups, next.groups, (g) => g.id),
    links: prev.links.version === next.links.version ? prev.links : next.links,
  };
}
