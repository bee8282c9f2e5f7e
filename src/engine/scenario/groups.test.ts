/** Consumer groups in a scenario: defaults, Kafka's own checks, member actions, one-line errors. */
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './parse';
import type { GroupSettings } from './types';

const base = { name: 'groups', topics: [{ name: 'orders', partitions: 3 }, { name: 'audit' }] };
const withGroups = (groups: unknown[], script: unknown[] = []) => ({ ...base, groups, script });
const billing = (extra: Record<string, unknown> = {}) => ({ 'group.id': 'billing', topics: ['orders'], ...extra });

function errorOf(input: unknown): string {
  try {
    parseScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const err = e as ScenarioError;
    expect(err.message).not.toMatch(/[\r\n]/);
    return err.message;
  }
  throw new Error(`expected a ScenarioError for ${JSON.stringify(input)}`);
}

const DEFAULTS: GroupSettings = {
  'session.timeout.ms': 45000,
  'heartbeat.interval.ms': 3000,
  'max.poll.interval.ms': 300000,
  'max.poll.records': 500,
  'fetch.max.wait.ms': 500,
  'max.partition.fetch.bytes': 1048576,
  'enable.auto.commit': true,
  'auto.commit.interval.ms': 5000,
  'auto.offset.reset': 'latest',
  'partition.assignment.strategy': ['range', 'cooperative-sticky'],
  'request.timeout.ms': 30000,
  'retry.backoff.ms': 100,
  commit: 'none',
  processing: 'in-poll-loop',
  'processing.ms': 1,
  'idempotent.sink': false,
};

describe('groups', () => {
  it('fill in Kafka consumer defaults and name one member c1', () => {
    const s = parseScenario(withGroups([billing()]));
    expect(s.groups).toEqual([{ 'group.id': 'billing', topics: ['orders'], members: [{ name: 'c1' }], ...DEFAULTS }]);
  });

  it('are absent from a scenario without groups, and the broker gets the coordinator defaults', () => {
    const s = parseScenario(base);
    expect('groups' in s).toBe(false);
    expect(s.broker).toMatchObject({ 'offsets.topic.num.partitions': 50, 'offsets.topic.replication.factor': 3, 'group.initial.rebalance.delay.ms': 3000 });
  });

  it('name members c1, c2 … around the names given, keeping group.instance.id', () => {
    const s = parseScenario(withGroups([billing({ members: [{ name: 'c2' }, {}, { 'group.instance.id': 'host-3' }] })]));
    expect(s.groups![0]!.members).toEqual([{ name: 'c2' }, { name: 'c3' }, { name: 'c4', 'group.instance.id': 'host-3' }]);
    expect(parseScenario(withGroups([billing({ members: 3 })])).groups![0]!.members.map((m) => m.name)).toEqual(['c1', 'c2', 'c3']);
  });

  it('accept Kafka class names and comma-separated lists for partition.assignment.strategy', () => {
    const strategy = 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor, range';
    expect(parseScenario(withGroups([billing({ 'partition.assignment.strategy': strategy })])).groups![0]!['partition.assignment.strategy']).toEqual(['cooperative-sticky', 'range']);
    expect(errorOf(withGroups([billing({ 'partition.assignment.strategy': ['Range'] })]))).toBe(
      `groups[0].partition.assignment.strategy: unknown assignor "Range" (known: range, roundrobin, sticky, cooperative-sticky, or Kafka's class names)`,
    );
  });

  it('refuse what Kafka refuses, naming the path', () => {
    expect(errorOf(withGroups([billing({ topics: ['ordres'] })]))).toBe('groups[0].topics[0]: no topic "ordres" (topics: orders, audit)');
    expect(errorOf(withGroups([billing(), billing()]))).toBe('groups[1].group.id: duplicate group "billing" (also groups[0])');
    expect(errorOf(withGroups([billing({ 'heartbeat.interval.ms': 45000 })]))).toMatch(/^groups\[0\]\.heartbeat\.interval\.ms: 45000 must be lower than session\.timeout\.ms/);
    expect(errorOf(withGroups([billing({ 'session.timeout.ms': 5000, 'heartbeat.interval.ms': 1000 })]))).toMatch(/^groups\[0\]\.session\.timeout\.ms: 5000 is outside .* INVALID_SESSION_TIMEOUT$/);
    expect(errorOf(withGroups([billing({ commit: 'sometimes' })]))).toMatch(/^groups\[0\]\.commit: must be "none" or /);
    expect(errorOf(withGroups([billing({ members: [{ name: 'a/b' }] })]))).toMatch(/^groups\[0\]\.members\[0\]\.name: may contain only/);
    expect(errorOf(withGroups([billing({ members: [{ name: 'x' }, { name: 'x' }] })]))).toBe('groups[0].members[1].name: duplicate member name "x"');
  });

  it('suggest the right name for misspelled or misplaced settings', () => {
    expect(errorOf(withGroups([billing({ 'sesion.timeout.ms': 1 })]))).toBe('groups[0].sesion.timeout.ms: unknown setting (did you mean "session.timeout.ms"?)');
    expect(errorOf(withGroups([billing({ acks: 'all' })]))).toBe('groups[0].acks: unknown setting (acks is a producer setting)');
    expect(errorOf(withGroups([billing({ 'group.initial.rebalance.delay.ms': 0 })]))).toBe(
      'groups[0].group.initial.rebalance.delay.ms: unknown setting (group.initial.rebalance.delay.ms is a broker setting)',
    );
  });

  it('refuse __consumer_offsets as a topic name and a run-time change of the offsets topic', () => {
    expect(errorOf({ name: 'x', topics: [{ name: '__consumer_offsets' }] })).toMatch(/^topics\[0\]\.name: "__consumer_offsets" is Kafka's internal topic/);
    expect(errorOf({ ...base, script: [{ at: 1, do: 'set', config: { 'offsets.topic.num.partitions': 3 } }] })).toMatch(
      /^script\[0\]\.config\.offsets\.topic\.num\.partitions: is read once when the cluster starts/,
    );
  });
});

describe('member actions', () => {
  it('name added members in joining order and let a stopped member start again', () => {
    const s = parseScenario(
      withGroups([billing({ members: 2 })], [
        { at: 9000, do: 'addMember', group: 'billing', member: 'c1' },
        { at: 5000, do: 'addMember', group: 'billing' },
        { at: 1000, do: 'crashMember', group: 'billing', member: 'c1' },
        { at: 6000, do: 'pauseMember', group: 'billing', member: 'c3', ms: 20000 },
        { at: 7000, do: 'removeMember', group: 'billing', member: 'c2' },
      ]),
    );
    expect(s.script).toEqual([
      { at: 1000, do: 'crashMember', group: 'billing', member: 'c1' },
      { at: 5000, do: 'addMember', group: 'billing', member: 'c3' },
      { at: 6000, do: 'pauseMember', group: 'billing', member: 'c3', ms: 20000 },
      { at: 7000, do: 'removeMember', group: 'billing', member: 'c2' },
      { at: 9000, do: 'addMember', group: 'billing', member: 'c1' },
    ]);
  });

  it('keep a restarted static member its group.instance.id', () => {
    const s = parseScenario(withGroups([billing({ members: [{ 'group.instance.id': 'host-1' }] })], [
      { at: 1000, do: 'crashMember', group: 'billing', member: 'c1' },
      { at: 2000, do: 'addMember', group: 'billing', member: 'c1' },
    ]));
    expect(s.script[1]).toEqual({ at: 2000, do: 'addMember', group: 'billing', member: 'c1', 'group.instance.id': 'host-1' });
  });

  it('name unknown groups and members with suggestions', () => {
    expect(errorOf(withGroups([billing()], [{ at: 0, do: 'addMember', group: 'biling' }]))).toBe('script[0].group: no group "biling" (did you mean "billing"? groups: billing)');
    expect(errorOf({ ...base, script: [{ at: 0, do: 'addMember', group: 'billing' }] })).toBe('script[0].group: no group "billing" (the scenario has no groups)');
    expect(errorOf(withGroups([billing({ members: 2 })], [{ at: 0, do: 'crashMember', group: 'billing', member: 'c9' }]))).toBe(
      'script[0].member: no member "c9" in group "billing" (members: c1, c2)',
    );
    expect(errorOf(withGroups([billing()], [{ at: 0, do: 'addMember', group: 'billing', member: 'c1' }]))).toBe(
      'script[0].member: member "c1" of group "billing" is already running (remove or crash it first)',
    );
    expect(errorOf(withGroups([billing()], [{ at: 0, do: 'pauseMember', group: 'billing', member: 'c1' }]))).toBe('script[0].ms: required');
    expect(errorOf(withGroups([billing()], [{ at: 0, do: 'removeMember', group: 'billing', member: 'c1', ms: 5 }]))).toMatch(/^script\[0\]\.ms: unknown key/);
  });

  it('make member nodes known to cut and isolate', () => {
    const s = parseScenario(withGroups([billing()], [{ at: 0, do: 'isolate', node: 'billing/c1' }]));
    expect(s.script[0]).toEqual({ at: 0, do: 'isolate', node: 'billing/c1' });
    expect(errorOf(withGroups([billing()], [{ at: 0, do: 'isolate', node: 'billing/c2' }]))).toMatch(/^script\[0\]\.node: unknown node "billing\/c2" \(nodes: .*billing\/c1\)$/);
  });

  it('parse(parse(x)) equals parse(x) with groups and member actions', () => {
    const once = parseScenario(
      withGroups([billing({ members: [{ 'group.instance.id': 'h1' }, {}], 'partition.assignment.strategy': 'roundrobin', commit: 'sync-after-processing' })], [
        { at: 10, do: 'addMember', group: 'billing' },
        { at: 20, do: 'crashMember', group: 'billing', member: 'c1' },
        { at: 30, do: 'addMember', group: 'billing', member: 'c1' },
      ]),
    );
    expect(parseScenario(once)).toEqual(once);
    expect(parseScenario(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });
});
