import { expect, test, type Page } from '@playwright/test';

/** The number shown in the record counts table for `count` (e.g. "lostAcknowledged"). */
async function count(page: Page, name: string): Promise<number> {
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const text = await row.getByRole('cell').first().innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

async function runBuiltIn(page: Page, id: string) {
  await page.goto('/');
  await page.getByLabel('Scenario', { exact: true }).selectOption(id);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

test('acks=1 loses acknowledged records when the leader crashes', async ({ page }) => {
  await runBuiltIn(page, 'acks1-leader-crash');

  await expect(page.getByRole('heading', { name: /^Report: / })).toBeVisible();
  expect(await count(page, 'lostAcknowledged')).toBeGreaterThan(0);
  expect(await count(page, 'sent')).toBeGreaterThan(0);
  await expect(page.getByRole('row').filter({ hasText: 'data lost' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'orders-0', exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('bad input shows what is wrong and keeps the last report', async ({ page }) => {
  await runBuiltIn(page, 'acks1-leader-crash');
  const heading = page.getByRole('heading', { name: /^Report: / });
  await expect(heading).toBeVisible();
  const reportName = await heading.innerText();
  const lost = await count(page, 'lostAcknowledged');

  await page.getByText('Edit the scenario JSON').click();
  const editor = page.getByRole('textbox', { name: 'Scenario JSON' });
  const run = page.getByRole('button', { name: 'Run', exact: true });

  // Not JSON at all.
  await editor.fill('{ "name": "broken", ');
  await run.click();
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
  await expect(heading).toHaveText(reportName);
  expect(await count(page, 'lostAcknowledged')).toBe(lost);

  // Valid JSON, invalid scenario: crash a broker the cluster does not have.
  await page.getByRole('button', { name: 'Reset to the built-in scenario' }).click();
  const scenario = JSON.parse(await editor.inputValue());
  // At the time of the last action, so its index is the same before and after a stable sort by `at`.
  const last = Math.max(...scenario.script.map((a: { at: number }) => a.at));
  scenario.script.push({ at: last, do: 'crash', broker: 7 });
  await editor.fill(JSON.stringify(scenario, null, 2));
  await run.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`script[${scenario.script.length - 1}].broker`);
  await expect(alert).toContainText('7');
  await expect(heading).toHaveText(reportName);
  await expect(page.getByRole('rowheader', { name: 'orders-0', exact: true })).toBeVisible();

  // Back to the built-in scenario: it runs again and the alert goes away.
  await page.getByRole('button', { name: 'Reset to the built-in scenario' }).click();
  await run.click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await count(page, 'lostAcknowledged')).toBe(lost);
});

test('the producers table shows lingering batches beside one-record sync requests', async ({ page }) => {
  await runBuiltIn(page, 'batching-linger');
  const producers = page.getByRole('table', { name: 'Producers' });
  const recordsPerBatch = async (id: string) => {
    const row = producers.getByRole('row').filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });
    return Number(await row.getByRole('cell').nth(2).innerText());
  };
  expect(await recordsPerBatch('p-linger')).toBeGreaterThan(50);
  expect(await recordsPerBatch('p-sync')).toBe(1);
});

test('fire-and-forget failures are counted as unnoticed', async ({ page }) => {
  await runBuiltIn(page, 'fire-and-forget');
  const failed = await count(page, 'failed');
  expect(failed).toBeGreaterThan(0);
  expect(await count(page, 'failedUnnoticed')).toBe(failed);
});

test('two groups on one topic each process every record, and the groups table shows both stable', async ({ page }) => {
  await runBuiltIn(page, 'two-groups-pubsub');
  const sent = await count(page, 'sent');
  expect(sent).toBeGreaterThan(0);
  expect(await count(page, 'consumed')).toBe(2 * sent);
  expect(await count(page, 'skipped')).toBe(0);
  const groups = page.getByRole('table', { name: 'Consumer groups' });
  const rows = groups.getByRole('row').filter({ hasText: 'Stable' });
  await expect(rows).toHaveCount(2);
});
