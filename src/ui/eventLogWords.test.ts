/**
 * The event log's words are cached per event id within one window of the trace: every frame
 * brings the same events again as new objects. After a fork the same id can name another event.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine';
import { initI18n } from '../i18n';
import { wordsOf } from './eventLogWords';

const i18n = initI18n('en');
const crash = (broker: number) => ({ id: 41, t: 2000, type: 'BrokerCrashed', broker, powerLoss: false }) as unknown as TraceEvent;

describe('the event log\'s words of an event id', () => {
  // As the page has them: one translation function per language (react-i18next's getFixedT).
  const en = i18n.getFixedT('en');
  const zh = i18n.getFixedT('zh-CN');
  beforeAll(async () => {
    // Chinese is loaded when first chosen.
    await i18n.changeLanguage('zh-CN');
    await i18n.changeLanguage('en');
  });

  it('are reused for a copy of the same event in the same window, and made anew in the next window', () => {
    expect(wordsOf(crash(1), en, 3)).toBe('Broker 1 crashed');
    // The same id, time and type in the same window: a copy of the same event (never another one).
    expect(wordsOf({ ...crash(1) } as TraceEvent, en, 3)).toBe('Broker 1 crashed');
    // A fork made a new window in which id 41 is another broker's crash at the same moment.
    expect(wordsOf(crash(2), en, 4)).toBe('Broker 2 crashed');
  });

  it('follow the language', () => {
    expect(wordsOf(crash(2), zh, 4)).toBe('Broker 2 宕机');
    expect(wordsOf({ ...crash(2) } as TraceEvent, en, 4)).toBe('Broker 2 crashed');
  });
});
