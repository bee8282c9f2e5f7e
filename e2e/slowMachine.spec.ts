import { expect, test } from './fixtures';

// A phone or an old laptop runs the page several times slower than this machine. The panels
// behind the tabs load their code when first opened; while the cluster plays, the page redraws
// every frame, and a panel shown through React's Suspense stayed on "Loading the settings…" for
// good on a 6× slower CPU (its retry render never finished between two frames' updates).
test('on a slow machine every tab opens while the cluster plays', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./?lang=en');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible({ timeout: 30_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  try {
    const tabs: [string, RegExp][] = [
      ['Settings', /Every setting of this scenario/],
      ['State machines', /Show the machine of/],
      ['Tables', /kafka-topics --describe/],
      ['Advanced', /Scenario JSON/],
      ['About', /Where this simulator simplifies Kafka/],
    ];
    for (const [tab, content] of tabs) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(page.getByRole('tabpanel'), `the ${tab} tab`).toContainText(content, { timeout: 30_000 });
    }
    // Still playing: the panels opened between the frames, not because the cluster stopped.
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined);
  }
});
