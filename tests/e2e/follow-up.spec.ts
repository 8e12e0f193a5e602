// Evaluation follow-up, as two people do it after the workshop: a measure is set up, both
// record an outcome against it at once, both see both, and the chart and exports agree.
import { test, expect, type Page, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { editLink, openAs, participant, card, board } from './helpers';
import { createWorkshopWith, exportAs } from './after-helpers';

const ITEM = 'Action Learning Sets';
const MEASURE = 'Median discharge delay (days)';

/** Today as the date input takes it (local calendar, as the app counts reviews). */
function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
function msUntilMidnight(): number {
  const now = new Date();
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return midnight.getTime() - now.getTime();
}
/** A date as the app shows it: "30 November 2026". */
function readable(iso: string): string {
  return new Date(`${iso}T12:00:00`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

async function openFollowUp(page: Page) {
  await page.getByRole('button', { name: 'Follow-up' }).click();
  const dialog = page.getByRole('dialog', { name: 'Follow-up' });
  await expect(dialog).toBeVisible();
  return dialog;
}

function itemGroup(page: Page) {
  return page.getByRole('dialog', { name: 'Follow-up' }).getByRole('group', { name: ITEM, exact: true });
}

async function addMeasure(page: Page, reviewDate: string) {
  await itemGroup(page).getByRole('button', { name: 'Add measure' }).click();
  const mf = page.getByRole('form', { name: `New measure for ${ITEM}` });
  await mf.getByLabel('What is measured').pressSequentially(MEASURE);
  await mf.getByLabel('Baseline').fill('9');
  await mf.getByLabel('Target').fill('5');
  await mf.getByLabel('Review date').fill(reviewDate);
  await mf.getByLabel('How it is measured').fill('Monthly audit of discharge records');
  await mf.getByRole('button', { name: 'Add measure' }).click();
  await expect(itemGroup(page).getByRole('heading', { name: MEASURE })).toBeVisible();
}

/** The worked example, opened by the facilitator and, from its edit link, by a participant. */
async function withParticipant(page: Page, browser: Browser, title: string) {
  await createWorkshopWith(page, { title, sample: true });
  return openAs(browser, await editLink(page), participant);
}

async function closeFollowUp(page: Page) {
  await page.getByRole('dialog', { name: 'Follow-up' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog', { name: 'Follow-up' })).toHaveCount(0);
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
    await expect(list.getByRole('listitem').nth(0)).toContainText('1 February 2027 8');
    await expect(list.getByRole('listitem').nth(0)).toContainText('Hannah Reid');
    await expect(list.getByRole('listitem').nth(1)).toContainText('1 March 2027 6');
    await expect(list.getByRole('listitem').nth(1)).toContainText('Grace Okafor');
    const chart = itemGroup(p).getByRole('img', { name: new RegExp(`^${MEASURE.replace(/[()]/g, '\\$&')}: 2 outcomes, latest 6 on 1 March 2027`) });
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

test('someone with Follow-up open sees the first measure of an item arrive, with a review due today', async ({ page, browser }) => {
  // "Today" must stay today for the whole test: started just before midnight, it waits for the
  // new day rather than asserting across the change of date.
  const untilMidnight = msUntilMidnight();
  const wait = untilMidnight < 240_000 ? untilMidnight + 2_000 : 0;
  test.setTimeout(180_000 + wait);
  if (wait > 0) await page.waitForTimeout(wait);
  const other = await withParticipant(page, browser, 'Riverside first measure');

  // The participant is already looking at Follow-up: the item has no measure yet.
  await openFollowUp(other.page);
  await expect(itemGroup(other.page).getByRole('button', { name: 'Add measure' })).toBeVisible();
  await expect(itemGroup(other.page).getByRole('heading', { level: 4 })).toHaveCount(0);
  await expect(itemGroup(other.page).getByRole('button', { name: 'Record outcome' })).toHaveCount(0);

  // The facilitator adds the item's first measure, due for review today.
  const today = isoToday();
  await openFollowUp(page);
  await addMeasure(page, today);

  // It appears on the participant's open view without reopening or reloading.
  for (const p of [other.page, page]) {
    await expect(itemGroup(p).getByRole('heading', { name: MEASURE, level: 4 })).toBeVisible();
    await expect(itemGroup(p).getByRole('button', { name: 'Record outcome' })).toBeVisible();
    await expect(itemGroup(p)).toContainText('Review due today');
    await expect(itemGroup(p)).not.toContainText('Review due soon');
    await expect(itemGroup(p)).toContainText(`review ${readable(today)}`);
    await expect(itemGroup(p)).not.toContainText(today);
  }
  // A review due today counts among those due in the summary.
  await expect(other.page.getByRole('dialog', { name: 'Follow-up' }).getByRole('status')).toHaveText('1 intervention has a review due or overdue.');

  // Changes made while the participant's Follow-up is closed are there when they reopen it.
  await closeFollowUp(other.page);
  const form = await startOutcome(page, '2027-02-01', '8', 'February audit');
  await form.getByRole('button', { name: 'Save outcome' }).click();
  await expect(
    itemGroup(page)
      .getByRole('list', { name: `Outcomes for ${MEASURE}` })
      .getByRole('listitem'),
  ).toHaveCount(1);
  await openFollowUp(other.page);
  const list = itemGroup(other.page).getByRole('list', { name: `Outcomes for ${MEASURE}` });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('1 February 2027 8 · February audit (Hannah Reid)');
  await other.context.close();
});

test('Undo and Redo on the board take back an outcome and bring it back, on both screens', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const other = await withParticipant(page, browser, 'Riverside undo outcome');
  await openFollowUp(other.page);

  await openFollowUp(page);
  await addMeasure(page, '2027-06-30');
  for (const [date, value, note] of [
    ['2027-02-01', '8', 'February audit'],
    ['2027-03-01', '6', 'March audit'],
  ] as const) {
    const form = await startOutcome(page, date, value, note);
    await form.getByRole('button', { name: 'Save outcome' }).click();
  }
  const outcomes = (p: Page) =>
    itemGroup(p)
      .getByRole('list', { name: `Outcomes for ${MEASURE}` })
      .getByRole('listitem');
  const chart = (p: Page) => itemGroup(p).getByRole('img', { name: new RegExp(`^${MEASURE.replace(/[()]/g, '\\$&')}:`) });
  for (const p of [page, other.page]) await expect(outcomes(p)).toHaveCount(2);

  // The facilitator closes Follow-up, clicks the empty board and presses Ctrl+Z.
  await closeFollowUp(page);
  await board(page).click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('Control+z');
  // The participant's open view drops the March outcome at once...
  await expect(outcomes(other.page)).toHaveCount(1);
  await expect(outcomes(other.page).first()).toContainText('1 February 2027 8');
  // ...and the facilitator's own Follow-up, reopened, agrees (the measure itself stays).
  await openFollowUp(page);
  await expect(outcomes(page)).toHaveCount(1);
  await expect(outcomes(page).first()).toContainText('1 February 2027 8');
  await expect(chart(page)).toHaveAccessibleName(`${MEASURE}: 1 outcome, latest 8 on 1 February 2027, target 5`);
  await expect(chart(page).locator('circle.point')).toHaveCount(1);

  // Ctrl+Shift+Z on the board brings it back on both screens.
  await closeFollowUp(page);
  await board(page).click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('Control+Shift+z');
  await expect(outcomes(other.page)).toHaveCount(2);
  await expect(outcomes(other.page).nth(1)).toContainText('1 March 2027 6');
  await openFollowUp(page);
  await expect(outcomes(page)).toHaveCount(2);
  await expect(chart(page)).toHaveAccessibleName(`${MEASURE}: 2 outcomes, latest 6 on 1 March 2027, target 5`);
  await expect(chart(page).locator('circle.point')).toHaveCount(2);

  // Each outcome's remove button says which outcome it removes and sits on that outcome's row.
  const row = outcomes(page).nth(1);
  const remove = row.getByRole('button', { name: `Remove outcome 6 on 1 March 2027 for ${MEASURE}` });
  await expect(remove).toBeVisible();
  const [rowBox, dateBox, buttonBox] = await Promise.all([row.boundingBox(), row.locator('strong').boundingBox(), remove.boundingBox()]);
  expect(buttonBox!.y).toBeLessThan(dateBox!.y + dateBox!.height);
  expect(buttonBox!.y + buttonBox!.height).toBeGreaterThan(dateBox!.y);
  expect(buttonBox!.x + buttonBox!.width).toBeLessThanOrEqual(rowBox!.x + rowBox!.width + 1);
  await itemGroup(page).scrollIntoViewIfNeeded();
  await page.getByRole('dialog', { name: 'Follow-up' }).screenshot({ path: test.info().outputPath('follow-up-undo.png') });

  // Removing it by that button removes it for the participant too.
  await remove.click();
  await expect(outcomes(other.page)).toHaveCount(1);
  await other.context.close();
});
