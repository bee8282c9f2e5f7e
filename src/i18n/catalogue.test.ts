import { describe, expect, it } from 'vitest';
import en from './locales/en/app.json';
import zh from './locales/zh-CN/app.json';
import { pickLanguage } from './index';
import { builtInScenarios, simplifications } from '../engine';

/** The simulator's notes are English in the engine; only other languages carry them (by note id). */
const ENGINE_NOTES = 'simplificationText.';

/** Every key path of a catalogue, with i18next's plural suffixes folded ("x_one", "x_other" → "x"). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the message catalogues', () => {
  it('简体中文 has every message English has, and no others', () => {
    const ours = (catalogue: unknown) => [...new Set(keys(catalogue))].filter((k) => !k.startsWith(ENGINE_NOTES)).sort();
    expect(ours(zh)).toEqual(ours(en));
  });

  it("简体中文 has every one of the engine's notes on where it simplifies Kafka, and no stale ones", () => {
    const translated = Object.keys(zh.simplificationText).sort();
    expect(translated, 'add the missing ids under simplificationText in zh-CN/app.json').toEqual(simplifications.map((s) => s.id).sort());
  });

  it('every built-in scenario has a title, a paragraph and a line on what to watch, in every language', () => {
    for (const [lang, catalogue] of [['en', en], ['zh-CN', zh]] as const) {
      const scenarios = catalogue.scenarios as Record<string, { title?: string; summary?: string; watch?: string }>;
      for (const { id } of builtInScenarios) {
        for (const part of ['title', 'summary', 'watch'] as const) expect(scenarios[id]?.[part]?.trim(), `${lang}: scenarios.${id}.${part}`).toBeTruthy();
      }
    }
  });

  it('picks the language from the link, then the saved choice, then the browser', () => {
    expect(pickLanguage('zh-CN', 'en', ['en-US'])).toBe('zh-CN');
    expect(pickLanguage(null, null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(null, 'en', ['zh-CN'])).toBe('en');
    expect(pickLanguage(null, null, ['fr'])).toBe('en');
  });
});
