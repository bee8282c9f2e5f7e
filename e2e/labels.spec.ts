// The replica strips' words (the leader badge, "out of ISR", HW / LEO) as the browser draws them,
// with its own fonts: none covers another, nor a strip's cells, on a busy grid of 5 brokers ×
// 12 partitions, at a projector's size and a big screen's. (The layout's arithmetic is checked
// for every grid in src/view/layout.test.ts; this checks the drawn text against it.)
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const GRID = {
  name: 'a busy grid',
  description: 'Five brokers, twelve partitions, two producers, a slow broker.',
  seed: 3,
  until: 60000,
  brokers: 5,
  broker: { 'min.insync.replicas': 2 },
  topics: [{ name: 'orders', partitions: 12, 'replication.factor': 3 }],
  producers: [
    { id: 'p1', acks: 'all' },
    { id: 'p2', acks: '1' },
  ],
  groups: [{ 'group.id': 'billing', topics: ['orders'], members: 3, 'auto.offset.reset': 'earliest' }],
  script: [
    { at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 3000, every: 5, key: 'user-{i}' },
    { at: 0, do: 'produce', producer: 'p2', topic: 'orders', count: 3000, every: 7, key: 'k-{i}' },
    { at: 3000, do: 'slow', broker: 2, 'latency.ms': 3000 },
  ],
};

/** Pairs of strip words that overlap, and words over a strip's cells (1 px of anti-aliasing allowed). */
async function collisions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.cluster-svg')!;
    type Box = { name: string; r: DOMRect; owner: Element };
    const words: Box[] = [];
    const cells: Box[] = [];
    for (const g of svg.querySelectorAll('g.replica')) {
      const owner = g;
      const where = g.getAttribute('aria-label') ?? '';
      // The band's words are the strip's texts outside its cells and marks.
      for (const t of g.querySelectorAll(':scope > g > text')) if (t.textContent) words.push({ name: `"${t.textContent}" (${where})`, r: t.getBoundingClientRect(), owner });
      const empty = g.querySelector('rect.empty');
      if (empty) cells.push({ name: `cells (${where})`, r: empty.getBoundingClientRect(), owner });
    }
    const meet = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) if (meet(words[i]!.r, words[j]!.r)) out.push(`${words[i]!.name} meets ${words[j]!.name}`);
      for (const c of cells) if (meet(words[i]!.r, c.r)) out.push(`${words[i]!.name} covers ${c.name}`);
    }
    return out;
  });
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`on 5 brokers × 12 partitions at ${width}×${height}, no strip's words cover another's or the cells`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.addInitScript((text) => localStorage.setItem('kafka-playground.edits', JSON.stringify({ sandbox: text })), JSON.stringify(GRID, null, 2));
    await page.goto('./?scenario=sandbox&t=6000&lang=en');
    await expect(page.locator('.clock-time')).toHaveText('cluster time 6.000 s', { timeout: 60_000 });
    await expect(page.locator('svg.cluster-svg g.replica')).toHaveCount(36);
    // Leaders and HW / LEO words are drawn (so the check below has something to check).
    await expect(page.locator('svg.cluster-svg .badge-text').first()).toBeVisible();
    await expect(page.locator('svg.cluster-svg g.replica text', { hasText: /HW/ }).first()).toBeAttached();
    expect(await collisions(page)).toEqual([]);
  });
}

test('a big screen draws the cluster bigger: larger text and taller strips at 1920×1080 than at 1280×720, rows filling the view', async ({ page }) => {
  const measure = async (width: number, height: number) => {
    await page.setViewportSize({ width, height });
    await page.goto('./?scenario=sandbox&t=3000');
    await expect(page.locator('.clock-time')).toHaveText('cluster time 3.000 s', { timeout: 60_000 });
    // The view redraws on resize: wait for the strips of this size.
    await page.waitForFunction((w) => Math.abs(document.querySelector('svg.cluster-svg')!.getBoundingClientRect().width - w) < w * 0.5, width * 0.7);
    return page.evaluate(() => {
      const svg = document.querySelector('svg.cluster-svg')!;
      const font = Number(svg.querySelector('g.broker text')!.getAttribute('font-size'));
      const strips = [...svg.querySelectorAll('g.replica rect.empty')].map((r) => r.getBoundingClientRect());
      const legendTop = Math.min(...[...svg.querySelectorAll('g.layer-legend *')].map((e) => e.getBoundingClientRect().top).filter((t) => t > 0));
      const lowest = Math.max(...strips.map((r) => r.bottom));
      return { font, strip: strips[0]!.height, gap: legendTop - lowest, view: svg.getBoundingClientRect().height };
    });
  };
  const small = await measure(1280, 720);
  const big = await measure(1920, 1080);
  expect(big.font).toBeGreaterThan(small.font * 1.3);
  expect(big.strip).toBeGreaterThan(small.strip * 1.5);
  // No empty lower third: under the last row, less than a fifth of the view is left before the legend.
  expect(big.gap).toBeLessThan(big.view / 5);
});

test('简体中文 on a tablet: the knobs keep their words whole and inside their boxes', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('./?scenario=sandbox&lang=zh-CN');
  await expect(page.getByRole('button', { name: /播放|暂停/ }).first()).toBeVisible({ timeout: 30_000 });
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    for (const box of document.querySelectorAll('fieldset.segmented')) {
      const b = box.getBoundingClientRect();
      for (const label of box.querySelectorAll('.segments label')) {
        const r = label.getBoundingClientRect();
        if (r.right > b.right + 1 || r.left < b.left - 1) out.push(`${label.textContent} leaves its box`);
        // One line for a word of up to five characters: a wrapped CJK word doubles the height.
        const lineHeight = parseFloat(getComputedStyle(label).lineHeight) || 20;
        const text = (label.textContent ?? '').replace('✓', '').trim();
        if (text.length <= 5 && r.height > lineHeight * 1.6 + 12) out.push(`${text} is broken over lines`);
      }
    }
    return out;
  });
  expect(problems).toEqual([]);
});
