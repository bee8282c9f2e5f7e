/**
 * The parts of an encoded graph that checkpoints share with one another (core/graphCodec.ts writes
 * them): interned tuples, frozen arrays' nodes, field-name lists, a node unchanged since the last
 * checkpoint, and the node ids that stay with their objects across a run's checkpoints.
 */
import type { Bytes, ChunkedNode, FrozenArrayNode, FrozenListNode, ImmutableNode, TypedArray, TypedName } from './graphShare';

/** A value in the encoded graph: JSON's own scalars, or a tagged array. */
export type Encoded = string | number | boolean | null | EncodedTag;
export type EncodedTag = ['r', number] | ['u'] | ['n', string] | ['f', string] | ['x', string] | ['s', number];

export type Node =
  | { o: Encoded[]; k: string[]; c?: string } // plain object or class instance
  | { a: Encoded[] } // dense array
  | { s: number; i: number[]; a: Encoded[] } // sparse array: length, indices, values
  | { m: Encoded[] } // Map: key, value, key, value …
  | { e: Encoded[] } // Set
  | { t: TypedName; d: Bytes | { array: TypedArray } | string; f?: 1 } // typed array (Bytes after structuredClone loses its prototype; a string after JSON); f: frozen, shared
  | ChunkedNode // a large typed array in chunks (shared with earlier checkpoints where unchanged)
  | { machine: string; snapshot: Encoded } // xstate actor
  | ImmutableNode // an array of immutable objects and JSON scalars (log batches, trace events, record ids), in shared chunks
  | FrozenListNode // a list of frozen typed arrays (a column's chunks), in shared chunks
  | FrozenArrayNode; // a frozen plain array (a value column's chunk), by reference


/*
 * The parts of an encoded graph that checkpoints share with one another, since nothing edits an
 * encoded graph: the reference tuples (['r', 7] is the same array in every checkpoint), a frozen
 * typed array's node, and a class's list of field names. Many checkpoints held at once (a
 * timeline's) then cost their distinct content, not one small array per reference.
 */
export const refTo = indexTuples('r');
/** Like the reference tuples: one `['s', at]` per index into a graph's `shared` list. */
export const sharedTo = indexTuples('s');

/** `[tag, i]` for each index i, each made once and handed out again after. */
function indexTuples<T extends string>(tag: T): (i: number) => [T, number] {
  const tuples: [T, number][] = [];
  return (i) => {
    let tuple = tuples[i];
    if (tuple === undefined) {
      while (tuples.length < i) tuples.push([tag, tuples.length]);
      tuple = [tag, i];
      tuples.push(tuple);
    }
    return tuple;
  };
}

/** Like the reference tuples: one `['u']`, one `['f', name]` per function, so a node holding them can be reused. */
export const UNDEFINED: ['u'] = ['u'];
const functionTuples = new Map<string, ['f', string]>();
export function functionTuple(name: string): ['f', string] {
  let tuple = functionTuples.get(name);
  if (tuple === undefined) functionTuples.set(name, (tuple = ['f', name]));
  return tuple;
}

const NO_KEYS: string[] = [];
const lastKeys = new WeakMap<object, string[]>();
const plainKeys = new Map<string, string[][]>();
/** Key lists kept per first key and count: {epoch, startOffset} and {epoch, batches} both live in a run. */
const LISTS_PER_TAG = 8;
/**
 * The object's own keys; the same array as the last one seen for this prototype, or for a plain
 * object one of the last few seen with the same first key and count, when they are equal. Shapes
 * that share a first key and a count each keep their list (one list per tag made two such shapes
 * take turns: a new list, and so a new node, for every object of both in every checkpoint).
 */
export function keysOf(o: object, proto: object | null): string[] {
  const k = Object.keys(o);
  // One list for every object without fields, so that an empty object's node reads the same each time (`reuse`).
  if (k.length === 0) return NO_KEYS;
  if (proto !== null && proto !== Object.prototype) {
    const last = lastKeys.get(proto);
    if (last !== undefined && sameKeys(last, k)) return last;
    lastKeys.set(proto, k);
    return k;
  }
  const tag = `${k.length}:${k[0]}`;
  let lists = plainKeys.get(tag);
  if (lists === undefined) {
    if (plainKeys.size > 4096) plainKeys.clear(); // bounded: maps' keys are not fields
    plainKeys.set(tag, (lists = []));
  }
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i]!;
    if (!sameKeys(list, k)) continue;
    if (i > 0) [lists[i - 1], lists[i]] = [list, lists[i - 1]!]; // the common ones come first
    return list;
  }
  if (lists.length >= LISTS_PER_TAG) lists.pop();
  lists.push(k);
  return k;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The node the object with this id had in the last checkpoint when it reads the same (the same
 * fields, the same values, references to the same ids): checkpoints taken a moment apart share
 * what did not change. A node says only what it holds, so an equal one is interchangeable. The
 * last nodes are kept by id in the run's NodeIds, not in a WeakMap keyed by object: a WeakMap with
 * an entry per engine object (hundreds of thousands) made every major GC trace them as ephemerons
 * in its final pause (150–450 ms on the 10-minute workload, landing in whichever fork met it).
 */
export function reuse(table: NodeIds, id: number, node: Node): Node {
  const last = table.lastNodes[id];
  if (last !== undefined && sameNode(last, node)) return last;
  table.lastNodes[id] = node;
  return node;
}

function sameNode(a: Node, b: Node): boolean {
  if ('k' in b) return 'k' in a && a.k === b.k && a.c === b.c && sameValues(a.o, b.o);
  if ('m' in b) return 'm' in a && sameValues(a.m, b.m);
  if ('e' in b) return 'e' in a && sameValues(a.e, b.e);
  if ('a' in b && !('s' in b)) return 'a' in a && !('s' in a) && sameValues(a.a, b.a);
  if ('im' in b) return 'im' in a && sameValues(a.im, b.im);
  if ('ig' in b) return 'ig' in a && sameValues(a.ig, b.ig);
  if ('ft' in b) return 'ft' in a && sameValues(a.ft, b.ft);
  // An actor whose persisted snapshot reads as before is given the same snapshot object (graphCodec.ts `stableSnapshot`): the same reference.
  if ('machine' in b) return 'machine' in a && a.machine === b.machine && a.snapshot === b.snapshot;
  if ('fa' in b) return 'fa' in a && a.fa === b.fa;
  // A frozen typed array (graphShare.ts `frozenNode`): the same array.
  if ('f' in b) return 'f' in a && (a.d as Bytes).array === (b.d as Bytes).array;
  return false;
}

/** Element for element; tagged values are equal only when they are the same (interned) tuple. */
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Node ids that stay with their objects from one checkpoint to the next (a run's checkpoints share
 * one table): an object that did not change keeps its id and so its node (`reuse`), and a node
 * that refers to it reads the same. An id whose object was not reached is given to a new one.
 */
export class NodeIds {
  readonly ids = new Map<object, number>();
  readonly objects: (object | undefined)[] = [];
  readonly free: number[] = [];
  /** The encode that last reached each id. */
  readonly reached: number[] = [];
  /** Each id's node in the last encode that reached it (see `reuse`). */
  readonly lastNodes: (Node | undefined)[] = [];
  generation = 0;

  idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) {
      id = this.free.pop() ?? this.objects.length;
      this.ids.set(o, id);
      this.objects[id] = o;
      // Grown in step with `objects` (ids are written in any order: scattered writes to an empty array make it a slow dictionary).
      while (this.lastNodes.length <= id) this.lastNodes.push(undefined);
    }
    return id;
  }

  /** After an encode: ids not reached go back to the free list. */
  release(): void {
    const { objects, reached, generation } = this;
    for (let id = 0; id < objects.length; id++) {
      const o = objects[id];
      if (o === undefined || reached[id] === generation) continue;
      this.ids.delete(o);
      objects[id] = undefined;
      this.lastNodes[id] = undefined;
      this.free.push(id);
    }
  }
}

export interface EncodedGraph {
  readonly format: 'kafka-playground/graph@1';
  /** Indexed by id; null where no object holds the id in this checkpoint. */
  readonly nodes: (Node | null)[];
  readonly root: Encoded;
  /**
   * Objects that never change once made (trace events), held as they are: checkpoints in memory
   * share them instead of copying, and JSON writes them as plain JSON.
   */
  readonly shared?: object[];
}
