// bench/ui.ts, BENCH_ONLY=longtasks: ui.longtasks, ui.longtasks.ms and ui.longtasks.cpu.
import type { Browser } from '@playwright/test';
import { cpuLongTasks, done, emit, instrumentedPage, ready, setSpeed, waitForClock } from './page';

export async function longtasks(browser: Browser, url: string): Promise<void> {
  const page = await instrumentedPage(browser);
  await page.goto(`${url}?scenario=two-groups-pubsub&lang=en`);
  await ready(page);
  await page.evaluate(() => ((window as unknown as Record<string, number[]>).__longtasks = []));
  await setSpeed(page, 1);
  const { tasks: cpuTasks } = await cpuLongTasks(browser, async () => {
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(3_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Crash broker 1' }).click();
    await page.getByRole('slider', { name: /Timeline/ }).fill('2000');
    await waitForClock(page, 2000);
    // The crash recorded at 3 s lies ahead: crashing broker 2 now forks the timeline.
    await page.locator(`svg.cluster-svg [data-target='${JSON.stringify({ kind: 'broker', broker: 2 })}']`).first().click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Crash broker 2' }).click();
    await page.getByRole('status').filter({ hasText: 'You acted in the past' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Scenario', { exact: true }).selectOption('acks1-leader-crash');
    await waitForClock(page, 0);
    await ready(page);
    await page.waitForTimeout(500);
  });
  const tasks = await page.evaluate(() => (window as unknown as Record<string, number[]>).__longtasks!);
  emit('ui.longtasks', tasks.length, 'tasks');
  emit('ui.longtasks.ms', tasks.reduce((a, b) => a + b, 0), 'ms');
  emit('ui.longtasks.cpu', cpuTasks.length, 'tasks');
  console.error(`(ui.longtasks.cpu: ${cpuTasks.map((t) => t.toFixed(0)).join(', ') || 'none'} ms of CPU)`);
  await done(page);
}
