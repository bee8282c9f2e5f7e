/**
 * Writes an object graph as plain data: the engine's checkpoints (core/graphDecode.ts reads them back).
 *
 * What it keeps: shared references and cycles (every object is a node, referenced by index),
 * class instances (by their registered name: the prototype comes back), arrays (sparse ones
 * compactly), Map and Set (in order), typed arrays (copied; base64 in JSON), numbers JSON cannot
 * hold (NaN, ±Infinity, -0), undefined, registered module-level functions, and xstate actors (as
 * their persisted snapshot, restarted from their registered machine). What it refuses, naming the
 * path: closures and unregistered classes, which hold state a checkpoint could not bring back.
 *
 * The encoded graph contains only arrays, plain objects, strings, numbers, booleans, null and
 * `Bytes` boxes, so it survives both `structuredClone` and `JSON.stringify`.
 */
import { Actor, type AnyStateMachine } from 'xstate';
import { stableSnapshot } from './graphActors';
import { CheckpointError, classHooksOf, classNameOf, functionNameOf, machineNamed } from './graphRegistry';
import { functionTuple, keysOf, NodeIds, refTo, reuse, sharedTo, UNDEFINED, type Encoded, type EncodedGraph, type Node } from './graphIntern';
import { allImmutable, Bytes, CHUNK_BYTES, encodeChunked, frozenList, frozenNode, isFrozen, isSparse, TYPED, type ChunkCache, type FrozenArray, type TypedArray, type TypedName } from './graphShare';

export { Bytes, markSparse, type ChunkCache } from './graphShare';
export { NodeIds, type Encoded, type EncodedGraph } from './graphIntern';
export { CheckpointError, registerMachine } from './graphRegistry';
export { decodeGraph, hasUnrestoredShapes, type DecodeOptions } from './graphDecode';

export interface EncodeOptions {
  /** Objects written as a name, to be supplied again on decode (e.g. listeners outside the engine). */
  readonly externals?: ReadonlyMap<object, string>;
  /** Collect every refusal here (the value becomes null) instead of stopping at the first: a census for development. */
  readonly problems?: string[];
  /** Objects that never change once made (plain JSON data): held by reference, not copied. */
  readonly immutable?: (o: object) => boolean;
  /**
   * What the last checkpoint wrote for each large typed array (its chunks: one that has not
   * changed since is shared instead of copied; a ledger column changes near its end) and each long
   * array of immutable objects (the elements already checked).
   */
  readonly chunks?: ChunkCache;
  /** The ids of the last checkpoint's objects (see NodeIds); a fresh numbering without it. */
  readonly ids?: NodeIds;
}


export function encodeGraph(root: unknown, options: EncodeOptions = {}): EncodedGraph {
  const table = options.ids ?? new NodeIds();
  const generation = ++table.generation;
  const reached = table.reached;
  const pending: number[] = [];
  // Indexed by id, and ids come in any order: filled up front (written at scattered indices, an
  // empty array went to slow dictionary elements, a third of a checkpoint's time).
  const parents: number[] = [];
  const parentKeys: Key[] = [];
  const nodes: (Node | null)[] = [];
  const grow = (size: number): void => {
    while (nodes.length < size) {
      nodes.push(null);
      parents.push(-1);
      parentKeys.push('');
    }
  };
  grow(table.objects.length);
  const externals = options.externals;
  const problems = options.problems;
  const immutable = options.immutable;
  const shared: object[] = [];
  const sharedIds = new Map<object, number>();
  const refuse = (message: string): null => {
    if (!problems) throw new CheckpointError(message);
    problems.push(message);
    return null;
  };

  const path = (id: number, key: Key): string => {
    const parts = [keyText(key, table.objects[id])];
    for (let at = id; at >= 0; at = parents[at]!) parts.unshift(keyText(parentKeys[at]!, parents[at]! >= 0 ? table.objects[parents[at]!] : undefined));
    return parts.join('');
  };

  const value = (v: unknown, from: number, key: Key): Encoded => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return Number.isFinite(v) && !Object.is(v, -0) ? v : ['n', Object.is(v, -0) ? '-0' : String(v)];
      case 'undefined':
        return UNDEFINED;
      case 'function': {
        const name = functionNameOf(v);
        if (name === undefined) return refuse(`a closure cannot be checkpointed: ${path(from, key)} (${v.name || String(v).replace(/\s+/g, ' ').slice(0, 90)})`);
        return functionTuple(name);
      }
      case 'object': {
        if (v === null) return null;
        // An object with an id (most: they keep theirs from checkpoint to checkpoint) is neither
        // external nor immutable (those never get one): one lookup instead of three.
        let id = table.ids.get(v);
        if (id === undefined) {
          const external = externals?.get(v);
          if (external !== undefined) return ['x', external];
          if (immutable?.(v)) {
            let at = sharedIds.get(v);
            if (at === undefined) {
              at = shared.length;
              shared.push(v);
              sharedIds.set(v, at);
            }
            return sharedTo(at);
          }
          id = table.idOf(v);
        }
        if (id >= nodes.length) grow(id + 1);
        if (reached[id] !== generation) {
          reached[id] = generation;
          pending.push(id);
          parents[id] = from;
          parentKeys[id] = key;
        }
        return refTo(id);
      }
      default:
        return refuse(`a ${typeof v} cannot be checkpointed: ${path(from, key)}`);
    }
  };

  const encodedRoot = value(root, -1, `${MARK}root`);
  const chunks = options.chunks;
  for (let at = 0; at < pending.length; at++) {
    const id = pending[at]!;
    const o = table.objects[id]!;
    if (chunks && ArrayBuffer.isView(o) && o.byteLength >= 2 * CHUNK_BYTES) nodes[id] = encodeChunked(o as TypedArray, chunks);
    else {
      const last = chunks ? table.lastNodes[id] : undefined;
      const node = encodeNode(o, id, value, path, refuse, immutable, chunks, last);
      nodes[id] = chunks && node !== last ? reuse(table, id, node) : node;
    }
  }
  table.release();
  // The cache holds its arrays strongly: forget those this checkpoint did not reach (gone from the engine).
  if (chunks) for (const array of chunks.keys()) if (!table.ids.has(array)) chunks.delete(array);
  // Ids of objects no longer reached stay null, so the list stays plain JSON.
  return shared.length > 0 ? { format: 'kafka-playground/graph@1', nodes, root: encodedRoot, shared } : { format: 'kafka-playground/graph@1', nodes, root: encodedRoot };
}

/**
 * Where a value sits in its parent, for the path a refusal names: an array index, a field's name,
 * (after MARK) the text itself, or (a negative number) a Map's entry: -(2i + 1) its i-th key,
 * -(2i + 2) its value. Kept as it comes and written out only for a refusal: a checkpoint passes a
 * key for every field and element it writes (tens of thousands), and building `.name`, `[i]` or
 * `.get(key)` for each was a string per value.
 */
type Key = string | number;
const MARK = '\u0000';

function keyText(key: Key, parent: unknown): string {
  if (typeof key === 'string') return key.startsWith(MARK) ? key.slice(1) : `.${key}`;
  if (key >= 0) return `[${key}]`;
  const entry = (-key - 1) >> 1;
  if ((-key - 1) % 2 === 0) return `.<key ${entry}>`;
  const mapKey = parent instanceof Map ? [...(parent as Map<unknown, unknown>).keys()][entry] : entry;
  return `.get(${String(mapKey)})`;
}

function encodeNode(
  o: object,
  id: number,
  value: (v: unknown, from: number, key: Key) => Encoded,
  path: (id: number, key: Key) => string,
  refuse: (message: string) => null,
  immutable: ((o: object) => boolean) | undefined,
  cache: ChunkCache | undefined,
  last: Node | undefined,
): Node {
  if (Array.isArray(o)) {
    // A frozen plain array (a value column's chunk) is never written again: held as it is.
    if (isFrozen(o)) return { fa: o as FrozenArray };
    if (isSparse(o)) return encodeArray(o, id, value, undefined);
    return (cache && frozenList(o, cache)) || (immutable && allImmutable(o, immutable, cache)) || encodeArray(o, id, value, last);
  }
  if (o instanceof Map) {
    const m: Encoded[] = [];
    let i = 0;
    for (const [k, v] of o) {
      m.push(value(k, id, -(2 * i + 1)), value(v, id, -(2 * i + 2)));
      i++;
    }
    return { m };
  }
  if (o instanceof Set) {
    const e: Encoded[] = [];
    for (const v of o) e.push(value(v, id, `${MARK}.<element>`));
    return { e };
  }
  if (ArrayBuffer.isView(o)) {
    const name = o.constructor.name as TypedName;
    if (!(name in TYPED)) return (refuse(`a ${name} cannot be checkpointed: ${path(id, MARK)}`), { a: [] });
    // A frozen array is never written again: held as it is, not copied.
    return isFrozen(o) ? frozenNode(o as TypedArray, name) : { t: name, d: new Bytes((o as TypedArray).slice()) };
  }
  if (o instanceof Actor) {
    const machine = (o as Actor<AnyStateMachine>).logic;
    if (machineNamed(machine.id) !== machine) return (refuse(`machine "${machine.id}" is not registered for checkpoints: ${path(id, MARK)}`), { a: [] });
    return { machine: machine.id, snapshot: value(stableSnapshot(o), id, `${MARK}.<snapshot>`) };
  }
  const proto = Object.getPrototypeOf(o) as object | null;
  let c: string | undefined;
  if (proto !== Object.prototype && proto !== null) {
    c = classNameOf(proto);
    if (c === undefined) refuse(`class ${proto.constructor.name} is not registered for checkpoints: ${path(id, MARK)}`);
    else {
      const hooks = classHooksOf(proto);
      hooks?.beforeEncode?.(o);
      if (hooks?.encodeAs) o = hooks.encodeAs(o);
    }
  }
  const k = keysOf(o, proto);
  // Most objects read as they did in the last checkpoint: compared field by field against its
  // node first, so that an unchanged one costs no new node (each checkpoint's garbage, a good
  // part of a timeline run's GC time on the 10-minute workload).
  let from = 0;
  if (last !== undefined && 'k' in last && last.k === k && last.c === c) {
    const old = last.o;
    for (; from < k.length; from++) {
      const v = value((o as Record<string, unknown>)[k[from]!], id, k[from]!);
      if (v !== old[from]) {
        const values = old.slice(0, from + 1);
        values[from] = v;
        for (let i = from + 1; i < k.length; i++) values.push(value((o as Record<string, unknown>)[k[i]!], id, k[i]!));
        return c === undefined ? { o: values, k } : { o: values, k, c };
      }
    }
    return last;
  }
  const values: Encoded[] = new Array<Encoded>(k.length);
  for (let i = 0; i < k.length; i++) values[i] = value((o as Record<string, unknown>)[k[i]!], id, k[i]!);
  return c === undefined ? { o: values, k } : { o: values, k, c };
}

function encodeArray(a: unknown[], id: number, value: (v: unknown, from: number, key: Key) => Encoded, last: Node | undefined): Node {
  // As for objects (encodeNode): an array that reads as it did costs no new node. One that does
  // not is written as below (`value` gives the same for an element asked twice).
  if (last !== undefined && 'a' in last && !('s' in last) && last.a.length === a.length) {
    const old = last.a;
    let same = true;
    for (let i = 0; i < a.length && same; i++) same = value(a[i], id, i) === old[i];
    if (same) return last;
  }
  let present = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== undefined) present++;
  if (a.length > 64 && present * 2 < a.length) {
    const indices: number[] = [];
    const values: Encoded[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === undefined) continue;
      indices.push(i);
      values.push(value(a[i], id, i));
    }
    return { s: a.length, i: indices, a: values };
  }
  const values: Encoded[] = new Array<Encoded>(a.length);
  for (let i = 0; i < a.length; i++) values[i] = value(a[i], id, i);
  return { a: values };
}
