// axe-core finds no serious or critical problem in the after-the-workshop views: Follow-up (with
// a measure, outcomes and a chart), Save as template, and the Portfolio.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { card } from './helpers';
import { createWorkshopWith } from './after-helpers';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include('dialog[open]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

test('the Follow-up, Save as template and Portfolio dialogs', async ({ page }) => {
  test.setTimeout(120_000);
  await createWorkshopWith(page, { title: 'Accessible follow-up', sample: true });
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();

  await page.getByRole('button', { name: 'Follow-up' }).click();
  const item = page.getByRole('dialog', { name: 'Follow-up' }).getByRole('group', { name: 'Action Learning Sets', exact: true });
  await item.getByRole('button', { name: 'Add measure' }).click();
  await item.getByLabel('What is measured').fill('Sets still meeting');
  await item.getByLabel('Target').fill('4');
  await item.getByRole('button', { name: 'Add measure' }).click();
  for (const [date, value] of [
    ['2027-01-10', '6'],
    ['2027-04-10', '5'],
  ]) {
    await item.getByRole('button', { name: 'Record outcome' }).click();
    await item.getByLabel('Outcome date').fill(date!);
    await item.getByLabel('Value').fill(value!);
    await item.getByRole('button', { name: 'Save outcome' }).click();
  }
  await expect(item.getByRole('img', { name: /Sets still meeting: 2 outcomes/ })).toBeVisible();
  await item.getByRole('button', { name: 'Record outcome' }).click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('dialog', { name: 'Follow-up' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Save as template' }).click();
  await expect(page.getByRole('textbox', { name: 'Template name' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('dialog', { name: 'Save as template' }).getByRole('button', { name: 'Close' }).first().click();

  await page.goto('/');
  await page.getByRole('button', { name: 'Portfolio' }).click();
  await expect(page.getByRole('table', { name: 'Workshops' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
