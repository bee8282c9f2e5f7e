/**
 * Kafka's keyed partitioner: Java-compatible `Utils.murmur2` and
 * `BuiltInPartitioner.partitionForKey` = `toPositive(murmur2(keyBytes)) % numPartitions`.
 * A non-null key is hashed over ALL partitions (not only those with a leader); an empty key is
 * hashed too. Null keys (sticky partitioning) are not handled here.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** One encoder for every call (UTF-8, like Java's `String.getBytes(UTF_8)` in the serializer). */
const encoder = new TextEncoder();

/**
 * Kafka's `Utils.murmur2`: 32-bit MurmurHash2 with seed 0x9747b28c, little-endian 4-byte blocks,
 * Java's tail handling (fall-through from 3 to 1 bytes) and final mixes. Returns Java's signed
 * 32-bit `int`.
 */
export function murmur2(data: Uint8Array): number {
  return murmur2Of(data, data.length);
}

/** murmur2 over the first `length` bytes of `data`. */
function murmur2Of(data: Uint8Array, length: number): number {
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k =
      (data[i4]! & 0xff) |
      ((data[i4 + 1]! & 0xff) << 8) |
      ((data[i4 + 2]! & 0xff) << 16) |
      ((data[i4 + 3]! & 0xff) << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // Java: switch (length % 4) { case 3: h ^= b2 << 16; case 2: h ^= b1 << 8; case 1: h ^= b0; h *= m; }
  // written as ifs because the compiler forbids fall-through (noFallthroughCasesInSwitch).
  const tail = length & 3;
  const base = length & ~3;
  if (tail === 3) h ^= (data[base + 2]! & 0xff) << 16;
  if (tail >= 2) h ^= (data[base + 1]! & 0xff) << 8;
  if (tail >= 1) {
    h ^= data[base]! & 0xff;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;

  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not the absolute value). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** UTF-8 bytes of a key, as Kafka's StringSerializer produces them. */
export function keyBytes(key: string | Uint8Array): Uint8Array {
  return typeof key === 'string' ? encoder.encode(key) : key;
}

/** The partition Kafka's producer picks for a non-null key. */
export function partitionForKey(key: string | Uint8Array, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`numPartitions must be a positive integer, got ${numPartitions}`);
  }
  if (typeof key !== 'string') return toPositive(murmur2(key)) % numPartitions;
  // Every keyed send passes here: TextEncoder.encode is a native call and a fresh array per key
  // (it showed in the profile); the same bytes are written into a reused buffer instead.
  const length = utf8Into(key);
  return toPositive(murmur2Of(scratch, length)) % numPartitions;
}

/** Reused by utf8Into; grows to the longest key seen (3 bytes per UTF-16 unit at most). */
let scratch = new Uint8Array(256);

/**
 * Writes the UTF-8 bytes of `s` into `scratch` and returns how many: the same bytes as
 * TextEncoder.encode (a lone surrogate becomes U+FFFD, EF BF BD).
 */
function utf8Into(s: string): number {
  if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
  const out = scratch;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out[n++] = 0xf0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        out[n++] = 0xef;
        out[n++] = 0xbf;
        out[n++] = 0xbd;
      }
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}
