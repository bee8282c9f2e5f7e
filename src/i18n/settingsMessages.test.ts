import { describe, expect, it } from 'vitest';
import { settingsResources } from './settingsMessages';

/** Every key path of a catalogue, with i18next's plural suffixes folded. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("the settings panel's catalogue", () => {
  it('简体中文 has every message English has, and no others', () => {
    expect([...new Set(keys(settingsResources['zh-CN']))].sort()).toEqual([...new Set(keys(settingsResources.en))].sort());
  });
});
