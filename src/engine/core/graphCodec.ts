/**
 * Writes an object graph as plain data and reads it back: the engine's checkpoints.
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
import { Actor, createActor, type AnyStateMachine } from 'xstate';
import { classHooksOf, classNameOf, classNamed, functionNameOf, functionNamed } from './graphRegistry';
import { frozenNode, functionTuple, keysOf, NodeIds, refTo, reuse, UNDEFINED, type Encoded, type Node } from './graphIntern';
import { allImmutable, Bytes, CHUNK_BYTES, encodeChunked, freezeTyped, isFrozen, type ChunkCache, type TypedArray, type TypedName } from './graphShare';

export { Bytes } from './graphShare';
export { NodeIds, type Encoded } from './graphIntern';

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

const TYPED: Record<TypedName, new (source: ArrayLike<number> | ArrayBufferLike | number) => TypedArray> = {
  Int32Array,
  Uint8Array,
  Float64Array,
  Uint32Array,
  Int8Array,
  Int16Array,
  Uint16Array,
  Float32Array,
};

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const machines = new Map<string, AnyStateMachine>();

/** Lets actors of this machine be checkpointed (by the machine's id). */
export function registerMachine(machine: AnyStateMachine): void {
  machines.set(machine.id, machine);
}

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
  const parents: number[] = [];
  const parentKeys: string[] = [];
  const nodes: (Node | null)[] = [];
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

  const path = (id: number, key: string): string => {
    const parts = [key];
    for (let at = id; at >= 0; at = parents[at]!) parts.unshift(parentKeys[at]!);
    return parts.join('');
  };

  const value = (v: unknown, from: number, key: string): Encoded => {
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
        const external = externals?.get(v);
        if (external !== undefined) return ['x', external];
        if (immutable?.(v)) {
          let at = sharedIds.get(v);
          if (at === undefined) {
            at = shared.length;
            shared.push(v);
            sharedIds.set(v, at);
          }
          return ['s', at];
        }
        const id = table.idOf(v);
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

  const encodedRoot = value(root, -1, 'root');
  const chunks = options.chunks;
  for (let at = 0; at < pending.length; at++) {
    const id = pending[at]!;
    const o = table.objects[id]!;
    if (chunks && ArrayBuffer.isView(o) && o.byteLength >= 2 * CHUNK_BYTES) nodes[id] = encodeChunked(o as TypedArray, chunks);
    else {
      const node = encodeNode(o, id, value, path, refuse, immutable, chunks);
      nodes[id] = chunks ? reuse(o, node) : node;
    }
  }
  table.release();
  // Ids of objects no longer reached are holes: null, so the list stays plain JSON.
  for (let id = 0; id < table.objects.length; id++) if (nodes[id] === undefined) nodes[id] = null;
  return shared.length > 0 ? { format: 'kafka-playground/graph@1', nodes, root: encodedRoot, shared } : { format: 'kafka-playground/graph@1', nodes, root: encodedRoot };
}

function encodeNode(
  o: object,
  id: number,
  value: (v: unknown, from: number, key: string) => Encoded,
  path: (id: number, key: string) => string,
  refuse: (message: string) => null,
  immutable: ((o: object) => boolean) | undefined,
  cache: ChunkCache | undefined,
): Node {
  if (Array.isArray(o)) return (immutable && allImmutable(o, immutable, cache)) || encodeArray(o, id, value);
  if (o instanceof Map) {
    const m: Encoded[] = [];
    let i = 0;
    for (const [k, v] of o) {
      m.push(value(k, id, `.<key ${i}>`), value(v, id, `.get(${String(k)})`));
      i++;
    }
    return { m };
  }
  if (o instanceof Set) {
    const e: Encoded[] = [];
    for (const v of o) e.push(value(v, id, '.<element>'));
    return { e };
  }
  if (ArrayBuffer.isView(o)) {
    const name = o.constructor.name as TypedName;
    if (!(name in TYPED)) return (refuse(`a ${name} cannot be checkpointed: ${path(id, '')}`), { a: [] });
    // A frozen array is never written again: held as it is, not copied.
    return isFrozen(o) ? frozenNode(o as TypedArray, name) : { t: name, d: new Bytes((o as TypedArray).slice()) };
  }
  if (o instanceof Actor) {
    const machine = (o as Actor<AnyStateMachine>).logic;
    if (machines.get(machine.id) !== machine) return (refuse(`machine "${machine.id}" is not registered for checkpoints: ${path(id, '')}`), { a: [] });
    return { machine: machine.id, snapshot: value(o.getPersistedSnapshot(), id, '.<snapshot>') };
  }
  const proto = Object.getPrototypeOf(o) as object | null;
  let c: string | undefined;
  if (proto !== Object.prototype && proto !== null) {
    c = classNameOf(proto);
    if (c === undefined) refuse(`class ${proto.constructor.name} is not registered for checkpoints: ${path(id, '')}`);
    else classHooksOf(proto)?.beforeEncode?.(o);
  }
  const k = keysOf(o, proto);
  const values: Encoded[] = new Array<Encoded>(k.length);
  for (let i = 0; i < k.length; i++) values[i] = value((o as Record<string, unknown>)[k[i]!], id, `.${k[i]}`);
  return c === undefined ? { o: values, k } : { o: values, k, c };
}

function encodeArray(a: unknown[], id: number, value: (v: unknown, from: number, key: string) => Encoded): Node {
  let present = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== undefined) present++;
  if (a.length > 64 && present * 2 < a.length) {
    const indices: number[] = [];
    const values: Encoded[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === undefined) continue;
      indices.push(i);
      values.push(value(a[i], id, `[${i}]`));
    }
    return { s: a.length, i: indices, a: values };
  }
  const values: Encoded[] = new Array<Encoded>(a.length);
  for (let i = 0; i < a.length; i++) values[i] = value(a[i], id, `[${i}]`);
  return { a: values };
}

export interface DecodeOptions {
  readonly externals?: ReadonlyMap<string, unknown>;
  /**
   * Filled with the chunks each decoded chunked array came from: the restored run's next
   * checkpoint (given the same cache) shares them instead of checking and copying everything.
   */
  readonly chunks?: ChunkCache;
}

export function decodeGraph(graph: EncodedGraph, options: DecodeOptions = {}): unknown {
  if (graph?.format !== 'kafka-playground/graph@1' || !Array.isArray(graph.nodes)) throw new CheckpointError('not a checkpoint graph (format kafka-playground/graph@1)');
  const nodes = graph.nodes;
  const objects: unknown[] = new Array<unknown>(nodes.length);
  const state = new Uint8Array(nodes.length); // 0 shell, 1 filling, 2 filled

  // Pass 1: a shell for every node, so references and cycles resolve.
  for (let id = 0; id < nodes.length; id++) if (nodes[id]) objects[id] = shellOf(nodes[id]!, options.chunks);

  const value = (v: Encoded): unknown => {
    if (v === null || typeof v !== 'object') return v;
    switch (v[0]) {
      case 'r':
        if (nodes[v[1]]! && 'machine' in nodes[v[1]]!) fill(v[1]);
        return objects[v[1]];
      case 'u':
        return undefined;
      case 'n':
        return v[1] === '-0' ? -0 : Number(v[1]);
      case 'f': {
        const fn = functionNamed(v[1]);
        if (fn === undefined) throw new CheckpointError(`function "${v[1]}" is not registered in this build`);
        return fn;
      }
      case 'x':
        if (!options.externals?.has(v[1])) throw new CheckpointError(`external "${v[1]}" was not supplied`);
        return options.externals.get(v[1]);
      case 's':
        return graph.shared![v[1]];
    }
  };

  const fill = (id: number): void => {
    if (state[id] !== 0) return;
    state[id] = 1;
    const node = nodes[id];
    if (!node) return;
    const target = objects[id];
    if ('k' in node) {
      const o = target as Record<string, unknown>;
      for (let i = 0; i < node.k.length; i++) o[node.k[i]!] = value(node.o[i]!);
    } else if ('s' in node) {
      const a = target as unknown[];
      for (let i = 0; i < node.i.length; i++) a[node.i[i]!] = value(node.a[i]!);
    } else if ('a' in node) {
      const a = target as unknown[];
      for (let i = 0; i < node.a.length; i++) a[i] = value(node.a[i]!);
    } else if ('m' in node) {
      const m = target as Map<unknown, unknown>;
      for (let i = 0; i < node.m.length; i += 2) m.set(value(node.m[i]!), value(node.m[i + 1]!));
    } else if ('e' in node) {
      const s = target as Set<unknown>;
      for (const v of node.e) s.add(value(v));
    } else if ('machine' in node) {
      // The snapshot is a plain tree: fill it whole before the actor reads it.
      const snapshot = deepFill(node.snapshot);
      const machine = machines.get(node.machine);
      if (!machine) throw new CheckpointError(`machine "${node.machine}" is not registered in this build`);
      objects[id] = createActor(machine, { snapshot: snapshot as never }).start();
    }
    state[id] = 2;
  };

  const deepFill = (v: Encoded): unknown => {
    if (Array.isArray(v) && v[0] === 'r') {
      const stack = [v[1]];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (state[id] !== 0) continue;
        fill(id);
        if (nodes[id]) for (const child of childrenOf(nodes[id]!)) stack.push(child);
      }
    }
    return value(v);
  };

  for (let id = 0; id < nodes.length; id++) fill(id);
  return value(graph.root);
}

function shellOf(node: Node, cache: ChunkCache | undefined): unknown {
  if ('k' in node) {
    if (node.c === undefined) return {};
    const cls = classNamed(node.c);
    if (!cls) throw new CheckpointError(`class "${node.c}" is not registered in this build`);
    return Object.create(cls.prototype as object) as object;
  }
  if ('s' in node) return new Array<unknown>(node.s);
  if ('a' in node) return new Array<unknown>(node.a.length);
  if ('m' in node) return new Map();
  if ('e' in node) return new Set();
  if ('im' in node) {
    const array = ([] as unknown[]).concat(...node.im);
    cache?.set(array, node.im);
    return array;
  }
  if ('chunks' in node) {
    const array = typedFromChunks(node.t, node.n, node.chunks);
    // Only boxes held in memory can be shared again (not base64 strings or cloned boxes).
    if (node.chunks.every((c) => c instanceof Bytes)) cache?.set(array, node.chunks as Bytes[]);
    return array;
  }
  if ('t' in node) return typedFrom(node.t, node.d, node.f === 1);
  return null; // an actor: made when filled
}

function childrenOf(node: Node): number[] {
  const list = 'k' in node || 's' in node || 'a' in node ? ('o' in node ? node.o : node.a) : 'm' in node ? node.m : 'e' in node ? node.e : [];
  const out: number[] = [];
  for (const v of list) if (Array.isArray(v) && v[0] === 'r') out.push(v[1]);
  return out;
}

/** `shared`: a frozen array, handed back as it is (its owner copies it before a write); else a copy, as a checkpoint can be restored many times. */
function typedFrom(name: TypedName, data: Bytes | { array: TypedArray } | string, shared: boolean): TypedArray {
  const Ctor = TYPED[name];
  if (!Ctor) throw new CheckpointError(`unknown typed array "${String(name)}"`);
  if (typeof data === 'string') {
    const bytes = fromBase64(data);
    const array = new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (shared) freezeTyped(array);
    return array;
  }
  if (!shared) return new Ctor(data.array);
  freezeTyped(data.array);
  return data.array;
}

function typedFromChunks(name: TypedName, length: number, chunks: (Bytes | { array: TypedArray } | string)[]): TypedArray {
  const Ctor = TYPED[name];
  if (!Ctor) throw new CheckpointError(`unknown typed array "${String(name)}"`);
  const out = new Ctor(length);
  const bytes = new Uint8Array(out.buffer);
  let at = 0;
  for (const chunk of chunks) {
    const part = typeof chunk === 'string' ? fromBase64(chunk) : (chunk.array as Uint8Array);
    bytes.set(part, at);
    at += part.length;
  }
  return out;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
