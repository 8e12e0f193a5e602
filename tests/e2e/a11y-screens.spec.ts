// axe (WCAG 2.2 A and AA rules and best practices) finds nothing at all — not only nothing serious —
// on each screen a workshop goes through, at normal size and at 400% zoom. 400% of a 1280 px wide
// window is 320 CSS pixels across, which is how it is emulated here.
import { test, expect, type Page, type Browser } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop, editLink, joinAs, participant, planRow, openTab, expectConnected } from './helpers';

const sizes = [
  { name: 'normal size', width: 1280, height: 800 },
  { name: '400% zoom', width: 320, height: 200 },
] as const;

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
}

async function at(page: Page, size: (typeof sizes)[number], label: string) {
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.waitForTimeout(300);
  expect(await violations(page), `${label} at ${size.name}`).toEqual([]);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways, `${label} at ${size.name} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function joinPage(browser: Browser, link: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeVisible();
  return { context, page };
}

test('start screen, new workshop and join, at normal size and 400%', async ({ page, browser }) => {
  await page.goto('/');
  for (const size of sizes) await at(page, size, 'start screen');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'New workshop' }).click();
  for (const size of sizes) await at(page, size, 'new workshop form');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 800 });
  const url = await createWorkshop(page, 'Accessible screens', { sample: true });
  expect(url).toContain('#/w/');
  const link = await editLink(page);
  const guest = await joinPage(browser, link);
  for (const size of sizes) await at(guest.page, size, 'join');
  await guest.context.close();
});

test('board, plan item, facilitation panels, history and presentation, at normal size and 400%', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await createWorkshop(page, 'Accessible board', { sample: true });
  await expect(planRow(page, 'Action Learning Sets')).toHaveCount(1);
  for (const size of sizes) await at(page, size, 'board');
  await page.setViewportSize({ width: 1280, height: 800 });

  await planRow(page, 'Action Learning Sets').getByRole('button', { name: 'Action Learning Sets' }).click();
  await expect(page.getByRole('heading', { name: 'Action Learning Sets' })).toBeVisible();
  await at(page, sizes[0], 'plan item');

  // Facilitation: a vote open (dialog, then panel), the agenda and drafts tabs.
  await page.getByRole('button', { name: 'Start vote' }).click();
  await at(page, sizes[0], 'start vote dialog');
  await page.getByRole('button', { name: 'Open the vote' }).click();
  await expect(page.getByRole('region', { name: 'Dot vote' })).toBeVisible();
  await at(page, sizes[0], 'vote panel');
  await openTab(page, 'Outline');
  await page.getByRole('tab', { name: 'Agenda' }).click();
  await at(page, sizes[0], 'agenda');
  await page.getByRole('tab', { name: 'Drafts' }).click();
  await at(page, sizes[0], 'drafts');

  // A participant at 400% (the phone layout) during the vote.
  const other = await browser.newContext();
  const p = await other.newPage();
  await p.goto(await editLink(page));
  await joinAs(p, participant);
  await expectConnected(p);
  await at(p, sizes[1], 'participant during a vote');
  await other.close();

  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('dialog', { name: 'History' })).toBeVisible();
  for (const size of sizes) await at(page, size, 'history');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Present' }).click();
  await page.waitForTimeout(500);
  for (const size of sizes) await at(page, size, 'presentation');
});

test('tables: the overview, a participant’s “Your table” at 400%, and a table’s report-back with its presenter, at normal size and 400%', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await createWorkshop(page, 'Accessible tables', { sample: true });
  const link = await editLink(page);
  await page
    .locator('.board-bar')
    .getByRole('button', { name: /^Tables/ })
    .click();
  const tables = page.getByRole('dialog', { name: 'Tables' });
  for (const name of ['Bassetlaw', 'Mansfield']) {
    await tables.getByRole('textbox', { name: 'New table' }).fill(name);
    await tables.getByRole('button', { name: 'Add table' }).click();
    await expect(tables.getByRole('listitem', { name: `Table ${name}` })).toBeVisible();
  }
  await tables.getByRole('listitem', { name: 'Table Bassetlaw' }).getByRole('textbox', { name: 'Brief' }).fill('Discharge across the county line');
  await tables.getByRole('listitem', { name: 'Table Bassetlaw' }).getByRole('button', { name: 'Lock table' }).click();

  // Grace sits at Bassetlaw from her phone-sized window; her table is locked, and says so.
  const { context, page: p } = await joinPage(browser, link);
  await joinAs(p, participant);
  await expectConnected(p);
  await p.setViewportSize(sizes[1]);
  await p.getByRole('combobox', { name: 'Sit at' }).selectOption({ label: 'Bassetlaw' });
  await expect(p.getByRole('heading', { name: 'Your table: Bassetlaw' })).toBeVisible();
  await expect(p.getByRole('note').filter({ hasText: 'locked your table' })).toBeVisible();
  await at(p, sizes[1], '“Your table” on a phone-sized screen');

  await expect(tables.getByRole('listitem', { name: 'Table Bassetlaw' })).toContainText('Grace Okafor');
  for (const size of sizes) await at(page, size, 'tables overview');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Present' }).click();
  const slide = page.getByRole('dialog', { name: /^Presentation/ });
  await slide.getByRole('combobox', { name: 'Presented by' }).selectOption({ label: 'Grace Okafor' });
  await expect(slide).toContainText('Presented by Grace Okafor');
  for (const size of sizes) await at(page, size, 'a table’s report-back, handed to Grace');
  await context.close();
});
