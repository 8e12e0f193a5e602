// On a tablet the two drawer buttons sit in a bar of their own, under the board and the plan;
// an open drawer has a visible Close button, and the other drawer's button is never on top of it.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { createWorkshop } from './helpers';
import { tabletDevice } from './phone-helpers';

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator): Promise<Box> => (await l.boundingBox())!;
/** The area two boxes share, in square pixels (0 when they do not touch). */
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** What a finger would touch at the middle of an element's box. */
async function touchedAt(page: Page, b: Box): Promise<string> {
  return page.evaluate(
    ([x, y]) => {
      const el = document.elementFromPoint(x!, y!);
      return el
        ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${el.closest('.menu') ? ' in menu' : ''}${el.closest('.side') ? ' in side' : ''}`
        : '';
    },
    [b.x + b.width / 2, b.y + b.height / 2],
  );
}

/** Waits until an element stops moving: two readings 120 ms apart that agree (at most 3 s). */
async function settled(l: Locator): Promise<void> {
  let before = await box(l);
  for (let i = 0; i < 25; i++) {
    await l.page().waitForTimeout(120);
    const now = await box(l);
    if (Math.abs(now.x - before.x) < 0.5 && Math.abs(now.y - before.y) < 0.5) return;
    before = now;
  }
  throw new Error('the drawer never came to rest');
}

test('on a tablet the drawer buttons sit in a bar under the plan, and an open drawer has its own Close button', async ({ browser }) => {
  const context = await browser.newContext(tabletDevice);
  const page = await context.newPage();
  await createWorkshop(page, 'Tablet drawers', { sample: true });
  const menuButton = page.getByRole('button', { name: 'Intervention menu', exact: true });
  const sideButton = page.getByRole('button', { name: 'Participants and details', exact: true });
  const plan = page.getByRole('table', { name: 'Plan' });
  await expect(plan.getByRole('row')).not.toHaveCount(0);

  // Below the board and the plan (the centre holds both), never over either: the plan's rows
  // scroll inside it, so nothing of them can be under the bar.
  const centreBox = await box(page.locator('main.centre'));
  const canvasBox = await box(page.locator('.react-flow'));
  for (const b of [menuButton, sideButton]) {
    const bb = await box(b);
    expect(bb.y).toBeGreaterThanOrEqual(centreBox.y + centreBox.height - 0.5);
    expect(overlap(bb, canvasBox)).toBe(0);
    expect(bb.y + bb.height).toBeLessThanOrEqual(tabletDevice.viewport.height);
    expect(await touchedAt(page, bb)).toMatch(/^button\.btn\.drawer-toggle/);
  }
  // The last row of the plan a person can scroll to ends above the bar.
  await plan.getByRole('row').last().scrollIntoViewIfNeeded();
  const lastRow = await box(plan.getByRole('row').last());
  expect(lastRow.y + lastRow.height).toBeLessThanOrEqual((await box(menuButton)).y);
  // Each at the edge its drawer comes from.
  expect((await box(menuButton)).x).toBeLessThan(tabletDevice.viewport.width / 2);
  expect((await box(sideButton)).x).toBeGreaterThan(tabletDevice.viewport.width / 2);

  for (const [opener, other, region, drawer, close] of [
    [menuButton, sideButton, 'Intervention menu', '.workspace > .menu', 'Close Intervention menu'],
    [sideButton, menuButton, 'Participants', '.workspace > .side', 'Close Participants and details'],
  ] as const) {
    await opener.tap();
    await expect(page.getByRole('region', { name: region })).toBeVisible();
    // The drawer slides in: measure it where it comes to rest.
    await settled(page.locator(drawer));
    const drawerBox = await box(page.locator(drawer));
    // The other drawer's button is not on top of the open drawer.
    expect(overlap(await box(other), drawerBox)).toBe(0);
    // A Close button a person can see, inside the drawer, that nothing covers.
    const closeButton = page.getByRole('button', { name: close });
    await expect(closeButton).toBeVisible();
    await expect(closeButton).toContainText('Close');
    const closeBox = await box(closeButton);
    expect(overlap(closeBox, drawerBox)).toBeCloseTo(closeBox.width * closeBox.height, 0);
    expect(closeBox.width).toBeGreaterThanOrEqual(44);
    expect(closeBox.height).toBeGreaterThanOrEqual(44);
    expect(await touchedAt(page, closeBox)).toMatch(/drawer-close|^span/);
    // Nothing in the drawer hides under it: the drawer's first words start below it.
    const heading = page.locator(drawer).getByRole('heading').first();
    expect((await box(heading)).y).toBeGreaterThanOrEqual(closeBox.y + closeBox.height - 1);
    if (region === 'Participants' && process.env.SLC_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/tablet-drawer.png' });
    await closeButton.tap();
    await expect(page.getByRole('region', { name: region })).toBeHidden();
    await expect(opener).toBeFocused();
  }
  await context.close();
});
