// Screenshots of the board for docs/screenshots (README links them): the worked example fitted at
// three laptop and desktop sizes and on a tablet. Run on purpose with SLC_SCREENSHOTS=1; the
// measurements that matter are asserted in board-reading.spec.ts, not here.
import { test, expect } from '@playwright/test';
import { createWorkshop, fitBoard } from './helpers';
import { tabletDevice } from './phone-helpers';

test.skip(!process.env.SLC_SCREENSHOTS, 'takes the README screenshots only when asked (SLC_SCREENSHOTS=1)');

for (const size of [
  { name: 'board-1440x900', viewport: { width: 1440, height: 900 } },
  { name: 'board-1920x1080', viewport: { width: 1920, height: 1080 } },
  { name: 'board-1280x800', viewport: { width: 1280, height: 800 } },
])
  test(`screenshot ${size.name}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: size.viewport });
    const page = await context.newPage();
    await createWorkshop(page, 'Riverside discharge workshop', { sample: true });
    await expect(page.locator('.react-flow__node-card')).toHaveCount(30);
    await fitBoard(page);
    await page.screenshot({ path: `docs/screenshots/${size.name}.png` });
    await context.close();
  });

test('screenshot board-tablet', async ({ browser }) => {
  const context = await browser.newContext(tabletDevice);
  const page = await context.newPage();
  await createWorkshop(page, 'Riverside discharge workshop', { sample: true });
  await expect(page.locator('.react-flow__node-card')).toHaveCount(30);
  await fitBoard(page);
  await page.screenshot({ path: 'docs/screenshots/board-tablet.png' });
  await context.close();
});
