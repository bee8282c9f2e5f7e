import { describe, expect, it } from 'vitest';
import { describeSettings } from './settingsCatalogue';
import { parseScenario } from './parse';

const byName = (kind: keyof ReturnType<typeof describeSettings>, name: string) => {
  const found = describeSettings()[kind].find((d) => d.name === name);
  if (!found) throw new Error(`no ${kind} setting ${name}`);
  return found;
};

describe('the settings catalogue', () => {
  it("gives Kafka's defaults and ranges, as the parser checks them", () => {
    expect(byName('broker', 'min.insync.replicas')).toMatchObject({ default: 1, allowed: { kind: 'int', min: 1, max: null }, live: true });
    expect(byName('producer', 'acks')).toMatchObject({ default: 'all', allowed: { kind: 'enum', values: ['0', '1', 'all'] } });
    expect(byName('producer', 'retries').allowed).toEqual({ kind: 'int', min: 0, max: 2147483647, never: false });
    expect(byName('group', 'auto.offset.reset')).toMatchObject({ default: 'latest', allowed: { kind: 'enum', values: ['latest', 'earliest', 'none'] }, live: true });
    expect(byName('group', 'partition.assignment.strategy').allowed).toEqual({ kind: 'list', values: ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] });
  });

  it('describes "never" settings: null is the default and means never', () => {
    expect(byName('broker', 'log.flush.interval.messages')).toMatchObject({ default: null, allowed: { kind: 'int', min: 1, never: true } });
    expect(byName('broker', 'log.flush.interval.ms').allowed).toMatchObject({ min: 0, never: true });
  });

  it('marks what a running cluster cannot change and what is the playground’s own', () => {
    expect(byName('broker', 'offsets.topic.num.partitions').live).toBe(false);
    expect(byName('producer', 'send')).toMatchObject({ playground: true, live: true });
    expect(byName('group', 'commit').playground).toBe(true);
    expect(byName('group', 'session.timeout.ms').playground).toBe(false);
  });

  it("gives a topic override the broker setting it overrides and that setting's default", () => {
    expect(byName('topic', 'retention.ms')).toMatchObject({ brokerSetting: 'log.retention.ms', default: 604800000 });
    expect(byName('topic', 'flush.messages')).toMatchObject({ brokerSetting: 'log.flush.interval.messages', default: null });
  });

  it('every default it lists is one the parser fills in', () => {
    const parsed = parseScenario({ topics: [{ name: 't' }], producers: [{ id: 'p' }], groups: [{ 'group.id': 'g', topics: ['t'] }] });
    for (const d of describeSettings().broker) expect([d.name, (parsed.broker as unknown as Record<string, unknown>)[d.name]]).toEqual([d.name, d.default]);
    for (const d of describeSettings().producer) expect([d.name, (parsed.producers[0] as unknown as Record<string, unknown>)[d.name]]).toEqual([d.name, d.default]);
    for (const d of describeSettings().group) expect([d.name, (parsed.groups?.[0] as unknown as Record<string, unknown>)[d.name]]).toEqual([d.name, d.default]);
  });
});
