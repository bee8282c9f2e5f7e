/**
 * Assignor names (ConsumerConfig partition.assignment.strategy; each assignor's `name()`), the
 * rebalance protocol each supports, and the errors for unknown strategies.
 */
import { describe, expect, it } from 'vitest';
import { ASSIGNOR_CLASS_NAMES, assignPartitions, isCooperative, normalizeAssignor, type AssignorName } from './index';

describe('normalizeAssignor', () => {
  it("accepts Kafka's fully qualified class names", () => {
    expect(normalizeAssignor('org.apache.kafka.clients.consumer.RangeAssignor')).toBe('range');
    expect(normalizeAssignor('org.apache.kafka.clients.consumer.RoundRobinAssignor')).toBe('roundrobin');
    expect(normalizeAssignor('org.apache.kafka.clients.consumer.StickyAssignor')).toBe('sticky');
    expect(normalizeAssignor('org.apache.kafka.clients.consumer.CooperativeStickyAssignor')).toBe('cooperative-sticky');
  });

  it('accepts the short names the assignors report as their protocol name', () => {
    for (const name of ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const) {
      expect(normalizeAssignor(name)).toBe(name);
    }
  });

  it('trims surrounding whitespace, as the config parser does for list elements', () => {
    expect(normalizeAssignor('  org.apache.kafka.clients.consumer.RangeAssignor ')).toBe('range');
    expect(normalizeAssignor('\tsticky\n')).toBe('sticky');
  });

  it('returns null for anything else, including wrong case and near misses', () => {
    for (const name of ['', 'Range', 'round-robin', 'RangeAssignor', 'org.apache.kafka.clients.consumer.rangeassignor', 'cooperative']) {
      expect(normalizeAssignor(name)).toBeNull();
    }
  });

  it('round-trips every class name in ASSIGNOR_CLASS_NAMES', () => {
    for (const [short, className] of Object.entries(ASSIGNOR_CLASS_NAMES)) {
      expect(normalizeAssignor(className)).toBe(short);
    }
  });
});

describe('isCooperative', () => {
  it('only cooperative-sticky supports the COOPERATIVE protocol; the others are EAGER', () => {
    const names: AssignorName[] = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];
    expect(names.filter(isCooperative)).toEqual(['cooperative-sticky']);
  });
});

describe('assignPartitions strategy argument', () => {
  const input = { members: [{ memberId: 'c1', topics: ['t'] }], partitionsPerTopic: { t: 2 } };

  it('takes class names as well as short names', () => {
    expect(assignPartitions('org.apache.kafka.clients.consumer.RoundRobinAssignor', input)).toEqual(
      assignPartitions('roundrobin', input),
    );
  });

  it('throws an error naming an unknown strategy', () => {
    expect(() => assignPartitions('com.example.MyAssignor', input)).toThrow(/com\.example\.MyAssignor/);
  });
});
