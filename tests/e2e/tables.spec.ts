// Table groups with a room of ten: the facilitator, two participants in real browsers and one on
// a phone, and six more people as stock y-websocket clients sharing presence as the app does. Tables are
// set up by keyboard, the agencies mixed, and each table's cards stay in its own space.
import { test, expect, type Page } from '@playwright/test';
import { stockPerson, shownTable } from './table-helpers';
import { openOnPhone, phoneCard, expectNoSidewaysScroll } from './phone-helpers';
import { createWorkshop, editLink, openAs, participant, addCard, card, planTable, showInterventionMenu, type Person } from './helpers';

const organisationTypes = ['NHS trust', 'ICB', 'Local authority', 'Primary care', 'Voluntary sector', 'Patient or citizen', 'Other'];

/** Six more people: with Grace, Tom and Ivy on her phone, nine from six organisation types. */
const crowd: Person[] = [
  { name: 'Ada Stone', organisation: 'Northern Trust', organisationType: 'NHS trust' },
  { name: 'Ben Hale', organisation: 'Riverside Trust', organisationType: 'NHS trust' },
  { name: 'Dee Marsh', organisation: 'Riverside City Council', organisationType: 'Local authority' },
  { name: 'Fay Lund', organisation: 'Riverside ICB', organisationType: 'ICB' },
  { name: 'Gus Webb', organisation: 'Bridge Street Surgery', organisationType: 'Primary care' },
  { name: 'Hal Ford', organisation: 'Carers Together', organisationType: 'Voluntary sector' },
];
const ivy: Person = { name: 'Ivy Cole', organisation: 'Patient panel', organisationType: 'Patient or citizen' };
const tom: Person = { name: 'Tom Price', organisation: 'Riverside Trust', organisationType: 'NHS trust' };
const tableNames = ['Bassetlaw', 'Mansfield', 'Newark'];

/** Proposes a framework intervention from the menu by keyboard, with why, as a table would. */
async function propose(page: Page, intervention: string, domain: string, why: string): Promise<void> {
  await showInterventionMenu(page);
  const menu = page.getByRole('region', { name: 'Intervention menu' });
  await menu.getByRole('button', { name: intervention, exact: true }).click();
  await menu.getByRole('combobox', { name: 'Domain', exact: true }).selectOption({ label: domain });
  await menu.getByRole('button', { name: 'Add to plan' }).click();
  await planTable(page).getByRole('button', { name: intervention, exact: true }).click();
  await page.getByRole('tab', { name: 'Details' }).click();
  const details = page.getByRole('group', { name: `Details of ${intervention}` });
  await details.getByLabel('Description').focus();
  await page.keyboard.type(why);
  await expect(details.getByLabel('Description')).toHaveValue(why);
}

test('nine people from six organisation types mixed over three tables; each table’s cards stay in its space, and another table can look', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await createWorkshop(page, 'Tables');
  const link = new URL(await editLink(page));
  const [, id, query] = /^#\/w\/([^?]+)\?(.*)$/.exec(link.hash)!;
  const token = new URLSearchParams(query).get('t')!;
  const grace = await openAs(browser, link.href, participant);
  const tomPage = await openAs(browser, link.href, tom);
  const phone = await openOnPhone(browser, link.href, ivy);
  const stock = crowd.map((p) => stockPerson(link.host, id!, token, p));
  try {
    await expect(page.getByRole('region', { name: 'Participants' }).locator('.count')).toHaveText('10');

    // Three tables, set up by keyboard.
    const openTables = () =>
      page
        .locator('.board-bar')
        .getByRole('button', { name: /^Tables/ })
        .click();
    const closeTables = () => page.getByRole('dialog', { name: 'Tables' }).getByRole('button', { name: 'Close', exact: true }).click();
    await openTables();
    const tables = page.getByRole('dialog', { name: 'Tables' });
    for (const name of tableNames) {
      await tables.getByRole('textbox', { name: 'New table' }).focus();
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await expect(tables.getByRole('listitem', { name: `Table ${name}` })).toBeVisible();
    }
    // Not yet at a table, a participant is asked to choose one.
    await expect(grace.page.locator('.board-bar').getByRole('button', { name: 'Tables: choose your table' })).toHaveText('Choose your table');
    await tables.getByRole('button', { name: 'Mix the agencies' }).click();
    await expect(tables.getByRole('status')).toHaveText('Mixed 9 people over 3 tables.');
    for (const name of tableNames) {
      const row = tables.getByRole('listitem', { name: `Table ${name}` });
      await expect(row).toContainText('3 people');
      const summary = (await row.locator('p.small.muted').first().textContent()) ?? '';
      const types = organisationTypes.filter((t) => summary.includes(t));
      expect(types.length, `${name}: ${summary}`).toBeGreaterThanOrEqual(3);
      await expect(row.getByRole('note')).toHaveCount(0);
    }

    // The facilitator drags Ada to another table (a real pointer drag in the overview).
    const adaRow = tables.getByRole('listitem', { name: /^Table / }).filter({ hasText: 'Ada Stone' });
    const adaFrom = ((await adaRow.getAttribute('aria-label')) ?? '').replace('Table ', '');
    const adaTo = tableNames.find((n) => n !== adaFrom)!;
    await adaRow
      .locator('.place-person')
      .filter({ hasText: 'Ada Stone' })
      .dragTo(tables.getByRole('listitem', { name: `Table ${adaTo}` }));
    await expect(tables.getByRole('status')).toHaveText(`Ada Stone is at table ${adaTo}.`);
    await expect(tables.getByRole('listitem', { name: `Table ${adaTo}` }).getByRole('combobox', { name: 'Table for Ada Stone' })).toBeVisible();
    await expect(tables.getByRole('listitem', { name: `Table ${adaFrom}` })).not.toContainText('Ada Stone');

    // Ivy's phone shows her table first: its name, its brief as the facilitator types it, who else is there.
    const yourTable = phone.page.getByRole('region', { name: /^Your table/ });
    await expect(yourTable.getByRole('heading')).toHaveText(/^Your table: /);
    const ivyTable = ((await yourTable.getByRole('heading').textContent()) ?? '').replace('Your table: ', '');
    expect(tableNames).toContain(ivyTable);
    const brief = tables.getByRole('listitem', { name: `Table ${ivyTable}` }).getByRole('textbox', { name: 'Brief' });
    await brief.focus();
    await page.keyboard.type('Discharge across the county line');
    await page.keyboard.press('Tab');
    await expect(yourTable).toContainText('Discharge across the county line');
    await expect(yourTable).toContainText(/^.*With .+\(.+\)/);
    await expect(yourTable.getByRole('combobox', { name: 'Cards shown' })).toHaveValue(/.+/);
    // A card added on the phone goes to her table: in her list, not on the room's board; the facilitator looks at her table and sees it.
    await phone.page.getByRole('combobox', { name: 'Domain' }).selectOption({ label: 'Individual Effectiveness' });
    await phone.page.getByRole('button', { name: 'Add purpose card' }).tap();
    await phone.page.getByRole('textbox', { name: 'Card text' }).pressSequentially('Carers taught to use the shared record');
    await phone.page.getByRole('textbox', { name: 'Card text' }).press('Enter');
    await expect(phoneCard(phone.page, 'Individual Effectiveness', 'Carers taught to use the shared record')).toBeVisible();
    await expectNoSidewaysScroll(phone.page);
    // The phone's call reaches the facilitator, whose chip opens her table.
    await yourTable.getByRole('button', { name: 'Call the facilitator' }).tap();
    await expect(yourTable.getByRole('button', { name: 'Facilitator called' })).toBeDisabled();
    await closeTables();
    await expect(card(page, 'Carers taught to use the shared record')).toHaveCount(0);
    await page
      .getByRole('group', { name: 'Tables calling' })
      .getByRole('button', { name: `Table ${ivyTable} is calling · Open` })
      .click();
    await expect(card(page, 'Carers taught to use the shared record')).toBeVisible();
    await expect(yourTable.getByRole('button', { name: 'Call the facilitator' })).toBeEnabled();
    // Ivy moves herself to another table and back (the relay lets her choose her own seat only).
    const elsewhere = tableNames.find((n) => n !== ivyTable)!;
    await yourTable.getByRole('combobox', { name: 'Sit at' }).selectOption({ label: elsewhere });
    await expect(yourTable.getByRole('heading')).toHaveText(`Your table: ${elsewhere}`);
    await openTables();
    await expect(tables.getByRole('listitem', { name: `Table ${elsewhere}` })).toContainText('Ivy Cole');
    await closeTables();
    await yourTable.getByRole('combobox', { name: 'Sit at' }).selectOption({ label: ivyTable });
    await expect(yourTable.getByRole('heading')).toHaveText(`Your table: ${ivyTable}`);
    // The phone can look at the whole room: her table's card is not in the room's own list.
    await yourTable.getByRole('combobox', { name: 'Cards shown' }).selectOption({ label: 'The whole room' });
    await expect(phoneCard(phone.page, 'Individual Effectiveness', 'Carers taught to use the shared record')).toHaveCount(0);
    await openTables();
    await tables.getByRole('button', { name: 'Show the whole room' }).click();

    // Seated, each participant's board shows their own table.
    await expect.poll(() => shownTable(grace.page)).not.toBe('');
    const graceTable = await shownTable(grace.page);
    expect(tableNames).toContain(graceTable);
    // Tom goes to another table than Grace's, placed by the facilitator.
    const tomTable = tableNames.find((n) => n !== graceTable)!;
    await tables.getByRole('combobox', { name: 'Table for Tom Price' }).selectOption({ label: tomTable });
    await expect.poll(() => shownTable(tomPage.page)).toBe(tomTable);
    await closeTables();

    // Grace's card is written at her table: not on Tom's board, which can look at hers.
    await addCard(grace.page, 'place', 'Innovation and Improvement', 'Bassetlaw discharge hub');
    await expect(card(grace.page, 'Bassetlaw discharge hub')).toBeVisible();
    // The room's board holds the room's own work: a table's arrives when the facilitator brings it in.
    await expect(card(page, 'Bassetlaw discharge hub')).toHaveCount(0);
    await expect(card(tomPage.page, 'Bassetlaw discharge hub')).toHaveCount(0);
    // Tom looks at Grace's table from the tables overview.
    await tomPage.page
      .locator('.board-bar')
      .getByRole('button', { name: /^Tables/ })
      .click();
    const tomsTables = tomPage.page.getByRole('dialog', { name: 'Tables' });
    await expect(tomsTables.getByRole('listitem', { name: `Table ${tomTable}` })).toContainText('Tom Price');
    await tomsTables
      .getByRole('listitem', { name: `Table ${graceTable}` })
      .getByRole('button', { name: 'Show', exact: true })
      .click();
    await tomsTables.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(card(tomPage.page, 'Bassetlaw discharge hub')).toBeVisible();
    expect(await shownTable(tomPage.page)).toBe(graceTable);
    // ...and goes back to his own.
    await tomPage.page
      .locator('.board-bar')
      .getByRole('button', { name: /^Tables/ })
      .click();
    await tomsTables
      .getByRole('listitem', { name: `Table ${tomTable}` })
      .getByRole('button', { name: 'Show', exact: true })
      .click();
    await tomsTables.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await shownTable(tomPage.page)).toBe(tomTable);
    await openTables();
    await expect(tables.getByRole('listitem', { name: `Table ${graceTable}` })).toContainText('1 card');
    // The overview shows each table's board, small but readable: Grace's words in her table's domain.
    const mini = tables.getByRole('listitem', { name: `Table ${graceTable}` }).getByRole('group', { name: `Table ${graceTable}'s board` });
    await expect(mini.getByRole('group', { name: 'Innovation and Improvement' })).toContainText('Bassetlaw discharge hub');
    await expect(mini.getByRole('group', { name: 'Innovation and Improvement' })).toContainText('1 card');
    const wordsPx = await mini.getByText('Bassetlaw discharge hub').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(wordsPx).toBeGreaterThanOrEqual(12);
    await closeTables();

    // Grace's table calls the facilitator; the facilitator opens that table and the call clears.
    await grace.page.locator('.board-bar').getByRole('button', { name: 'Call the facilitator' }).click();
    await expect(grace.page.locator('.board-bar').getByRole('button', { name: 'Facilitator called' })).toBeDisabled();
    const call = page.getByRole('group', { name: 'Tables calling' }).getByRole('button', { name: `Table ${graceTable} is calling · Open` });
    await expect(call).toBeVisible();
    await expect(page.getByTestId('urgent-announcement')).toContainText(`Table ${graceTable} is calling you (Grace Okafor).`);
    await call.click();
    expect(await shownTable(page)).toBe(graceTable);
    await expect(page.getByRole('group', { name: 'Tables calling' })).toHaveCount(0);
    await expect(grace.page.locator('.board-bar').getByRole('button', { name: 'Call the facilitator' })).toBeEnabled();
    await expect(card(page, 'Bassetlaw discharge hub')).toBeVisible();

    // Both tables propose Action Learning Sets, each with its reason.
    await propose(grace.page, 'Action Learning Sets', 'Relationships and Connectivity', 'Ward managers learn from each other.');
    await propose(tomPage.page, 'Action Learning Sets', 'Relationships and Connectivity', 'Discharge leads solve cases together.');
    // The facilitator brings both tables into the room's plan: one item, both tables' reasons.
    await openTables();
    for (const name of [graceTable, tomTable]) {
      await tables
        .getByRole('listitem', { name: `Table ${name}` })
        .getByRole('button', { name: 'Bring into the room’s plan' })
        .click();
      await expect(tables.getByRole('status')).toContainText(`Table ${name}: 1 intervention`);
    }
    await expect(tables.getByRole('status')).toContainText('joins the same intervention from another table');
    await tables.getByRole('button', { name: 'Show the whole room' }).click();
    await closeTables();
    expect(await shownTable(page)).toBe('');
    await expect(planTable(page).getByRole('button', { name: 'Action Learning Sets', exact: true })).toHaveCount(1);
    await planTable(page).getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.getByRole('group', { name: 'Details of Action Learning Sets' }).getByLabel('Description')).toHaveValue(
      `${graceTable}: Ward managers learn from each other.\n\n${tomTable}: Discharge leads solve cases together.`,
    );
    await expect(card(page, 'Bassetlaw discharge hub')).toBeVisible();

    // The framework as a coach: the room's board has nothing in Learning and Capacity Building.
    await page.getByRole('region', { name: 'Plan' }).getByRole('button', { name: 'Gaps' }).click();
    const gaps = page.getByRole('dialog', { name: 'Gaps: the room' });
    const learning = gaps.getByRole('region', { name: 'Gap: Learning and Capacity Building' });
    await expect(learning).toContainText('No cards yet and no intervention.');
    await learning.getByRole('button', { name: 'Add Systems Thinking and Collective Leadership to the plan' }).click();
    await expect(learning.getByRole('status')).toHaveText('Systems Thinking and Collective Leadership is in the plan.');
    await gaps.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(planTable(page).getByRole('button', { name: 'Systems Thinking and Collective Leadership', exact: true })).toBeVisible();

    // Report back: the presentation walks the tables first, each with its words and proposals.
    await page.getByRole('button', { name: 'Present' }).click();
    const slide = page.getByRole('dialog', { name: /^Presentation/ });
    await expect(slide).toContainText(`Step 1 of ${tableNames.length + 6}: Table ${tableNames[0]}`);
    for (let i = 0; i < tableNames.indexOf(graceTable); i++) await slide.getByRole('button', { name: 'Next' }).click();
    await expect(slide.getByRole('heading', { name: `Table ${graceTable}` })).toBeVisible();
    await expect(slide.getByRole('region', { name: `Innovation and Improvement at table ${graceTable}` })).toContainText('Bassetlaw discharge hub');
    await expect(slide.getByRole('region', { name: 'Proposed interventions' })).toContainText('Action Learning Sets');
    await page.keyboard.press('Escape');
    await expect(slide).toHaveCount(0);
  } finally {
    for (const p of stock) p.destroy();
    await grace.context.close();
    await tomPage.context.close();
    await phone.context.close();
  }
});
