/**
 * Checkpoints write the engine's object graph as data; these are the shapes it must bring back
 * exactly, and the things it must refuse (naming where they are) rather than lose silently.
 */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { CheckpointError, decodeGraph, encodeGraph, registerMachine, type ChunkCache, type EncodedGraph } from './graphCodec';
import { registerClass, registerFunction } from './graphRegistry';
import { freezeTyped, growsOnly, rewrote } from './graphShare';

class Counter {
  count = 0;
  peer: Counter | null = null;
  bump(): number {
    return ++this.count;
  }
}
registerClass('test.Counter', Counter);
const double = (n: number): number => n * 2;
registerFunction('test.double', double);

/** A class a checkpoint keeps only part of (as the event log keeps its ring's newest events). */
class Window {
  constructor(
    public items: number[],
    readonly keep: number,
  ) {}
}
registerClass('test.Window', Window, { encodeAs: (w) => new Window((w as Window).items.slice(-(w as Window).keep), (w as Window).keep) });

const light = createMachine({ id: 'test.light', initial: 'green', context: { changes: 0 }, states: { green: { on: { NEXT: 'red' } }, red: { on: { NEXT: 'green' } } } });
registerMachine(light);

const viaJson = (g: EncodedGraph): EncodedGraph => JSON.parse(JSON.stringify(g)) as EncodedGraph;
const viaClone = (g: EncodedGraph): EncodedGraph => structuredClone(g);

describe('graph codec', () => {
  it('writes what a class\'s encodeAs hook gives in its place, and leaves the live object as it was', () => {
    const live = new Window([1, 2, 3, 4, 5], 2);
    for (const carry of [(g: EncodedGraph) => g, viaJson, viaClone]) {
      const back = decodeGraph(carry(encodeGraph({ live }))) as { live: Window };
      expect(back.live).toBeInstanceOf(Window);
      expect(back.live.items).toEqual([4, 5]);
    }
    expect(live.items).toEqual([1, 2, 3, 4, 5]);
  });

  for (const [name, carry] of [
    ['in memory', (g: EncodedGraph) => g],
    ['through JSON', viaJson],
    ['through structuredClone', viaClone],
  ] as const) {
    it(`brings back shared references, cycles, classes, collections and odd numbers (${name})`, () => {
      const a = new Counter();
      const b = new Counter();
      a.peer = b;
      b.peer = a;
      a.bump();
      const shared = { label: 'shared' };
      const root = {
        a,
        list: [a, b, shared, shared],
        map: new Map<unknown, unknown>([['x', shared], [a, 1]]),
        set: new Set([b, 'y']),
        numbers: [NaN, Infinity, -Infinity, -0, 0.5, undefined, null],
        bytes: Int32Array.from([1, -2, 3]),
        floats: Float64Array.from([0.25, -1e300]),
        sparse: Object.assign(new Array<unknown>(200), { 7: 'seven', 150: b }),
        fn: double,
      };
      const back = decodeGraph(carry(encodeGraph(root))) as typeof root;
      expect(back.a).toBeInstanceOf(Counter);
      expect(back.a.bump()).toBe(2); // methods come back with the prototype, state with the fields
      expect(back.a.peer!.peer).toBe(back.a);
      expect(back.list[0]).toBe(back.a);
      expect(back.list[2]).toBe(back.list[3]);
      expect(back.map.get('x')).toBe(back.list[2]);
      expect(back.map.get(back.a)).toBe(1);
      expect([...back.set][0]).toBe(back.a.peer);
      expect(back.numbers.map((n) => (Object.is(n, -0) ? '-0' : String(n)))).toEqual(['NaN', 'Infinity', '-Infinity', '-0', '0.5', 'undefined', 'null']);
      expect([...back.bytes]).toEqual([1, -2, 3]);
      expect(back.bytes).toBeInstanceOf(Int32Array);
      expect([...back.floats]).toEqual([0.25, -1e300]);
      expect(back.sparse.length).toBe(200);
      expect(back.sparse[7]).toBe('seven');
      expect(back.sparse[150]).toBe(back.a.peer);
      expect(back.fn(21)).toBe(42);
    });
  }

  it('copies typed arrays, so one checkpoint can be restored many times', () => {
    const graph = encodeGraph({ data: Uint8Array.from([1, 2]) });
    const first = decodeGraph(graph) as { data: Uint8Array };
    first.data[0] = 99;
    expect((decodeGraph(graph) as { data: Uint8Array }).data[0]).toBe(1);
  });

  it('gives plain objects back with their fields in order and their values of every kind, odd names too, through JSON and structuredClone', () => {
    const shared = { n: 1 };
    const odd = JSON.parse('{"__proto__":{"inner":true},"b":1,"10":"ten","2":2.5,"":null,"a b":false}') as Record<string, unknown>;
    const kinds = { small: 7, double: 0.25, big: 2 ** 40, negative: -3, text: 'x', flag: true, none: null, missing: undefined, ref: shared, again: shared, nan: NaN };
    for (const carry of [viaJson, viaClone, (g: EncodedGraph) => g]) {
      const back = decodeGraph(carry(encodeGraph({ odd, kinds, more: [{ ...kinds, small: 1.5, double: 3 }] }))) as { odd: typeof odd; kinds: typeof kinds; more: (typeof kinds)[] };
      expect(Object.keys(back.odd)).toEqual(Object.keys(odd));
      expect(Object.getPrototypeOf(back.odd)).toBe(Object.prototype);
      expect(back.odd).toEqual(odd);
      expect(Object.keys(back.kinds)).toEqual(Object.keys(kinds));
      expect(back.kinds).toEqual(kinds);
      expect(back.kinds.ref).toBe(back.kinds.again);
      expect(back.more[0]).toEqual({ ...kinds, small: 1.5, double: 3, ref: back.kinds.ref, again: back.kinds.ref });
    }
  });

  it('makes a class instance with its blank hook, then writes the checkpoint\'s fields over it', () => {
    let made = 0;
    class Pair {
      left = 0;
      right: string | null = null;
      constructor(readonly label: string) {
        made++;
      }
    }
    registerClass('test.Pair', Pair, { blank: () => new Pair('') });
    const pair = new Pair('p');
    pair.left = 4;
    pair.right = 'r';
    const back = decodeGraph(viaJson(encodeGraph({ pair }))) as { pair: Pair };
    expect(back.pair).toBeInstanceOf(Pair);
    expect(Object.keys(back.pair)).toEqual(Object.keys(pair));
    expect(back.pair).toEqual(pair);
    expect(made).toBe(2);
  });

  it('restarts an xstate actor in the state it was in', () => {
    const actor = createActor(light).start();
    actor.send({ type: 'NEXT' });
    const back = decodeGraph(viaJson(encodeGraph({ actor }))) as { actor: typeof actor };
    expect(back.actor.getSnapshot().value).toBe('red');
    back.actor.send({ type: 'NEXT' });
    expect(back.actor.getSnapshot().value).toBe('green');
  });

  it('refuses a closure and an unregistered class, naming the path', () => {
    let hidden = 0;
    expect(() => encodeGraph({ timers: [{ run: () => hidden++ }] })).toThrow(/closure cannot be checkpointed: root\.timers\[0\]\.run/);
    class Stranger {}
    expect(() => encodeGraph({ who: new Stranger() })).toThrow(CheckpointError);
    expect(() => encodeGraph({ who: new Stranger() })).toThrow(/class Stranger is not registered.*root\.who/);
  });

  it('lists every refusal at once when asked for a census', () => {
    const problems: string[] = [];
    encodeGraph({ a: () => 1, b: [() => 2] }, { problems });
    expect(problems).toHaveLength(2);
  });

  it('writes externals by name and takes them back from the caller', () => {
    const outside = new Set(['listener']);
    const graph = encodeGraph({ outside }, { externals: new Map([[outside, 'listeners']]) });
    const replacement = new Set<string>();
    expect((decodeGraph(graph, { externals: new Map([['listeners', replacement]]) }) as { outside: unknown }).outside).toBe(replacement);
    expect(() => decodeGraph(graph)).toThrow(/external "listeners" was not supplied/);
  });

  it('refuses what is not a checkpoint graph', () => {
    expect(() => decodeGraph({ nodes: [] } as unknown as EncodedGraph)).toThrow(/not a checkpoint graph/);
  });
});

describe('graph codec: immutable objects', () => {
  it('holds them by reference in memory and writes them as plain JSON', () => {
    const event = { type: 'Acked', id: 7, t: 12, recordIds: [1, 2] };
    const root = { log: [event, event], other: { id: 1 } };
    const immutable = (o: object) => 'type' in o;
    const graph = encodeGraph(root, { immutable });
    const back = decodeGraph(graph) as typeof root;
    expect(back.log[0]).toBe(event);
    expect(back.log[1]).toBe(event);
    expect(back.other).not.toBe(root.other);
    const fromJson = decodeGraph(viaJson(graph)) as typeof root;
    expect(fromJson.log[0]).toEqual(event);
    expect(fromJson.log[0]).toBe(fromJson.log[1]);
  });
});

describe('graph codec: large typed arrays', () => {
  it('shares the chunks that did not change since the last checkpoint and restores the whole array', () => {
    const column = new Float64Array(100_000).map((_, i) => i * 0.5);
    const chunks = new Map() as ChunkCache;
    const first = encodeGraph({ column }, { chunks });
    column[99_999] = -1; // only the last chunk changes
    const second = encodeGraph({ column }, { chunks });
    const chunksOf = (g: EncodedGraph) => (g.nodes.find((n) => n !== null && 'chunks' in n) as { chunks: unknown[] }).chunks;
    const [a, b] = [chunksOf(first), chunksOf(second)];
    expect(b.length).toBe(a.length);
    expect(b.slice(0, -1)).toEqual(a.slice(0, -1));
    expect(b.slice(0, -1).every((chunk, i) => chunk === a[i])).toBe(true);
    expect(b[b.length - 1]).not.toBe(a[a.length - 1]);
    const back = decodeGraph(viaJson(second)) as { column: Float64Array };
    expect(back.column).toBeInstanceOf(Float64Array);
    expect(back.column[99_999]).toBe(-1);
    expect(back.column[12_345]).toBe(12_345 * 0.5);
    expect((decodeGraph(first) as { column: Float64Array }).column[99_999]).toBe(99_999 * 0.5);
  });
});

describe('graph codec: long arrays of immutable objects (a log\'s batches)', () => {
  const immutable = (o: object) => 'offset' in o;
  const batch = (offset: number) => ({ offset, records: [offset] });
  const chunksOf = (g: EncodedGraph) => (g.nodes.find((n) => n !== null && 'im' in n) as { im: unknown[][] }).im;

  it('shares every chunk the log held at the last checkpoint, its partly filled last one too, and copies only what was appended', () => {
    const log = Array.from({ length: 340 }, (_, i) => batch(i));
    const chunks = new Map() as ChunkCache;
    const first = chunksOf(encodeGraph({ log }, { immutable, chunks }));
    for (let i = 340; i < 700; i++) log.push(batch(i));
    const second = encodeGraph({ log }, { immutable, chunks });
    const im = chunksOf(second);
    expect(im[0]).toBe(first[0]);
    expect(im[1]).toBe(first[1]); // 84 batches then, still the same 84
    expect(im.slice(2).reduce((n, c) => n + c.length, 0)).toBe(360);
    const back = decodeGraph(viaJson(second)) as { log: { offset: number }[] };
    expect(back.log.map((b) => b.offset)).toEqual(log.map((b) => b.offset));
  });

  it('copies a chunk written over in place, over the same span, and merges a short last chunk into the new end', () => {
    const log = Array.from({ length: 520 }, (_, i) => batch(i));
    const chunks = new Map() as ChunkCache;
    const first = chunksOf(encodeGraph({ log }, { immutable, chunks })); // 256, 256, 8
    log[3] = batch(-3);
    log.push(batch(520));
    const second = encodeGraph({ log }, { immutable, chunks });
    const im = chunksOf(second);
    expect(im.map((c) => c.length)).toEqual([256, 256, 9]);
    expect(im[0]).not.toBe(first[0]);
    expect(im[1]).toBe(first[1]);
    const back = decodeGraph(second) as { log: { offset: number }[] };
    expect(back.log.map((b) => b.offset)).toEqual(log.map((b) => b.offset));
  });

  it('an array its owner grows only by push shares its old chunks unread; one it says it rewrote (a truncation) is compared again', () => {
    const log = Array.from({ length: 600 }, (_, i) => batch(i));
    const chunks = new Map() as ChunkCache;
    growsOnly(log);
    const first = chunksOf(encodeGraph({ log }, { immutable, chunks }));
    log.push(batch(600));
    growsOnly(log);
    const second = encodeGraph({ log }, { immutable, chunks });
    expect(chunksOf(second).slice(0, 2)).toEqual([first[0], first[1]]);
    expect(chunksOf(second)[0]).toBe(first[0]);
    // A truncation below the first chunk's end, then as many other batches appended.
    rewrote(log);
    log.length = 100;
    for (let i = 100; i < 601; i++) log.push(batch(-i));
    growsOnly(log);
    const third = encodeGraph({ log }, { immutable, chunks });
    expect(chunksOf(third)[0]).not.toBe(first[0]);
    const back = decodeGraph(viaJson(third)) as { log: { offset: number }[] };
    expect(back.log.map((b) => b.offset)).toEqual(log.map((b) => b.offset));
  });
});

describe('graph codec: a very long array of immutable objects (a column of record ids)', () => {
  it('lists its chunks in groups and shares the groups that did not change, so an append costs its end only', () => {
    const immutable = (o: object) => 'offset' in o;
    const ids = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? { offset: i } : i));
    const chunks = new Map() as ChunkCache;
    const groupsOf = (g: EncodedGraph) => (g.nodes.find((n) => n !== null && 'ig' in n) as { ig: unknown[][][] }).ig;
    const first = groupsOf(encodeGraph({ ids }, { immutable, chunks }));
    for (let i = 20_000; i < 20_100; i++) ids.push(i);
    const second = encodeGraph({ ids }, { immutable, chunks });
    const groups = groupsOf(second);
    expect(groups.length).toBe(first.length);
    expect(groups.slice(0, -1).every((g, i) => g === first[i])).toBe(true);
    expect(groups[groups.length - 1]).not.toBe(first[first.length - 1]);
    for (const graph of [second, viaJson(second), structuredClone(second)]) {
      const back = (decodeGraph(graph) as { ids: unknown[] }).ids;
      expect(back).toEqual(ids);
    }
  });
});

describe('graph codec: lists of frozen typed arrays (a column\'s chunks)', () => {
  const listOf = (g: EncodedGraph) => (g.nodes.find((n) => n !== null && 'ft' in n) as { ft: unknown[][] }).ft;
  const frozenChunk = (fill: number) => {
    const a = new Int32Array(8).fill(fill);
    freezeTyped(a);
    return a;
  };

  it('shares the unchanged part of the list and brings back every array, the missing ones as missing, through JSON and structuredClone', () => {
    const list: (Int32Array | undefined)[] = Array.from({ length: 70 }, (_, i) => (i === 5 ? undefined : frozenChunk(i)));
    const chunks = new Map() as ChunkCache;
    const first = encodeGraph({ list }, { chunks });
    list[69] = frozenChunk(-69); // a column copies its last chunk before writing to it
    list.push(frozenChunk(70));
    const second = encodeGraph({ list }, { chunks });
    const [a, b] = [listOf(first), listOf(second)];
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBe(a[1]);
    expect(b[2]).not.toBe(a[2]);
    for (const graph of [second, viaJson(second), structuredClone(second)]) {
      const back = (decodeGraph(graph) as { list: (Int32Array | undefined)[] }).list;
      expect(back.length).toBe(71);
      expect(back[5]).toBeUndefined();
      expect(back[4]).toEqual(new Int32Array(8).fill(4));
      expect(back[69]).toEqual(new Int32Array(8).fill(-69));
      expect(back[70]).toEqual(new Int32Array(8).fill(70));
    }
    expect((decodeGraph(first) as { list: Int32Array[] }).list[69]).toEqual(new Int32Array(8).fill(69));
  });

  it('writes a list holding an array that is not frozen as an ordinary array (copied, not shared)', () => {
    const list: Int32Array[] = Array.from({ length: 40 }, (_, i) => frozenChunk(i));
    list[39] = new Int32Array(8).fill(7);
    const chunks = new Map() as ChunkCache;
    const graph = encodeGraph({ list }, { chunks });
    expect(graph.nodes.some((n) => n !== null && 'ft' in n)).toBe(false);
    const back = (decodeGraph(viaJson(graph)) as { list: Int32Array[] }).list;
    expect(back[39]).toEqual(new Int32Array(8).fill(7));
    expect(back[39]).not.toBe(list[39]);
  });
});
