/**
 * One seeded generator, split per subsystem. Each subsystem's stream is derived from the root
 * seed and the subsystem's name alone, so adding a draw in one subsystem never shifts another's
 * numbers (TigerBeetle's VOPR does the same).
 *
 * The generator's state is plain data (four 32-bit words of xoroshiro128+), so a checkpoint of
 * the engine carries it and a restored run draws the same numbers.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { registerClass } from './graphRegistry';

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

export class SeededRandom implements Random {
  // The generator's state: xoroshiro128+'s four 32-bit words, in pure-rand's order (`getState()`:
  // s01, s00, s11, s10). Plain numbers on the object, stepped in place: rebuilding pure-rand's
  // generator object on every draw (and its state array after it) was a tenth of the run's garbage.
  private s01: number;
  private s00: number;
  private s11: number;
  private s10: number;

  constructor(
    private readonly seed: number,
    private readonly path: string,
  ) {
    [this.s01, this.s00, this.s11, this.s10] = xoroshiro128plus((seed ^ hashName(path)) | 0).getState() as [number, number, number, number];
  }

  /** pure-rand's XoroShiro128Plus.next, in place: the next signed 32-bit output. */
  private next(): number {
    const s00 = this.s00;
    const s01 = this.s01;
    const out = (s00 + this.s10) | 0;
    const a0 = this.s10 ^ s00;
    const a1 = this.s11 ^ s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  int(from: number, to: number): number {
    const rangeSize = to - from + 1;
    if (rangeSize > 0x100000000) return this.largeInt(from, to);
    // pure-rand's uniformIntInternal, draw for draw: reject the top of the 32-bit range that
    // would bias the modulo.
    const maxAllowed = rangeSize > 2 ? Math.floor(0x100000000 / rangeSize) * rangeSize : 0x100000000;
    let delta = this.next() + 0x80000000;
    while (delta >= maxAllowed) delta = this.next() + 0x80000000;
    return (delta % rangeSize) + from;
  }

  /** Ranges wider than 2^32 (none in the engine today): pure-rand's own code on a generator built from the state. */
  private largeInt(from: number, to: number): number {
    const rng: RandomGenerator = xoroshiro128plusFromState([this.s01, this.s00, this.s11, this.s10]);
    const value = uniformInt(rng, from, to);
    [this.s01, this.s00, this.s11, this.s10] = rng.getState() as [number, number, number, number];
    return value;
  }

  float(): number {
    return this.int(0, 0x3fffffff) / 0x40000000;
  }

  fork(name: string): Random {
    return new SeededRandom(this.seed, `${this.path}/${name}`);
  }
}

export function createRandom(seed: number, path = 'root'): Random {
  return new SeededRandom(seed, path);
}

registerClass('SeededRandom', SeededRandom, { blank: () => new SeededRandom(0, '') });
