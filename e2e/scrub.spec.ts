// Scrubbing (issue 9, "Time"): a drag back and forth sends a scrub per animation frame; the page
// ends at the last target with the right clock and the exact state there — the same ledger as a
// fresh open of `?scenario=ID&t=MS`.
import type { Page } from '@playwright/test';
import { expect, openScenario, test } from './fixtures';

const ID = 'acks1-leader-crash';
const LAST = 23_456;

/** Every ledger counter and the list of records with a bad fate, as the page shows them. */
async function ledger(page: Page) {
  const counters = await page.locator('[data-counter]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-counter')}=${e.textContent}`));
  const bad = await page.locator('.ledger').locator('ul.bad-records, p.muted').first().innerText();
  return { counters, bad };
}

/** Waits until the scrubber no longer waits for an exact state, and the clock shows `ms`. */
async function settledAt(page: Page, ms: number): Promise<void> {
  await expect(page.locator('.clock-time')).toHaveText(`cluster time ${(ms / 1000).toFixed(3)} s`, { timeout: 60_000 });
  await expect(page.getByRole('slider', { name: /Timeline/ })).not.toHaveAttribute('data-seeking', { timeout: 60_000 });
}

test('a fast drag back and forth ends at the last target, with the state a fresh open at that time shows', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await openScenario(page, ID, '&t=40000');
  await settledAt(page, 40_000);

  // A drag: one scrub per animation frame, back and forth across the run, ending at LAST.
  const targets = [38_000, 31_000, 24_000, 15_000, 8_000, 2_500, 9_000, 17_777, 29_000, 36_500, 39_999, 33_000, 27_250, 21_000, LAST];
  await page.evaluate(async (targets) => {
    const slider = document.querySelector<HTMLInputElement>('#scrubber')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    for (const t of targets) {
      setValue.call(slider, String(t));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }, targets);

  await settledAt(page, LAST);
  await expect(page.getByRole('slider', { name: /Timeline/ })).toHaveValue(String(LAST));
  await expect(page.locator('.timeline-preview')).toHaveCount(0);
  const scrubbed = await ledger(page);

  const fresh = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await openScenario(fresh, ID, `&t=${LAST}`);
  await settledAt(fresh, LAST);
  expect(scrubbed).toEqual(await ledger(fresh));
  await fresh.close();
});

test('while a scrub waits for its exact state, the clock shows the moment on screen, never the target', async ({ page }) => {
  await openScenario(page, ID, '&t=30000');
  await settledAt(page, 30_000);
  // Every clock the page shows during the scrub is a moment the worker had: at or before the target.
  const shown = await page.evaluate(async () => {
    const slider = document.querySelector<HTMLInputElement>('#scrubber')!;
    const clock = document.querySelector('.clock-time')!;
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(clock.textContent ?? ''));
    observer.observe(clock, { childList: true, characterData: true, subtree: true });
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider, '12345');
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    while (slider.hasAttribute('data-seeking') || !seen.length) await new Promise((resolve) => setTimeout(resolve, 20));
    observer.disconnect();
    return seen;
  });
  const times = shown.map((text) => Number(text.replace(/[^\d.]/g, '')));
  expect(times.every((t) => t <= 12.345)).toBe(true);
  expect(times[times.length - 1]).toBe(12.345);
});

test('while a scrub waits for its exact state, the ledger says its counts are provisional and for which moment', async ({ page }) => {
  await openScenario(page, ID, '&t=30000');
  await settledAt(page, 30_000);
  const notes = await page.evaluate(async () => {
    const slider = document.querySelector<HTMLInputElement>('#scrubber')!;
    const ledger = document.querySelector('.ledger')!;
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const note = ledger.querySelector('.ledger-provisional');
      if (note) seen.push(note.textContent ?? '');
    });
    observer.observe(ledger, { childList: true, characterData: true, subtree: true });
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider, '12345');
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    while (slider.hasAttribute('data-seeking') || !seen.length) await new Promise((resolve) => setTimeout(resolve, 20));
    observer.disconnect();
    return seen;
  });
  expect(notes.length).toBeGreaterThan(0);
  expect(notes[0]).toContain('12.345 s');
  // Once the exact state is there, the counters are the moment's own: no note.
  await settledAt(page, 12_345);
  await expect(page.locator('.ledger-provisional')).toHaveCount(0);
});
