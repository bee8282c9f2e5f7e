import { describe, expect, it } from 'vitest';
import { builtInScenarios, describeSettings, parseScenario } from '../engine';
import en from '../i18n/locales/en/app.json';
import enSettings from '../i18n/locales/en/settings.json';
import zh from '../i18n/locales/zh-CN/app.json';
import zhSettings from '../i18n/locales/zh-CN/settings.json';
import type { TimedCommand } from '../worker/protocol';
import { currentSettings, lastSetAt, parseDraft, setCommand, settingsSections } from './settingsModel';

const raw = { topics: [{ name: 't', 'retention.ms': 1000 }], producers: [{ id: 'p' }], script: [{ at: 100, do: 'set', config: { 'min.insync.replicas': 2 } }] };
const set = (time: number, command: object): TimedCommand => ({ time, command: command as TimedCommand['command'] });

describe('the settings panel model', () => {
  it('applies the script’s and the learner’s sets up to now, with acks "-1" read as all', () => {
    const scenario = parseScenario(raw);
    const commands = [set(200, { do: 'set', producer: 'p', config: { acks: '-1', 'linger.ms': 9 } })];
    expect(currentSettings(scenario, commands, 99).broker['min.insync.replicas']).toBe(1);
    const now = currentSettings(scenario, commands, 200);
    expect(now.broker['min.insync.replicas']).toBe(2);
    expect(now.producers[0]!.values).toMatchObject({ acks: 'all', 'linger.ms': 9 });
  });

  it("applies a group's set to its section (the members that start after it use it)", () => {
    const withGroup = { ...raw, groups: [{ 'group.id': 'g', topics: ['t'] }] };
    const now = currentSettings(parseScenario(withGroup), [set(50, { do: 'set', group: 'g', config: { 'enable.auto.commit': false } })], 60);
    expect(now.groups[0]!.values['enable.auto.commit']).toBe(false);
    expect(currentSettings(parseScenario(withGroup), [set(50, { do: 'set', group: 'g', config: { 'enable.auto.commit': false } })], 40).groups[0]!.values['enable.auto.commit']).toBe(true);
  });

  it("shows a topic's own override, else the broker's setting it falls back to", () => {
    const sections = settingsSections(currentSettings(parseScenario(raw), [], 0), describeSettings());
    const topic = sections.find((s) => s.kind === 'topic')!;
    expect(topic.settings.find((r) => r.description.name === 'retention.ms')).toMatchObject({ value: 1000, overridden: true });
    expect(topic.settings.find((r) => r.description.name === 'segment.bytes')).toMatchObject({ value: 1073741824, overridden: false });
  });

  it('reads what was typed as the engine expects it, and leaves nonsense for the engine to refuse', () => {
    expect(parseDraft({ kind: 'int', min: 1, max: null, never: true }, ' ')).toBeNull();
    expect(parseDraft({ kind: 'int', min: 1, max: null, never: true }, '5')).toBe(5);
    expect(parseDraft({ kind: 'int', min: 1, max: null, never: false }, 'five')).toBe('five');
    expect(parseDraft({ kind: 'boolean' }, 'false')).toBe(false);
    expect(setCommand({ kind: 'topic', target: 't' }, 'retention.ms', 5)).toEqual({ do: 'set', topic: 't', config: { 'retention.ms': 5 } });
    expect(setCommand({ kind: 'group', target: 'g' }, 'max.poll.records', 5)).toEqual({ do: 'set', group: 'g', config: { 'max.poll.records': 5 } });
    expect(setCommand({ kind: 'network', target: '' }, 'latency.ms', 5)).toBeNull();
  });

  it('changes only at a set, so the panel does not redraw on every frame', () => {
    expect(lastSetAt(raw, [], 50)).toBe(-1);
    expect(lastSetAt(raw, [set(300, { do: 'set', config: {} })], 250)).toBe(100);
    expect(lastSetAt(raw, [set(300, { do: 'set', config: {} })], 300)).toBe(300);
  });

  it('every setting has a meaning and every built-in scenario a title and summary, in both languages', () => {
    const catalogue = describeSettings();
    for (const [lang, settings] of [[en, enSettings], [zh, zhSettings]] as const) {
      for (const [kind, list] of Object.entries(catalogue)) {
        const meanings = (settings.settingMeaning as Record<string, Record<string, string>>)[kind]!;
        for (const d of list) expect([kind, d.name, Boolean(meanings[d.name])]).toEqual([kind, d.name, true]);
      }
      for (const s of builtInScenarios) {
        const entry = (lang.scenarios as Record<string, { title: string; summary: string } | undefined>)[s.id];
        expect([s.id, Boolean(entry?.title && entry.summary)]).toEqual([s.id, true]);
      }
    }
  });
});
