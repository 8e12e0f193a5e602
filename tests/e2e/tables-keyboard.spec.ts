// The tables journey with the keyboard alone: no mouse, no click(), no fill(). The facilitator
// sets up two tables, mixes the room, locks and unlocks one, answers a table's call, brings one
// table to their view and another's work into the room's plan, fills a gap, and hands the
// report-back's clicker to a person at the table, who steps through it. Two participants in
// real browsers (one by keyboard too) and four more people as stock clients.
import { test, expect } from '@playwright/test';
import { KeyboardPerson, answerJoin, addCardByKeyboard } from './keyboard-support';
import { stockPerson, shownTable } from './table-helpers';
import { card, createWorkshop, editLink, openAs, planTable, type Person } from './helpers';

const crowd: Person[] = [
  { name: 'Ada Stone', organisation: 'Northern Trust', organisationType: 'NHS trust' },
  { name: 'Fay Lund', organisation: 'Riverside ICB', organisationType: 'ICB' },
  { name: 'Gus Webb', organisation: 'Bridge Street Surgery', organisationType: 'Primary care' },
  { name: 'Hal Ford', organisation: 'Carers Together', organisationType: 'Voluntary sector' },
];
const tom: Person = { name: 'Tom Price', organisation: 'Riverside Trust', organisationType: 'NHS trust' };

test('tables by keyboard alone: set up, mix, lock, a call answered, a table brought over, work brought in, a gap filled, a reporter steps the report-back', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await createWorkshop(page, 'Tables by keyboard');
  const link = new URL(await editLink(page));
  const [, id, query] = /^#\/w\/([^?]+)\?(.*)$/.exec(link.hash)!;
  const token = new URLSearchParams(query).get('t')!;
  const graceContext = await browser.newContext();
  const gracePage = await graceContext.newPage();
  const g = new KeyboardPerson(gracePage);
  await gracePage.goto(link.href);
  await answerJoin(g, 'Grace Okafor', 'Riverside City Council', 'Local');
  const tomPage = await openAs(browser, link.href, tom);
  const stock = crowd.map((p) => stockPerson(link.host, id!, token, p));
  const f = new KeyboardPerson(page);
  try {
    await expect(page.getByRole('region', { name: 'Participants' }).locator('.count')).toHaveText('7');

    // Two tables, and the room mixed across them.
    await page.locator('body').focus();
    await f.f6To(page.locator('#board-tools'));
    const tablesButton = page.locator('.board-bar').getByRole('button', { name: /^Tables/ });
    await f.tabTo(tablesButton, { max: 12 });
    await f.press('Enter');
    const tables = page.getByRole('dialog', { name: 'Tables' });
    await expect(tables.getByRole('textbox', { name: 'New table' })).toBeFocused();
    for (const name of ['North', 'South']) {
      await f.type(name);
      await f.press('Enter');
      await expect(tables.getByRole('listitem', { name: `Table ${name}` })).toBeVisible();
    }
    await f.tabTo(tables.getByRole('button', { name: 'Mix the agencies' }), { max: 4 });
    await f.press('Enter');
    await expect(tables.getByRole('status')).toHaveText('Mixed 6 people over 2 tables.');
    await expect.poll(() => shownTable(gracePage)).not.toBe('');
    const graceTable = await shownTable(gracePage);
    // Tom moved by keyboard from his select (No table, North, South), which keeps the focus as he
    // moves to another table's list; he ends at the table Grace is not at.
    const otherTable = graceTable === 'North' ? 'South' : 'North';
    const moveTom = async (to: string) => {
      const from = await shownTable(tomPage.page);
      await f.tabTo(tables.getByRole('combobox', { name: 'Table for Tom Price' }), { max: 40 });
      await f.press(to === 'South' ? 'ArrowDown' : 'ArrowUp');
      await expect.poll(() => shownTable(tomPage.page)).toBe(to);
      expect(from).not.toBe(to);
      await expect(tables.getByRole('listitem', { name: `Table ${to}` }).getByRole('combobox', { name: 'Table for Tom Price' })).toBeFocused();
    };
    if ((await shownTable(tomPage.page)) === otherTable) await moveTom(graceTable);
    await moveTom(otherTable);
    const graceRow = tables.getByRole('listitem', { name: `Table ${graceTable}` });
    const tomRow = tables.getByRole('listitem', { name: `Table ${otherTable}` });

    // Grace's table locked: she is told, and cannot add a card; unlocked, she can.
    const lock = graceRow.getByRole('button', { name: 'Lock table' });
    await f.tabTo(lock, { max: 40, backwards: true });
    await f.press('Enter');
    await expect(graceRow.getByRole('button', { name: 'Unlock table' })).toBeFocused();
    await expect(gracePage.getByTestId('urgent-announcement')).toContainText(`The facilitator locked table ${graceTable}`);
    await expect(gracePage.getByRole('note').filter({ hasText: 'The facilitator has locked this table' })).toBeVisible();
    await g.press('Alt+Shift+Digit1');
    await expect(gracePage.getByRole('textbox', { name: 'Card text' })).toHaveCount(0);
    await f.press('Enter');
    await expect(gracePage.getByTestId('urgent-announcement')).toContainText(`The facilitator unlocked table ${graceTable}`);
    await addCardByKeyboard(g, 3, 'North hub at the library');
    await expect(card(page, 'North hub at the library')).toHaveCount(0);

    // Grace calls the facilitator by keyboard; the facilitator opens her table from the call.
    await f.press('Escape');
    await expect(tables).toHaveCount(0);
    await g.f6To(gracePage.locator('#board-tools'));
    await g.tabTo(gracePage.locator('.board-bar').getByRole('button', { name: 'Call the facilitator' }), { max: 12 });
    await g.press('Enter');
    await f.f6To(page.locator('#facilitation'));
    const call = page.getByRole('group', { name: 'Tables calling' }).getByRole('button', { name: `Table ${graceTable} is calling · Open` });
    await f.tabTo(call, { max: 12, backwards: true });
    await f.press('Enter');
    await expect(card(page, 'North hub at the library')).toBeVisible();
    expect(await shownTable(page)).toBe(graceTable);

    // Tom's table is brought to the facilitator's view: Grace's table, on Tom's board; Grace stays.
    await f.f6To(page.locator('#board-tools'));
    await f.tabTo(tablesButton, { max: 12 });
    await f.press('Enter');
    await f.tabTo(tomRow.getByRole('button', { name: 'Bring this table here' }), { max: 40 });
    await f.press('Enter');
    await expect(tables.getByRole('status')).toHaveText(`Table ${otherTable} has been brought to your view.`);
    await expect.poll(() => shownTable(tomPage.page)).toBe(graceTable);
    await expect(card(tomPage.page, 'North hub at the library')).toBeVisible();
    await expect(tomPage.page.getByTestId('urgent-announcement')).toContainText(`brought table ${otherTable} to their view`);
    expect(await shownTable(gracePage)).toBe(graceTable);

    // Grace's table's work into the room's plan, then the room on the facilitator's board.
    await f.tabTo(graceRow.getByRole('button', { name: 'Bring into the room’s plan' }), { max: 40, backwards: true });
    await f.press('Enter');
    await expect(tables.getByRole('status')).toContainText(`Table ${graceTable}: 0 interventions and 1 card are in the room’s plan.`);
    await f.tabTo(tables.getByRole('button', { name: 'Show the whole room' }), { max: 40, backwards: true });
    await f.press('Enter');
    await f.press('Escape');
    expect(await shownTable(page)).toBe('');
    await expect(card(page, 'North hub at the library')).toBeVisible();

    // A gap filled from the Gaps view.
    await f.f6To(page.locator('#plan'));
    await f.tabTo(page.getByRole('region', { name: 'Plan' }).getByRole('button', { name: 'Gaps' }), { max: 10 });
    await f.press('Enter');
    const gaps = page.getByRole('dialog', { name: 'Gaps: the room' });
    const learning = gaps.getByRole('region', { name: 'Gap: Learning and Capacity Building' });
    await f.tabTo(learning.getByRole('button', { name: 'Add Effective Knowledge Sharing to the plan' }), { max: 60 });
    await f.press('Enter');
    await expect(learning.getByRole('status')).toHaveText('Effective Knowledge Sharing is in the plan.');
    await f.press('Escape');
    await expect(planTable(page).getByRole('button', { name: 'Effective Knowledge Sharing', exact: true })).toBeVisible();

    // The report-back: the facilitator hands the clicker to Grace on her table's step; she steps on.
    await f.f6To(page.locator('#facilitation'));
    await f.tabTo(page.getByRole('button', { name: 'Present', exact: true }), { max: 12 });
    await f.press('Enter');
    const slide = page.getByRole('dialog', { name: /^Presentation/ });
    await expect(slide).toContainText('Step 1 of 8: Table North');
    if (graceTable === 'South') await f.press('ArrowRight');
    await expect(slide.getByRole('heading', { name: `Table ${graceTable}` })).toBeVisible();
    const handTo = slide.getByRole('combobox', { name: 'Presented by' });
    await f.tabTo(handTo, { max: 10 });
    await f.type('Grace');
    await expect(slide).toContainText('Presented by Grace Okafor');
    const graceSlide = gracePage.getByRole('dialog', { name: /^Presentation/ });
    await expect(graceSlide).toContainText('You are presenting');
    await expect(gracePage.getByTestId('urgent-announcement')).toContainText('The facilitator handed you the clicker');
    const from = graceTable === 'North' ? 1 : 2;
    await expect(graceSlide).toContainText(`Step ${from} of 8`);
    await g.press('ArrowRight');
    // Her step reaches the facilitator's screen and Tom's.
    await expect(slide).toContainText(`Step ${from + 1} of 8`);
    await expect(tomPage.page.getByRole('dialog', { name: /^Presentation/ })).toContainText(`Step ${from + 1} of 8`);
    // She cannot end it for the room: Escape leaves it on her screen only.
    await g.press('Escape');
    await expect(graceSlide).toHaveCount(0);
    await expect(slide).toBeVisible();
    await f.press('Escape');
    await expect(slide).toHaveCount(0);
    test.info().annotations.push({ type: 'key presses', description: `facilitator ${f.presses}, Grace ${g.presses}` });
  } finally {
    for (const p of stock) p.destroy();
    await graceContext.close();
    await tomPage.context.close();
  }
});
