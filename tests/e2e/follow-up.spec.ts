// Evaluation follow-up, as two people do it after the workshop: a measure is set up, both
// record an outcome against it at once, both see both, and the chart and exports agree.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { editLink, openAs, participant, card } from './helpers';
import { createWorkshopWith, exportAs } from './after-helpers';

const ITEM = 'Action Learning Sets';
const MEASURE = 'Median discharge delay (days)';

async function openFollowUp(page: Page) {
  await page.getByRole('button', { name: 'Follow-up' }).click();
  const dialog = page.getByRole('dialog', { name: 'Follow-up' });
  await expect(dialog).toBeVisible();
  return dialog;
}

function itemGroup(page: Page) {
  return page.getByRole('dialog', { name: 'Follow-up' }).getByRole('group', { name: ITEM, exact: true });
}

async function startOutcome(page: Page, date: string, value: string, note: string) {
  await itemGroup(page).getByRole('button', { name: 'Record outcome' }).click();
  const form = page.getByRole('form', { name: `Record outcome for ${ITEM}` });
  await form.getByLabel('Outcome date').fill(date);
  await form.getByLabel('Value').pressSequentially(value);
  await form.getByLabel('Evidence').pressSequentially(note);
  return form;
}

test('two people record outcomes for one measure; both see both, and the chart and exports agree', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await createWorkshopWith(page, { title: 'Riverside follow-up', sample: true });
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();
  const link = await editLink(page);

  // The facilitator sets up a measure to follow.
  await openFollowUp(page);
  await expect(page.getByRole('dialog', { name: 'Follow-up' })).toContainText('NHS Leadership Development Evaluation Framework');
  await itemGroup(page).getByRole('button', { name: 'Add measure' }).click();
  const mf = page.getByRole('form', { name: `New measure for ${ITEM}` });
  await mf.getByLabel('What is measured').pressSequentially(MEASURE);
  await mf.getByLabel('Baseline').fill('9');
  await mf.getByLabel('Target').fill('5');
  await mf.getByLabel('Review date').fill('2020-01-31');
  await mf.getByLabel('How it is measured').fill('Monthly audit of discharge records');
  await mf.getByRole('button', { name: 'Add measure' }).click();
  await expect(itemGroup(page).getByRole('heading', { name: MEASURE })).toBeVisible();
  // A review date in the past puts the item first, marked overdue.
  await expect(itemGroup(page)).toContainText('Review overdue');
  await expect(page.getByRole('dialog', { name: 'Follow-up' }).getByRole('group').first()).toHaveAccessibleName(ITEM);

  // A participant joins from the link and sees the measure arrive.
  const other = await openAs(browser, link, participant);
  await openFollowUp(other.page);
  await expect(itemGroup(other.page).getByRole('heading', { name: MEASURE })).toBeVisible();

  // Both fill in an outcome, then both save at nearly the same moment.
  const a = await startOutcome(page, '2027-02-01', '8', 'February audit');
  const b = await startOutcome(other.page, '2027-03-01', '6', 'March audit');
  await Promise.all([a.getByRole('button', { name: 'Save outcome' }).click(), b.getByRole('button', { name: 'Save outcome' }).click()]);

  for (const p of [page, other.page]) {
    const list = itemGroup(p).getByRole('list', { name: `Outcomes for ${MEASURE}` });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').nth(0)).toContainText('2027-02-01 8');
    await expect(list.getByRole('listitem').nth(0)).toContainText('Hannah Reid');
    await expect(list.getByRole('listitem').nth(1)).toContainText('2027-03-01 6');
    await expect(list.getByRole('listitem').nth(1)).toContainText('Grace Okafor');
    const chart = itemGroup(p).getByRole('img', { name: new RegExp(`^${MEASURE.replace(/[()]/g, '\\$&')}: 2 outcomes, latest 6 on 2027-03-01`) });
    await expect(chart).toBeVisible();
    await expect(chart.locator('circle.point')).toHaveCount(2);
  }
  const chart = itemGroup(other.page).getByRole('img', { name: new RegExp(`^${MEASURE.replace(/[()]/g, '\\$&')}`) });
  const points = await chart.locator('circle.point').evaluateAll((els) => els.map((e) => [e.getAttribute('data-date'), e.getAttribute('data-value')]));
  expect(points).toEqual([
    ['2027-02-01', '8'],
    ['2027-03-01', '6'],
  ]);
  await other.page.screenshot({ path: test.info().outputPath('follow-up.png') });

  // The follow-up sections of the exports say what the chart shows.
  await other.page.getByRole('dialog', { name: 'Follow-up' }).getByRole('button', { name: 'Close' }).click();
  const csv = readFileSync(await exportAs(other.page, 'CSV'), 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(csv).data;
  const at = parsed.findIndex((r) => r[0] === 'Intervention' && r.includes('Outcome date'));
  expect(at).toBeGreaterThan(8);
  const header = parsed[at]!;
  const rows = parsed.slice(at + 1).filter((r) => r.length === header.length);
  expect(
    rows.map((r) => [r[header.indexOf('Measure')], r[header.indexOf('Outcome date')], r[header.indexOf('Value')], r[header.indexOf('Recorded by')]]),
  ).toEqual([
    [MEASURE, '2027-02-01', '8', 'Hannah Reid'],
    [MEASURE, '2027-03-01', '6', 'Grace Okafor'],
  ]);
  const md = readFileSync(await exportAs(other.page, 'Markdown'), 'utf8');
  expect(md).toContain('## Follow-up');
  expect(md).toContain('| 2027-02-01 | 8 | February audit | Hannah Reid |');
  expect(md).toContain('| 2027-03-01 | 6 | March audit | Grace Okafor |');

  // Marking the item evaluated asks what was learned, typed live (the facilitator's view is still open).
  await itemGroup(page).getByRole('button', { name: 'Mark evaluated' }).click();
  await expect(itemGroup(page)).toContainText('Evaluated');
  await itemGroup(page).getByLabel('What was learned').pressSequentially('Sets work best with a named sponsor');
  await openFollowUp(other.page);
  await expect(itemGroup(other.page).getByLabel('What was learned')).toHaveValue('Sets work best with a named sponsor');
  await other.context.close();
});
