// axe-core finds no serious or critical problem on the start screen, the new-workshop form, and
// the board with the worked example on it (cards, plan items, links, a selection, each side tab).
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop, card, openTab, planRow } from './helpers';

async function seriousViolations(page: Page, within?: string) {
  let builder = new AxeBuilder({ page });
  if (within) builder = builder.include(within);
  const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

test('the start screen and the new workshop form', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New workshop' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'New workshop' }).click();
  await expect(page.getByRole('textbox', { name: 'Workshop title' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the board with the worked example', async ({ page }) => {
  await createWorkshop(page, 'Accessible board', { sample: true });
  await expect(planRow(page, 'Action Learning Sets')).toHaveCount(1);
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // A selected card shows its details, tag picker and links.
  await card(page, 'Ward managers and discharge coordinators').click();
  await expect(page.getByRole('group', { name: /Roles and behaviours/ })).toBeVisible();
  expect(await seriousViolations(page, '.side')).toEqual([]);

  // A selected plan item, and the other side tabs.
  await planRow(page, 'Action Learning Sets').getByRole('button', { name: 'Action Learning Sets' }).click();
  await expect(page.getByRole('heading', { name: 'Action Learning Sets' })).toBeVisible();
  expect(await seriousViolations(page, '.centre')).toEqual([]);
  // The rest of the page has been checked; only the side panel changes from here.
  await openTab(page, 'Framework');
  await page.getByRole('tabpanel', { name: 'Framework' }).getByText('Relationships and Connectivity', { exact: true }).click();
  expect(await seriousViolations(page, '.side')).toEqual([]);
  await openTab(page, 'Outline');
  expect(await seriousViolations(page, '.side')).toEqual([]);
});
