import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine';
import { initI18n } from '../i18n';
import { NARRATED, ROUTINE, categoryOf, describeEvent } from './eventWords';
import { groupStateWord } from './format';

const i18n = initI18n('en');
const acked = (ids: number[]) => ({ t: 1, type: 'Acked', topic: 'orders', partition: 1, producer: 'p1', recordIds: ids, offset: 9 }) as TraceEvent;

describe('the event log in words', () => {
  it('reads as English sentences with the right plural', async () => {
    await i18n.changeLanguage('en');
    expect(describeEvent(acked([5]), i18n.t)).toBe('p1: 1 record acknowledged in orders-1 at offset 9');
    expect(describeEvent(acked([5, 6]), i18n.t)).toBe('p1: 2 records acknowledged in orders-1 from offset 9');
    expect(describeEvent({ t: 1, type: 'BrokerCrashed', broker: 2, powerLoss: true } as TraceEvent, i18n.t)).toBe('Broker 2 lost power');
    const appended = { t: 1, type: 'Appended', broker: 1, role: 'leader', topic: 'orders', partition: 0, baseOffset: 101, lastOffset: 101 } as unknown as TraceEvent;
    expect(describeEvent(appended, i18n.t)).toBe('b1 (leader) wrote offset 101 of orders-0');
    expect(describeEvent({ ...appended, lastOffset: 103 } as TraceEvent, i18n.t)).toBe('b1 (leader) wrote offsets 101–103 of orders-0');
  });

  it('names every broker of an ISR change as b-something, in both languages', async () => {
    const shrunk = { t: 1, type: 'IsrShrunk', topic: 'orders', partition: 0, leader: 1, removed: [2, 3], isr: [1], partitionEpoch: 1 } as TraceEvent;
    const expanded = { t: 1, type: 'IsrExpanded', topic: 'orders', partition: 0, leader: 1, added: [3], isr: [1, 3], partitionEpoch: 2 } as TraceEvent;
    await i18n.changeLanguage('en');
    expect(describeEvent(shrunk, i18n.t)).toBe('orders-0: b2, b3 dropped out of the in-sync replicas (ISR now b1)');
    expect(describeEvent(expanded, i18n.t)).toBe('orders-0: b3 caught up and rejoined the in-sync replicas (ISR now b1, b3)');
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent(shrunk, i18n.t)).toBe('orders-0：b2, b3 退出 ISR（同步副本集合），ISR 现为 b1');
  });

  it('reads as Chinese, and an event without a message falls back to its type', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent({ t: 1, type: 'BrokerCrashed', broker: 2, powerLoss: false } as TraceEvent, i18n.t)).toBe('Broker 2 宕机');
    expect(describeEvent({ t: 1, type: 'SomethingNew' } as unknown as TraceEvent, i18n.t)).toBe('SomethingNew');
  });

  it('a knob turned reads as the learner would type it, and the narrator says it (it said nothing before)', async () => {
    const changed = { t: 2000, type: 'SettingChanged', target: 'p1', config: { acks: 'all', 'linger.ms': 5 } } as unknown as TraceEvent;
    await i18n.changeLanguage('en');
    expect(describeEvent(changed, i18n.t)).toBe('Setting changed on p1: acks=all, linger.ms=5');
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent(changed, i18n.t)).toBe('p1 的设置已更改：acks=all, linger.ms=5');
    for (const type of ['SettingChanged', 'LinkSlowed', 'LeaderElectedUnclean', 'ConsumerPaused']) expect(NARRATED.has(type), type).toBe(true);
  });

  it('an election says where the new leader\'s log ended, when the trace lists the candidates', async () => {
    const elected = { t: 11001, type: 'LeaderElected', topic: 'orders', partition: 0, leader: 2, leaderEpoch: 1, isr: [2, 3], unclean: false, previousLeader: 1 } as TraceEvent;
    const candidates = [
      { broker: 1, logEndOffset: 300, leaderEpoch: 0, up: false },
      { broker: 2, logEndOffset: 101, leaderEpoch: 0, up: true },
    ];
    await i18n.changeLanguage('en');
    expect(describeEvent(elected, i18n.t)).toBe('orders-0: b2 elected leader, epoch 1');
    expect(describeEvent({ ...elected, candidates } as TraceEvent, i18n.t)).toBe('orders-0: b2 elected leader, epoch 1; its log end offset was 101');
    expect(describeEvent({ ...elected, candidates, unclean: true } as TraceEvent, i18n.t)).toBe('orders-0: b2 elected leader although it was out of sync (unclean), epoch 1; its log end offset was 101');
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent({ ...elected, candidates } as TraceEvent, i18n.t)).toBe('orders-0：b2 当选 leader，leader epoch 1；它的日志末端位移 (LEO) 为 101');
  });

  it('says why a message was lost, in both languages (the narrator speaks it)', async () => {
    const dropped = { t: 1, type: 'MessageDropped', messageId: 4, from: 'p1', to: 'b1', kind: 'Produce', reason: 'link-cut' } as TraceEvent;
    await i18n.changeLanguage('en');
    expect(describeEvent(dropped, i18n.t)).toBe('A Produce from p1 to b1 was lost (the link between them is cut)');
    expect(describeEvent({ ...dropped, reason: 'node-down' } as TraceEvent, i18n.t)).toBe('A Produce from p1 to b1 was lost (b1 is down)');
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent(dropped, i18n.t)).toBe('从 p1 到 b1 的 Produce 丢失了（两者之间的链路已断开）');
  });

  it('a message on the wire reads as words, not its type name, and is routine (hidden unless asked for)', async () => {
    const sent = { t: 1, type: 'MessageSent', messageId: 7, from: 'p1', to: 'b1', kind: 'Produce', sentAt: 1, deliverAt: 101, correlationId: 3 } as TraceEvent;
    const delivered = { t: 101, type: 'MessageDelivered', messageId: 7 } as TraceEvent;
    await i18n.changeLanguage('en');
    expect(describeEvent(sent, i18n.t)).toBe('p1 sent a Produce to b1');
    expect(describeEvent(delivered, i18n.t)).toBe('Message #7 reached its destination');
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent(sent, i18n.t)).toBe('p1 向 b1 发出 Produce');
    expect(describeEvent(delivered, i18n.t)).toBe('消息 #7 已送达');
    for (const e of [sent, delivered]) {
      expect(ROUTINE.has(e.type)).toBe(true);
      expect(categoryOf(e)).toBe('network');
    }
  });

  it("translates the simulator's word for a group without a coordinator, never Kafka's state names", async () => {
    await i18n.changeLanguage('zh-CN');
    expect(groupStateWord('Unavailable', i18n.t)).toBe('不可用');
    expect(groupStateWord('PreparingRebalance', i18n.t)).toBe('PreparingRebalance');
  });

  it('a record without an offset, a broken connection, a reordered and a skipped record read in words (stories use them)', async () => {
    const part = { topic: 'orders', partition: 0 };
    const sentAcks0 = { t: 1, type: 'Acked', ...part, producer: 'p1', recordIds: [4], offset: -1 } as TraceEvent;
    const duplicateUnknown = { ...sentAcks0, duplicate: true } as TraceEvent;
    const lost = { t: 9, type: 'RecordLost', ...part, recordId: 4, producer: 'p1', offset: -1 } as TraceEvent;
    const broken = { t: 5, type: 'ProduceErrored', ...part, producer: 'p1', broker: 1, recordIds: [4], error: 'NETWORK_EXCEPTION', willRetry: true } as TraceEvent;
    const reordered = { t: 7, type: 'RecordReordered', ...part, recordId: 12, producer: 'p1', offset: 40, after: 15 } as TraceEvent;
    const skipped = { t: 8, type: 'RecordSkipped', ...part, recordId: 3, group: 'billing', offset: 2, reason: 'deleted' } as TraceEvent;
    await i18n.changeLanguage('en');
    const en = [sentAcks0, duplicateUnknown, lost, broken, reordered, skipped].map((e) => describeEvent(e, i18n.t));
    expect(en).toEqual([
      'p1: 1 record counted as acknowledged once sent to orders-0 (acks=0: no answer, so no offset)',
      'p1: 1 record acknowledged as written before in orders-0 (DUPLICATE_SEQUENCE_NUMBER: at an offset it was not told)',
      "Record #4 (p1, orders-0) is lost: it counted as acknowledged, yet no leader's log holds it (the producer never learned its offset)",
      'p1: the connection to b1 broke before an answer for orders-0 (NETWORK_EXCEPTION)',
      'Record #12 (p1) sits in orders-0 at offset 40, after record #15, which its producer sent later',
      'Group billing skipped record #3 at offset 2 (retention deleted it before the group read it)',
    ]);
    for (const line of en) expect(line).not.toMatch(/offset -1|answered NETWORK_EXCEPTION|\(deleted\)/);
    await i18n.changeLanguage('zh-CN');
    const zh = [sentAcks0, lost, broken, reordered, skipped].map((e) => describeEvent(e, i18n.t));
    for (const line of zh) expect(line).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.join(' ')).not.toMatch(/偏移量 -1|deleted/);
  });

  it('a consumer sent back by a truncated log (KIP-320) reads as that, not as a reset by policy, in both languages', async () => {
    const reset = { t: 33645, type: 'OffsetReset', group: 'billing', member: 'c1', topic: 'orders', partition: 0, offset: 50, reason: 'truncation', policy: 'earliest' } as TraceEvent;
    await i18n.changeLanguage('en');
    expect(describeEvent(reset, i18n.t)).toBe("billing/c1 found orders-0 truncated below its position and went back to offset 50, where the new leader's log diverges (KIP-320)");
    expect(describeEvent({ ...reset, reason: 'out-of-range' } as TraceEvent, i18n.t)).toBe('billing/c1 reset orders-0 to offset 50 (earliest)');
    await i18n.changeLanguage('zh-CN');
    expect(describeEvent(reset, i18n.t)).toContain('KIP-320');
    expect(describeEvent(reset, i18n.t)).not.toContain('earliest');
  });
});
