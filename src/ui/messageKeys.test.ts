/**
 * Every message the panels ask for by a fixed id is in every language's catalogue: a missing one
 * shows its raw id on the page ("tabs.settingsLoading" did, in English and in Chinese, while the
 * settings loaded). Ids built at run time (`ledger.fate.${fate}`) are not checked here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import enApp from '../i18n/locales/en/app.json';
import enSettings from '../i18n/locales/en/settings.json';
import enView from '../i18n/locales/en/view.json';
import zhApp from '../i18n/locales/zh-CN/app.json';
import zhSettings from '../i18n/locales/zh-CN/settings.json';
import zhView from '../i18n/locales/zh-CN/view.json';

/** Every key path of a catalogue, i18next's plural suffixes folded ("x_one", "x_other" → "x"). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const here = dirname(fileURLToPath(import.meta.url));
/** `t('some.id'` with a fixed id, in every source file of the panels (tests left out). */
function fixedIds(): { file: string; id: string }[] {
  return readdirSync(here)
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
    .flatMap((file) => [...readFileSync(join(here, file), 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => ({ file, id: m[1]! })));
}

describe('the panels ask only for messages that exist', () => {
  const ids = fixedIds();
  it('finds the fixed ids it checks', () => {
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.some((x) => x.id === 'tabs.settingsLoading')).toBe(true);
  });
  for (const [lang, catalogues] of [
    ['en', [enApp, enView, enSettings]],
    ['zh-CN', [zhApp, zhView, zhSettings]],
  ] as const) {
    it(`${lang}: every fixed id is in the catalogue`, () => {
      const known = new Set(catalogues.flatMap((c) => keys(c)));
      expect(ids.filter((x) => !known.has(x.id)).map((x) => `${x.file}: ${x.id}`)).toEqual([]);
    });
  }
});
