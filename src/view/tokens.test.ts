import { describe, expect, it } from 'vitest';
import { Pool } from './tokens';

describe('the pool of landed tokens', () => {
  it('hands back a token of the asked shape first, else any, and keeps no more than its size', () => {
    const pool = new Pool<string>(3);
    expect(pool.put('P-blue#1', 'P|blue')).toBe(true);
    expect(pool.put('F-ink#1', 'F|ink')).toBe(true);
    expect(pool.put('P-blue#2', 'P|blue')).toBe(true);
    expect(pool.put('H-grey#1', 'H|grey')).toBe(false); // full: the view removes that one
    expect(pool.take('F|ink')).toBe('F-ink#1');
    expect(pool.take('F|ink')).toMatch(/^P-blue/); // none of that shape left: another is rewritten
    expect(pool.take('P|blue')).toMatch(/^P-blue/);
    expect(pool.take('P|blue')).toBeUndefined(); // empty: the view makes a new token
    expect(pool.put('H-grey#1', 'H|grey')).toBe(true);
  });

  it('hands back only the asked shape with takeExact, and gives up everything it keeps with drain', () => {
    const pool = new Pool<string>(Infinity);
    pool.put('P-blue#1', 'P|blue');
    pool.put('F-ink#1', 'F|ink');
    expect(pool.takeExact('H|grey')).toBeUndefined();
    expect(pool.takeExact('F|ink')).toBe('F-ink#1');
    expect(pool.takeExact('F|ink')).toBeUndefined();
    pool.put('P-blue#2', 'P|blue');
    expect(pool.size).toBe(2);
    expect(pool.drain().sort()).toEqual(['P-blue#1', 'P-blue#2']);
    expect(pool.size).toBe(0);
    expect(pool.take('P|blue')).toBeUndefined();
  });
});
