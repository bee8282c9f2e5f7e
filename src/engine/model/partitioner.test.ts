import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { murmur2, partitionForKey, toPositive } from './partitioner';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('murmur2', () => {
  // Kafka's UtilsTest.testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ])('matches UtilsTest for %j', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  it('matches UtilsTest for the bytes of "abc"', () => {
    expect(murmur2(new Uint8Array([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  it('returns a signed 32-bit integer for every tail length', () => {
    for (let len = 0; len < 12; len++) {
      const h = murmur2(new Uint8Array(len).fill(0xff));
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBe(h | 0);
    }
  });
});

describe('partitionForKey', () => {
  it('is toPositive(murmur2) mod partitions', () => {
    // toPositive clears the sign bit; it is not Math.abs.
    expect(toPositive(-790332482)).toBe(-790332482 & 0x7fffffff);
    expect(partitionForKey('foobar', 50)).toBe(16);
    expect(partitionForKey('foobar', 1)).toBe(0);
  });

  it('accepts bytes and strings alike', () => {
    expect(partitionForKey(utf8('héllo ✓'), 7)).toBe(partitionForKey('héllo ✓', 7));
  });

  it('rejects a non-positive partition count', () => {
    expect(() => partitionForKey('a', 0)).toThrow(RangeError);
  });
});

describe('partitionForKey against kafkajs DefaultPartitioner (Java-compatible since 2.0)', () => {
  const metadata = (n: number): PartitionMetadata[] =>
    Array.from({ length: n }, (_, p) => ({
      partitionErrorCode: 0,
      partitionId: p,
      leader: (p % 3) + 1,
      replicas: [(p % 3) + 1],
      isr: [(p % 3) + 1],
    }));
  const kafkajs = Partitioners.DefaultPartitioner();
  const oracle = (key: string | Buffer, n: number): number =>
    kafkajs({ topic: 't', partitionMetadata: metadata(n), message: { key, value: 'v' } });

  it('agrees on the empty key, ASCII, unicode and every length 0..40', () => {
    const keys = ['', 'a', 'ab', 'abc', 'abcd', 'ü', '日本語', '🦄🦄', 'key-0', 'user-12345'];
    for (let len = 0; len <= 40; len++) {
      keys.push('x'.repeat(len), Array.from({ length: len }, (_, i) => String.fromCharCode(33 + ((i * 7) % 94))).join(''));
      keys.push('é'.repeat(len));
    }
    let checked = 0;
    for (const key of keys) {
      for (let n = 1; n <= 20; n++) {
        expect(partitionForKey(key, n), `key ${JSON.stringify(key)}, ${n} partitions`).toBe(oracle(key, n));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('agrees on thousands of random string keys (fixed seed; fast-check prints seed and path on failure)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        fc.integer({ min: 1, max: 20 }),
        (key, n) => partitionForKey(key, n) === oracle(key, n),
      ),
      { seed: 20240601, numRuns: 5000 },
    );
  }, 30_000); // thousands of runs: generous on a loaded machine

  it('hashes a string key as the bytes TextEncoder gives it, lone surrogates included (fixed seed)', () => {
    const encoder = new TextEncoder();
    for (const key of ['\ud800', 'a\udc00b', '\udbff\udfff', '\ud83e', 'x\ud83e\udd84y', '\uffff\u0800\u07ff']) {
      expect(partitionForKey(key, 97), JSON.stringify(key)).toBe(partitionForKey(encoder.encode(key), 97));
    }
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 }), (units) => {
        const key = String.fromCharCode(...units);
        return partitionForKey(key, 1000) === partitionForKey(encoder.encode(key), 1000);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('agrees on random byte keys of every tail length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.integer({ min: 1, max: 20 }), (bytes, n) =>
        partitionForKey(bytes, n) === oracle(Buffer.from(bytes), n),
      ),
      { seed: 7, numRuns: 3000 },
    );
  }, 30_000); // thousands of runs: generous on a loaded machine
});
