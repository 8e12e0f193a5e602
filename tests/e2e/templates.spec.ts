// Templates: a facilitator saves the parts of a workshop worth reusing, starts a new workshop
// from it (and someone else from the shared file), and finds those parts and nothing personal.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { card, planTable, board, openTab, openAs, facilitator } from './helpers';
import { createWorkshopWith } from './after-helpers';

const sample = JSON.parse(readFileSync('resources/sample-workshop.json', 'utf8')) as {
  participants: { name: string; organisation: string }[];
  planItems: { intervention: string; owner: string; partner: string; audience: string }[];
};
const TEMPLATE = 'Discharge workshop shape';

test('saves a workshop as a template and starts new workshops from it, without anything personal', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await createWorkshopWith(page, { title: 'Riverside original', sample: true });
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();
  await page.getByRole('tab', { name: 'Agenda' }).click();
  await page.getByRole('button', { name: 'Use the suggested agenda' }).click();
  const agenda = page.getByRole('region', { name: 'Agenda' });
  await expect(agenda.getByRole('listitem')).toHaveCount(5);

  // Keep agenda, cards and plan items; leave the notes out.
  await page.getByRole('button', { name: 'Save as template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as template' });
  await dialog.getByRole('textbox', { name: 'Template name' }).fill('');
  await dialog.getByRole('textbox', { name: 'Template name' }).pressSequentially(TEMPLATE);
  await expect(dialog.getByRole('checkbox', { name: 'Agenda', exact: true })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Start Anywhere cards' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Plan items', exact: true })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Notes on plan items/ })).not.toBeChecked();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save template' }).click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'slc-template-')), download.suggestedFilename());
  await download.saveAs(file);
  await expect(dialog.getByRole('status')).toContainText(`Saved "${TEMPLATE}"`);
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  // The file holds the chosen parts and nothing about the people.
  const raw = readFileSync(file, 'utf8');
  const t = JSON.parse(raw) as { name: string; agenda: unknown[]; cards: { text: string }[]; items: Record<string, unknown>[] };
  expect(t.name).toBe(TEMPLATE);
  expect(t.agenda).toHaveLength(5);
  expect(t.cards).toHaveLength(30);
  expect(t.items).toHaveLength(8);
  for (const p of sample.participants) {
    expect(raw).not.toContain(p.name);
    expect(raw).not.toContain(p.organisation);
  }
  for (const key of ['owner', 'votes', 'links', 'author', 'organisations', 'notes', 'audience']) expect(raw).not.toContain(`"${key}"`);

  // A new workshop from the template (kept in this browser).
  await createWorkshopWith(page, { title: 'Riverside second run', startFrom: TEMPLATE });
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();
  await expect(board(page).getByRole('group', { name: 'Ward managers and discharge coordinators', exact: true })).not.toContainText('Amira Haddad');
  await expect(planTable(page).getByRole('rowheader')).toHaveCount(8);
  for (const item of sample.planItems) {
    const row = planTable(page)
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: item.intervention }) });
    await expect(row).toHaveCount(1);
    await expect(row).not.toContainText(item.owner);
  }
  const boardText = await board(page).innerText();
  for (const p of sample.participants) expect(boardText).not.toContain(p.name);
  await page.getByRole('tab', { name: 'Agenda' }).click();
  await expect(page.getByRole('region', { name: 'Agenda' }).getByRole('listitem')).toHaveCount(5);
  // Notes were left out: the plan item has no audience.
  await planTable(page).getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
  await openTab(page, 'Details');
  await expect(page.getByRole('group', { name: 'Details of Action Learning Sets' }).getByLabel('Audience')).toHaveValue('');
  await page.screenshot({ path: test.info().outputPath('from-template.png') });

  // Someone else starts from the shared file in their own browser.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'New workshop' }).click();
  const startFrom = other.getByRole('combobox', { name: 'Start from' });
  await expect(startFrom.getByRole('option')).toHaveCount(3);
  await other.getByLabel('Or open a template file').setInputFiles(file);
  await expect(startFrom.getByRole('option', { name: TEMPLATE })).toHaveCount(1);
  await expect(startFrom.locator('option:checked')).toHaveText(TEMPLATE);
  // A file that is not a template is refused with a reason.
  await other.getByLabel('Or open a template file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
  await expect(other.getByRole('alert')).toContainText('not a workshop template');
  await context.close();
});

test('a workshop started from the worked example has it in any browser, even if its creator never joined', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New workshop' }).click();
  await page.getByRole('textbox', { name: 'Workshop title' }).fill('Started and left');
  await page.getByRole('combobox', { name: 'Start from' }).selectOption({ label: 'Worked example (30 cards, 8 interventions)' });
  await page.getByRole('button', { name: 'Create' }).click();
  // The creator leaves at the join dialog; the facilitator link is opened in another browser.
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeVisible();
  const link = page.url();
  await page.context().close();
  const elsewhere = await openAs(browser, link, facilitator);
  await expect(elsewhere.page.locator('.react-flow__node-card')).toHaveCount(30);
  await expect(planTable(elsewhere.page).getByRole('row')).toHaveCount(9);
  await expect(elsewhere.page.getByRole('heading', { level: 1, name: 'Started and left' })).toBeVisible();
  await elsewhere.context.close();
});
