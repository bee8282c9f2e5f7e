import { expect, test } from './fixtures';

// The machines panel's diagram as the browser draws it, in the page's own font: every label's
// text inside its box and every state's title and rows inside the state, for all five machines, in
// English and in Chinese. (Where the lines run is checked exactly by src/diagram/layoutRoute.test.ts.)
const ENTITIES = ['broker:1', 'registration:1', 'partition:orders-0', 'group:billing', 'member:billing/c1'];

for (const lang of ['en', 'zh-CN']) {
  test(`${lang}: every machine's text stays inside its boxes`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`./?scenario=two-groups-pubsub&t=5000&lang=${lang}`);
    await expect(page.getByRole('button', { name: lang === 'en' ? 'Play' : '播放', exact: true })).toBeEnabled({ timeout: 30_000 });
    await page.getByRole('tab', { name: lang === 'en' ? 'State machines' : '状态机' }).click();
    const picker = page.locator('.machines select');
    for (const entity of ENTITIES) {
      await picker.selectOption(entity);
      const svg = page.locator('svg.machine-svg');
      await expect(svg.locator('.md-state').first()).toBeVisible();
      const spills = await svg.evaluate((el) => {
        const out: string[] = [];
        const inside = (inner: DOMRect, outer: DOMRect, what: string) => {
          if (inner.x < outer.x - 0.5 || inner.x + inner.width > outer.x + outer.width + 0.5) out.push(what);
        };
        for (const g of el.querySelectorAll('.md-edge')) {
          const box = (g.querySelector('.md-label') as SVGGraphicsElement).getBBox();
          for (const t of g.querySelectorAll<SVGTextElement>('.md-label-text')) inside(t.getBBox(), box, `label text "${t.textContent}"`);
        }
        for (const g of el.querySelectorAll('.md-state')) {
          const box = (g.querySelector('.md-box') as SVGGraphicsElement).getBBox();
          for (const t of g.querySelectorAll<SVGTextElement>('.md-title, .md-row')) inside(t.getBBox(), box, `state text "${t.textContent}"`);
        }
        return out;
      });
      expect(spills, entity).toEqual([]);
    }
  });
}
