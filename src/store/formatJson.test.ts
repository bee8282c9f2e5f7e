import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson } from './formatJson';

describe('formatJson', () => {
  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(formatJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('keeps short arrays and objects on one line and breaks long ones', () => {
    const scenario = {
      name: 'acks=1 loses data when the leader dies',
      topics: [
        { name: 'orders', partitions: 1, 'replication.factor': 3, 'replica.assignment': [[1, 2, 3]] },
        { name: 'audit', partitions: 3, 'replication.factor': 2 },
      ],
      script: [
        { at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 200, every: 10, key: 'user-{i}' },
        { at: 1500, do: 'crash', broker: 1 },
      ],
      empty: {},
    };
    const lines = formatJson(scenario, 110).split('\n');
    expect(lines).toContain(
      '    { "name": "orders", "partitions": 1, "replication.factor": 3, "replica.assignment": [[1, 2, 3]] },',
    );
    expect(lines).toContain('    { "at": 1500, "do": "crash", "broker": 1 }');
    expect(lines).toContain('  "empty": {}');
    // The produce action is longer than 110 columns, so it is broken up, one key per line.
    expect(lines).toContain('      "key": "user-{i}"');
    expect(lines.every((line) => line.length <= 110)).toBe(true);
  });
});
