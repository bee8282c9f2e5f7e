import { beforeAll, describe, expect, it } from 'vitest';
import { i18next, initI18n } from '../i18n';
import { numbersWrittenIn } from './viewText';

const direct = (key: string, vars?: Record<string, unknown>) => i18next.t(key, { ns: 'view', ...vars });

describe('the view’s words with numbers', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('read exactly as i18next writes them, in English and in 简体中文, plural forms included', async () => {
    const t = numbersWrittenIn(direct);
    const asked: [string, Record<string, unknown>][] = [
      ['view.replica.aria', { partition: 'orders-3', broker: 2, role: 'leader', isr: 'in sync', leo: 1234, hw: 1200 }],
      ['view.member.position', { member: 'c1', offset: 0 }],
      ['view.member.committed', { member: 'c2', offset: 98765 }],
      ['view.replica.badge', { epoch: 3 }],
      ['view.replica.more', { count: 1 }],
      ['view.replica.more', { count: 7 }],
    ];
    for (const language of ['en', 'zh-CN']) {
      await i18next.changeLanguage(language);
      for (const [key, vars] of asked) {
        expect(t(key, vars)).toBe(direct(key, vars));
        expect(t(key, vars)).not.toContain('\uE000');
      }
    }
    await i18next.changeLanguage('en');
  });

  it('looks a message up once for all its numbers', () => {
    const keys: string[] = [];
    const counting = (key: string, vars?: Record<string, unknown>) => {
      keys.push(`${key} ${JSON.stringify(vars)}`);
      return direct(key, vars);
    };
    const seen = new Map<string, string>();
    const remembered = (key: string, vars?: Record<string, unknown>) => {
      const id = `${key} ${JSON.stringify(vars)}`;
      if (!seen.has(id)) seen.set(id, counting(key, vars));
      return seen.get(id)!;
    };
    const t = numbersWrittenIn(remembered);
    for (let offset = 0; offset < 50; offset++) expect(t('view.member.position', { member: 'c1', offset })).toContain(String(offset));
    expect(keys).toHaveLength(1);
  });
});
