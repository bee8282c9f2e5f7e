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
});
