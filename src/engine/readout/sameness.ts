/**
 * The comparisons the snapshot builder uses to hand back an unchanged entity's previous object:
 * element-wise list identity, and deep equality of plain data ignoring the top-level `version`.
 */

/** An entity of a snapshot: its `version` moves when (and only when) it changes. */
export type Versioned = { version: number };

/** An entity as freshly read, before it is given a version. */
export type Fresh<T> = Omit<T, 'version'>;

export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Deep equality of plain data, ignoring a top-level `version`; shared references short-circuit. */
export function sameExceptVersion(prev: object, fresh: object): boolean {
  const p = prev as Record<string, unknown>;
  const f = fresh as Record<string, unknown>;
  // `prev` is `{ version, ...fresh }` from an earlier build: same keys plus `version`.
  for (const k in f) if (!deepEqual(p[k], f[k])) return false;
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
