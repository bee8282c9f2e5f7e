/**
 * Reads an encoded graph (core/graphCodec.ts) back into objects: a shell for every node first, so
 * references and cycles resolve, then each filled; class instances get their registered prototype,
 * actors restart from their persisted snapshot, frozen typed arrays come back shared.
 */
import { createActor } from 'xstate';
import { CheckpointError, classHooksOf, classNamed, functionNamed, machineNamed } from './graphRegistry';
import type { Encoded, EncodedGraph, Node } from './graphIntern';
import { Bytes, freezeArray, freezeTyped, TYPED, type ChunkCache, type TypedArray, type TypedName } from './graphShare';

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
      for (let i = 0; i < node.a.length; i++) a.push(value(node.a[i]!));
    } else if ('m' in node) {
      const m = target as Map<unknown, unknown>;
      for (let i = 0; i < node.m.length; i += 2) m.set(value(node.m[i]!), value(node.m[i + 1]!));
    } else if ('e' in node) {
      const s = target as Set<unknown>;
      for (const v of node.e) s.add(value(v));
    } else if ('machine' in node) {
      // The snapshot is a plain tree: fill it whole before the actor reads it.
      const snapshot = deepFill(node.snapshot);
      const machine = machineNamed(node.machine);
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
    if (!lookedAt.has(node)) noteShape(node.k, node.c, node.o);
    if (node.c === undefined) return plainShell(node.k, node.o);
    const cls = classNamed(node.c);
    if (!cls) throw new CheckpointError(`class "${node.c}" is not registered in this build`);
    const blank = classHooksOf(cls.prototype as object)?.blank;
    return blank ? blank() : (Object.create(cls.prototype as object) as object);
  }
  if ('s' in node) return new Array<unknown>(node.s);
  // Empty, and filled in order by push: packed as the engine's own arrays are (a sized
  // `new Array(n)` is holey, another elements kind, which code trained on the live arrays meets as
  // a new map).
  if ('a' in node) return [];
  if ('m' in node) return new Map();
  if ('e' in node) return new Set();
  if ('ft' in node) {
    const array: unknown[] = [];
    const raw: unknown[][] = [];
    for (const chunk of node.ft) {
      const part = chunk.map((n) => (n === null ? undefined : typedFrom(n.t, n.d, true)));
      raw.push(part);
      for (const v of part) array.push(v);
    }
    // Only nodes held in memory can be shared again (not base64 strings or cloned boxes).
    if (node.ft.every((chunk) => chunk.every((n) => n === null || n.d instanceof Bytes))) cache?.set(array, { raw, encoded: node.ft });
    return array;
  }
  if ('im' in node || 'ig' in node) {
    const chunks = 'im' in node ? node.im : ([] as unknown[][]).concat(...node.ig);
    const array = ([] as unknown[]).concat(...chunks);
    cache?.set(array, { chunks, groups: 'ig' in node ? node.ig : undefined });
    return array;
  }
  if ('fa' in node) {
    // Handed back as it is, like a frozen typed array: its owner copies it before writing.
    freezeArray(node.fa);
    return node.fa;
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

/**
 * A plain object with the node's fields, in its order, that V8 gives the same hidden class (map)
 * as an object literal with those fields: JSON.parse builds objects as literals are built (from
 * the literal map for that many fields), where `{}` and fields added one by one lead to another
 * map. The engine's hot code meets messages, requests and per-partition state made by literals;
 * handed restored ones with other maps it deoptimised and went polymorphic (a seek after a restore
 * ran several times slower for its first virtual seconds). Each field starts with a placeholder of
 * its value's kind (a small integer, a double, a string, a boolean, else null), so that writing
 * the value in place does not generalise the field's representation on the map the live objects
 * share. One template text per key list and kinds.
 */
const templatesOfKeys = new WeakMap<readonly string[], Map<number, string>>();
const templatesOfKeyText = new Map<string, Map<number, string>>();
function plainShell(keys: readonly string[], values: readonly Encoded[]): object {
  if (keys.length === 0) return {};
  let byKinds = templatesOfKeys.get(keys);
  if (byKinds === undefined) {
    // A checkpoint in memory shares one key array per shape (graphIntern.ts `keysOf`); one read
    // back from JSON or structuredClone has an array per node: found again by its text.
    const keyText = keys.join('\u0000');
    byKinds = templatesOfKeyText.get(keyText);
    if (byKinds === undefined) {
      if (templatesOfKeyText.size > 4096) templatesOfKeyText.clear(); // bounded: a run has a few hundred shapes
      templatesOfKeyText.set(keyText, (byKinds = new Map()));
    }
    templatesOfKeys.set(keys, byKinds);
  }
  const code = kindsCode(values);
  let text = byKinds.get(code);
  if (text === undefined) {
    const fields: string[] = [];
    for (let i = 0; i < keys.length; i++) fields.push(`${JSON.stringify(keys[i])}:${i < 22 ? PLACEHOLDER[kindOf(values[i]!)] : 'null'}`);
    byKinds.set(code, (text = `{${fields.join(',')}}`));
  }
  return JSON.parse(text) as object;
}

/** The kinds of an object's values as a number in base 5 (exact up to 22 fields; beyond, shapes share the code of their first 22). */
function kindsCode(values: readonly Encoded[]): number {
  let code = 0;
  for (let i = 0; i < values.length && i < 22; i++) code = code * 5 + kindOf(values[i]!);
  return code;
}

/**
 * The object shapes (field names, class, kinds of values) this process has restored at least
 * once. Restoring writes each field a second time (after the blank's constructor or the JSON
 * template), which V8 takes as the field no longer being constant: on the map every live instance
 * shares, the field turns from const to mutable, and every optimised function that relied on its
 * constness is thrown away at once (a first seek after a long run lost ~200 functions that way and
 * replayed its first virtual seconds five times slower). `hasUnrestoredShapes` lets the timeline
 * restore a checkpoint once, off the record, as soon as it holds a shape not restored yet: the
 * fields go mutable early in the run, before most code is optimised on them.
 */
const restoredShapes = new WeakMap<readonly string[], Set<string>>();
const restoredShapesByText = new Map<string, Set<string>>();

function shapesOf(keys: readonly string[]): Set<string> {
  let shapes = restoredShapes.get(keys);
  if (shapes === undefined) {
    const keyText = keys.join('\u0000');
    shapes = restoredShapesByText.get(keyText);
    if (shapes === undefined) {
      if (restoredShapesByText.size > 4096) restoredShapesByText.clear(); // bounded, like the templates
      restoredShapesByText.set(keyText, (shapes = new Set()));
    }
    restoredShapes.set(keys, shapes);
  }
  return shapes;
}

function shapeTag(className: string | undefined, values: readonly Encoded[]): string {
  return `${className ?? ''}:${kindsCode(values)}`;
}

function noteShape(keys: readonly string[], className: string | undefined, values: readonly Encoded[]): void {
  shapesOf(keys).add(shapeTag(className, values));
}

/**
 * Whether the graph holds an object of a shape this process has not restored yet (see
 * `restoredShapes`). `previous`: a graph already passed here and either found without one or
 * restored since (which notes every shape it holds): a node it holds under the same id is skipped
 * with one comparison.
 */
export function hasUnrestoredShapes(graph: EncodedGraph, previous?: EncodedGraph): boolean {
  const before = previous?.nodes;
  const nodes = graph.nodes;
  for (let id = 0; id < nodes.length; id++) {
    const node = nodes[id];
    // A node shared with an earlier checkpoint (graphIntern.ts `reuse`) was looked at then.
    if (!node || !('k' in node) || (before !== undefined && before[id] === node) || lookedAt.has(node)) continue;
    if (!shapesOf(node.k).has(shapeTag(node.c, node.o))) return true;
    lookedAt.add(node);
  }
  return false;
}
const lookedAt = new WeakSet<Node>();

/** A placeholder of each kind of value: a small integer, a double, a string, a boolean, anything else. */
const PLACEHOLDER = ['0', '0.5', '""', 'false', 'null'] as const;
function kindOf(v: Encoded): number {
  switch (typeof v) {
    case 'number':
      return (v | 0) === v ? 0 : 1;
    case 'string':
      return 2;
    case 'boolean':
      return 3;
    default:
      // A number JSON cannot hold (Infinity, NaN, -0) is a double: a null there would turn the
      // field (a deadline, say) from a double into any value, giving the live objects a new map.
      return Array.isArray(v) && v[0] === 'n' ? 1 : 4;
  }
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
  // A box in memory holds an array frozen when it was encoded (graphShare.ts `frozenNode`); one
  // carried through structuredClone is a new array, frozen here. (Adding every chunk to the frozen
  // set again cost each restore ~2 ms at 10 minutes of the 10-minute workload.)
  if (!(data instanceof Bytes)) freezeTyped(data.array);
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
