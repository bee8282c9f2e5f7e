/**
 * One seeded generator, split per subsystem. Each subsystem's stream is derived from the root
 * seed and the subsystem's name alone, so adding a draw in one subsystem never shifts another's
 * numbers (TigerBeetle's VOPR does the same).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface Random {
  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** An independent stream for a named subsystem. */
  fork(name: string): Random;
}

/** FNV-1a over the name's UTF-16 code units: a stable 32-bit hash to derive subsystem seeds. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function createRandom(seed: number, path = 'root'): Random {
  const rng: RandomGenerator = xoroshiro128plus((seed ^ hashName(path)) | 0);
  return {
    int: (from, to) => uniformInt(rng, from, to),
    float: () => uniformInt(rng, 0, 0x3fffffff) / 0x40000000,
    fork: (name) => createRandom(seed, `${path}/${name}`),
  };
}
