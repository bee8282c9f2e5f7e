/**
 * The producer and group headers show their whole text (nothing cut to "…") in English and
 * 简体中文, at every svg width the app gives the view (640 px is its smallest, on a phone) and
 * with 1–9 brokers × 1–24 partitions: the side panels are sized for their longest lines.
 */
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/view.json';
import zh from '../i18n/locales/zh-CN/view.json';
import { fitShrink, headerLine2 } from './cluster';
import { computeLayout, type Layout } from './layout';

type Catalogue = typeof en;
const fill = (template: string, vars: Record<string, string | number>): string => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));

/** The longest lines a header shows (the widest values: 99 in flight, a full buffer, generation 99). */
function lines(c: Catalogue) {
  const v = c.view;
  return {
    producer: [fill(v.producer.name, { id: 'p-linger' }), fill(v.producer.status, { inFlight: 99, buffer: 100 })],
    group: [fill(v.group.name, { id: 'billing' }), fill(v.group.coordinator, { generation: 99, broker: 9 }), v.group.noCoordinator],
  };
}

function build(width: number, height: number, brokers: number, partitions: number, producers: number, groups: number): Layout {
  return computeLayout({
    width,
    height,
    brokers: Array.from({ length: brokers }, (_, i) => i + 1),
    partitions: Array.from({ length: partitions }, (_, i) => ({ topic: 'orders', partition: i })),
    producers: Array.from({ length: producers }, (_, i) => `p${i + 1}`),
    groups: Array.from({ length: groups }, (_, i) => ({ id: `g${i}`, members: ['c1', 'c2'] })),
  });
}

// The svg's sizes at 390×844 (the phone's panel, and a wider svg that scrolls in it), 768×1024,
// 1280×720 and 1920×1080.
const SIZES = [
  [372, 420],
  [640, 350],
  [750, 270],
  [880, 350],
  [1520, 710],
] as const;

describe('header text', () => {
  for (const [lang, catalogue] of [
    ['en', en],
    ['zh-CN', zh as unknown as Catalogue],
  ] as const) {
    it(`fits whole in ${lang} at every size, 1–9 brokers × 1–24 partitions, 1–2 producers, 1–2 groups`, () => {
      const text = lines(catalogue);
      const cut: string[] = [];
      for (const [w, h] of SIZES)
        for (let b = 1; b <= 9; b++)
          for (const p of [1, 6, 12, 24])
            for (const [producers, groups] of [
              [1, 1],
              [1, 2],
              [2, 0],
            ] as const) {
              const l = build(w, h, b, p, producers, groups);
              const where = `${w}×${h}, ${b} brokers, ${p} partitions, ${producers} producers, ${groups} groups`;
              for (const pr of l.producers) for (const [i, s] of text.producer.entries()) if (!fitShrink(s, pr.header.width - 16, i === 0 ? l.font : l.small, i === 0).full) cut.push(`${where}: "${s}"`);
              for (const g of l.groups) {
                for (const [i, s] of text.group.entries()) if (!fitShrink(s, g.header.width - 12, i === 0 ? l.font : l.small, i === 0).full) cut.push(`${where}: "${s}"`);
                // The state after its four pips (drawGroupState): Kafka's longest name, in bold while not Stable.
                const r = Math.max(2.5, l.small * 0.3);
                if (!fitShrink('CompletingRebalance', g.header.width - 12 - 4 * r * 2.6 - r * 0.5, l.small, true).full) cut.push(`${where}: state`);
              }
              expect(l.grid.width / b, `${where}: columns`).toBeGreaterThan(15);
            }
      expect(cut.slice(0, 5)).toEqual([]);
    });
  }
});

describe("a broker header's second line", () => {
  it('shows the whole line when it fits, and never a stub like "lea…" in a narrow column', () => {
    expect(headerLine2('leads 2', '', false, 200, 12)).toBe('leads 2');
    expect(headerLine2('leads 2', '', false, 28, 12)).toBe('');
    expect(headerLine2('✕ crashed', '✕ ', true, 28, 12)).toBe('✕');
    expect(headerLine2('slow: 3000 ms links', '', true, 28, 12)).toBe('⚠');
  });
});
