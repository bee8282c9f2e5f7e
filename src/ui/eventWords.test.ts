import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine';
import { initI18n } from '../i18n';
import { describeEvent } from './eventWords';

const i18n = initI18n('en');
const acked = (ids: number[]) => ({ t: 1, type: 'Acked', topic: 'orders', partition: 1, producer: 'p1', recordIds: ids, offset: 9 }) as TraceEvent;

describe('the event log in words', () => {
  it('reads as English sentences with the right plural', async () => {
    await i18n.changeLanguage('en');
    expect(describeEvent(acked([5]), i18n.t)).toBe('p1: 1 record acknowledged in orders-1 at offset 9');
    expect(describeEvent(acked([5, 6]), i18n.t)).toBe('p1: 2 records acknowledged in orders-1 from offset 9');
    expect(describeEvent({ t: 1, type: 'BrokerCrashed', broker: 2, powerLoss: true } as TraceEvent, i18n.t)).toBe('Broker 2 lost power');
  });

  it('reads as Chinese, and an event without a message falls back to its type', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent({ t: 1, type: 'BrokerCrashed', broker: 2, powerLoss: false } as TraceEvent, i18n.t)).toBe('Broker 2 宕机');
    expect(describeEvent({ t: 1, type: 'SomethingNew' } as unknown as TraceEvent, i18n.t)).toBe('SomethingNew');
  });
});
