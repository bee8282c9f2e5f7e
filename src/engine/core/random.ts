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
  /** The generator's state words (pure-rand's `getState()`); the generator is rebuilt from them. */
  private state: readonly number[];

  constructor(
    private readonly seed: number,
    private readonly path: string,
  ) {
    this.state = xoroshiro128plus((seed ^ hashName(path)) | 0).getState();
  }

  int(from: number, to: number): number {
    const rng: RandomGenerator = xoroshiro128plusFromState(this.state);
    const value = uniformInt(rng, from, to);
    this.state = rng.getState();
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

registerClass('SeededRandom', SeededRandom);
