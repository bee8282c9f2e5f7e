// The cluster view's layout as a learner sees it (issue 9, the screen, item 1): a lone partition
// uses a big screen's height, nine brokers stay readable beside two producers at 1280×720, and a
// phone shows the cluster without scrolling sideways. (Every grid size is checked as arithmetic in
// src/view/layout.test.ts; this checks what the browser draws.)
import type { Page } from '@playwright/test';
import { brokerInView, expect, test } from './fixtures';

/** Nine brokers, eight partitions, two producers and a group: the widest grid a lesson draws. */
const NINE = {
  name: 'nine brokers',
  description: 'Nine brokers, two producers, a group of three.',
  seed: 3,
  until: 60000,
  brokers: 9,
  broker: { 'min.insync.replicas': 2 },
  topics: [{ name: 'orders', partitions: 8, 'replication.factor': 3 }],
  producers: [
    { id: 'p1', acks: 'all' },
    { id: 'p2', acks: 'all' },
  ],
  groups: [{ 'group.id': 'billing', topics: ['orders'], members: 3, 'auto.offset.reset': 'earliest' }],
  script: [
    { at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 3000, every: 5, key: 'user-{i}' },
    { at: 0, do: 'produce', producer: 'p2', topic: 'orders', count: 3000, every: 7, key: 'k-{i}' },
  ],
};

async function openNine(page: Page, lang: string): Promise<void> {
  await page.addInitScript((text) => localStorage.setItem('kafka-playground.edits', JSON.stringify({ sandbox: text })), JSON.stringify(NINE, null, 2));
  await page.goto(`./?scenario=sandbox&t=3000&lang=${lang}`);
  await expect(page.locator('.transport button.big')).toBeEnabled({ timeout: 30_000 });
  await expect(brokerInView(page, 9)).toBeAttached();
}

/** Boxes (page px) of the drawn parts: the svg, broker headers, client headers, replica strips. */
async function boxes(page: Page) {
  // The view draws a resize over a frame or two: wait until every replica has its place.
  await expect.poll(() => page.locator('svg.cluster-svg g.replica').evaluateAll((gs) => gs.every((g) => g.getBoundingClientRect().width > 0))).toBe(true);
  return page.evaluate(() => {
    const svg = document.querySelector('svg.cluster-svg')!;
    const r = (e: Element) => {
      const b = e.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height, right: b.right, bottom: b.bottom };
    };
    const headers = (sel: string) => [...svg.querySelectorAll(sel)].map((g) => r(g.querySelector('rect.header')!));
    return {
      svg: r(svg),
      controller: r(svg.querySelector('.layer-controller rect.header')!),
      brokers: headers('g.broker'),
      producers: headers('g.producer'),
      groups: headers('g.group'),
      replicas: [...svg.querySelectorAll('g.replica')].map(r),
    };
  });
}

type Box = { x: number; y: number; right: number; bottom: number };
const meet = (a: Box, b: Box) => a.x < b.right - 1 && b.x < a.right - 1 && a.y < b.bottom - 1 && b.y < a.bottom - 1;

for (const lang of ['en', 'zh-CN']) {
  test(`one partition at 1920×1080 (${lang}): the cluster fills the view's height, not its top half`, async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`./?scenario=acks1-leader-crash&t=3000&lang=${lang}`);
    await expect(page.locator('.transport button.big')).toBeEnabled({ timeout: 30_000 });
    const b = await boxes(page);
    const top = b.controller.y - b.svg.y;
    const bottom = Math.max(...b.replicas.map((x) => x.bottom)) - b.svg.y;
    // The strips reach well into the lower half, and the empty space is shared above and below.
    expect(bottom / b.svg.height).toBeGreaterThan(0.65);
    expect(top / b.svg.height).toBeGreaterThan(0.08);
    // The strips are tall enough to read from the back of a room.
    expect(Math.min(...b.replicas.map((x) => x.height))).toBeGreaterThan(150);
  });

  test(`nine brokers beside two producers at 1280×720 (${lang}): readable columns, nothing overlapping`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openNine(page, lang);
    const b = await boxes(page);
    expect(b.brokers).toHaveLength(9);
    for (const h of b.brokers) expect(h.width).toBeGreaterThanOrEqual(44);
    const all = [b.controller, ...b.brokers, ...b.producers, ...b.groups];
    const overlapping = all.flatMap((a, i) => all.slice(i + 1).filter((c) => meet(a, c)).map((c) => `${JSON.stringify(a)} × ${JSON.stringify(c)}`));
    expect(overlapping).toEqual([]);
    // Every header lies inside the drawing.
    for (const h of all) expect(h.right).toBeLessThanOrEqual(b.svg.right + 1);
  });

  test(`on a phone (${lang}) the first cluster fits the width: no sideways scroll, page or panel`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`./?lang=${lang}`);
    await expect(brokerInView(page, 3)).toBeVisible();
    const b = await boxes(page);
    for (const h of [...b.brokers, ...b.producers, ...b.groups]) expect(h.right).toBeLessThanOrEqual(390);
    const scroll = await page.evaluate(() => {
      const area = document.querySelector('.view-area')!;
      return { page: document.documentElement.scrollWidth - window.innerWidth, panel: area.scrollWidth - area.clientWidth };
    });
    expect(scroll).toEqual({ page: 0, panel: 0 });
    await expect(page.locator('.view-scroll-cue')).toHaveCount(0);
  });
}

test('on a phone, nine brokers scroll inside the panel by design, and the panel says so', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openNine(page, 'en');
  const scroll = await page.evaluate(() => {
    const area = document.querySelector('.view-area')!;
    return { page: document.documentElement.scrollWidth - window.innerWidth, panel: area.scrollWidth - area.clientWidth };
  });
  expect(scroll.page).toBe(0);
  expect(scroll.panel).toBeGreaterThan(0);
  await page.locator('.view-area').scrollIntoViewIfNeeded();
  await expect(page.getByText('Scroll sideways for every broker →')).toBeInViewport();
  // Scrolled to its far end, the panel still shows the cue (it sticks to the panel's left edge).
  await page.locator('.view-area').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(page.getByText('Scroll sideways for every broker →')).toBeInViewport();
  // The client headers are laid out across the visible width: readable before any scrolling.
  const b = await boxes(page);
  for (const h of [...b.producers, ...b.groups]) expect(h.right).toBeLessThanOrEqual(390);
});
