// A strip's cells are a few shapes, not an element each (src/view/stripCells.ts): the record under
// the pointer must still be the one a click rings and the tooltip describes.
import { expect, openScenario, test } from './fixtures';

test('a click on a log cell rings that record, and hovering a cell names its offset', async ({ page }) => {
  await openScenario(page, 'sandbox', '&t=5000');
  const leader = page.locator('svg.cluster-svg g.replica').filter({ has: page.locator('rect.badge') }).first();
  const empty = leader.locator('rect.empty');
  // The newest cell sits at the strip's right end (the window ends at the leader's log end).
  const at = await empty.evaluate((rect: SVGRectElement) => {
    const box = rect.getBoundingClientRect();
    return { x: box.right - 3, y: box.top + box.height / 2 };
  });
  await page.mouse.move(at.x, at.y);
  const title = leader.locator('g.cells > title');
  await expect(title).toHaveText(/^offset \d+ · key .+ · from p\d+ · leader epoch \d+/);
  const offset = Number(/^offset (\d+)/.exec((await title.textContent()) ?? '')![1]);
  await page.mouse.click(at.x, at.y);
  // The record under the pointer is the one ringed.
  const ring = leader.locator('g.cells > rect.highlight');
  await expect(ring).not.toHaveAttribute('display', 'none');
  const ringCentre = await ring.evaluate((r: SVGRectElement) => {
    const b = r.getBoundingClientRect();
    return b.left + b.width / 2;
  });
  expect(Math.abs(ringCentre - at.x)).toBeLessThan(20);
  // The tooltip at the same point still names the same offset.
  await page.mouse.move(at.x, at.y + 1);
  await expect(title).toHaveText(new RegExp(`^offset ${offset} `));
});
