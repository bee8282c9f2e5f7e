import { describe, expect, it } from 'vitest';
import en from './locales/en/app.json';
import zh from './locales/zh-CN/app.json';
import { pickLanguage } from './index';

/** Every key path of a catalogue, with i18next's plural suffixes folded ("x_one", "x_other" → "x"). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the message catalogues', () => {
  it('简体中文 has every message English has, and no others', () => {
    expect([...new Set(keys(zh))].sort()).toEqual([...new Set(keys(en))].sort());
  });

  it('picks the language from the link, then the saved choice, then the browser', () => {
    expect(pickLanguage('zh-CN', 'en', ['en-US'])).toBe('zh-CN');
    expect(pickLanguage(null, null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(null, 'en', ['zh-CN'])).toBe('en');
    expect(pickLanguage(null, null, ['fr'])).toBe('en');
  });
});
