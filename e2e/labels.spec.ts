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
