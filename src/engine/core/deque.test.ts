/**
 * The Deque behind the accumulator's per-partition batch queues: besides push/shift/unshift it
 * gained peekLast (the batch a record joins), at (walking a deque), insertAt (a retried batch goes
 * back in sequence order) and pop. All of them must survive wrap-around and growth of the ring.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deque } from './deque';

/** A deque whose ring has wrapped: its head sits near the end of the 16-slot buffer. */
function wrapped(values: number[]): Deque<number> {
  const d = new Deque<number>();
  for (let i = 0; i < 14; i++) d.push(-1);
  for (let i = 0; i < 14; i++) d.shift();
  for (const v of values) d.push(v);
  return d;
}

describe('Deque', () => {
  it('peekLast is the newest item, undefined when empty', () => {
    const d = new Deque<string>();
    expect(d.peekLast()).toBeUndefined();
    d.push('a');
    expect(d.peekLast()).toBe('a');
    d.push('b');
    expect(d.peekLast()).toBe('b');
    d.unshift('z');
    expect(d.peekLast()).toBe('b');
    expect(d.peek()).toBe('z');
  });

  it('peekLast and at read across the wrap of the ring', () => {
    const d = wrapped([1, 2, 3, 4, 5]);
    expect(d.peek()).toBe(1);
    expect(d.peekLast()).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => d.at(i))).toEqual([1, 2, 3, 4, 5]);
  });

  it('at(i) is undefined outside 0..length-1', () => {
    const d = wrapped([7, 8]);
    expect(d.at(-1)).toBeUndefined();
    expect(d.at(2)).toBeUndefined();
    expect(new Deque<number>().at(0)).toBeUndefined();
  });

  it('pop takes from the back, shift from the front', () => {
    const d = wrapped([1, 2, 3]);
    expect(d.pop()).toBe(3);
    expect(d.shift()).toBe(1);
    expect(d.pop()).toBe(2);
    expect(d.length).toBe(0);
    expect(d.pop()).toBeUndefined();
    expect(d.peekLast()).toBeUndefined();
  });

  it('insertAt puts the item at that index and keeps the rest in order', () => {
    const d = wrapped([10, 20, 30]);
    d.insertAt(0, 5);
    expect([...d]).toEqual([5, 10, 20, 30]);
    d.insertAt(2, 15);
    expect([...d]).toEqual([5, 10, 15, 20, 30]);
    d.insertAt(d.length, 40);
    expect([...d]).toEqual([5, 10, 15, 20, 30, 40]);
    expect(d.peek()).toBe(5);
    expect(d.peekLast()).toBe(40);
  });

  it('insertAt grows the ring when it is full', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 16; i++) d.push(i * 2);
    d.insertAt(3, 5);
    expect(d.length).toBe(17);
    expect([...d]).toEqual([0, 2, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]);
  });

  it('behaves like an array under any mix of operations (fixed seed)', () => {
    type Op = { op: 'push' | 'unshift'; v: number } | { op: 'shift' | 'pop' } | { op: 'insertAt'; at: number; v: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constantFrom('push' as const, 'unshift' as const), v: fc.integer() }),
      fc.record({ op: fc.constantFrom('shift' as const, 'pop' as const) }),
      fc.record({ op: fc.constant('insertAt' as const), at: fc.nat(), v: fc.integer() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const d = new Deque<number>();
        const model: number[] = [];
        for (const o of ops) {
          switch (o.op) {
            case 'push':
              d.push(o.v);
              model.push(o.v);
              break;
            case 'unshift':
              d.unshift(o.v);
              model.unshift(o.v);
              break;
            case 'shift':
              expect(d.shift()).toBe(model.shift());
              break;
            case 'pop':
              expect(d.pop()).toBe(model.pop());
              break;
            case 'insertAt': {
              const i = o.at % (model.length + 1);
              d.insertAt(i, o.v);
              model.splice(i, 0, o.v);
              break;
            }
          }
          expect(d.length).toBe(model.length);
          expect(d.peek()).toBe(model[0]);
          expect(d.peekLast()).toBe(model[model.length - 1]);
        }
        expect([...d]).toEqual(model);
        model.forEach((v, i) => expect(d.at(i)).toBe(v));
      }),
      { numRuns: 200, seed: 3003 },
    );
  });
});
