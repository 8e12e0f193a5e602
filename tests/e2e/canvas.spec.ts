// The co-design canvas driven as a person would: by role and accessible name, with the mouse
// and with the keyboard. Every test starts a fresh workshop on the real host.
import { test, expect, type Page } from '@playwright/test';
import {
  createWorkshop,
  addCard,
  card,
  board,
  openTab,
  planTable,
  planRow,
  expectSaved,
  expectConnected,
  editLink,
  openAs,
  participant,
  fitBoard,
  viewSettled,
  showInterventionMenu,
} from './helpers';

const IE = 'Individual Effectiveness';
const RC = 'Relationships and Connectivity';
const II = 'Innovation and Improvement';
const LC = 'Learning and Capacity Building';

// Fail fast: every step here takes well under a second when the app works.
test.use({ actionTimeout: 8_000 });

const menu = (page: Page) => page.getByRole('region', { name: 'Intervention menu' });
const outline = (page: Page) => page.getByRole('navigation', { name: 'Board outline' });
const outlineDomain = (page: Page, domain: string) => outline(page).getByRole('group', { name: domain });

test('each kind of Start Anywhere card lands in the domain it was added to', async ({ page }) => {
  await createWorkshop(page, 'Cards in domains');
  const added = [
    { lens: 'people', domain: IE, text: 'Ward managers' },
    { lens: 'priority', domain: RC, text: 'Delayed discharges over 7 days' },
    { lens: 'place', domain: II, text: 'Riverside discharge lounge' },
    { lens: 'purpose', domain: LC, text: 'Home first, every time' },
  ] as const;
  for (const c of added) {
    await addCard(page, c.lens, c.domain, c.text);
    await expect(card(page, c.text)).toHaveAccessibleDescription(new RegExp(`^${c.lens} card in ${c.domain}`, 'i'));
  }
  await openTab(page, 'Outline');
  for (const c of added) {
    const group = outlineDomain(page, c.domain);
    await expect(group.getByRole('button', { name: c.text })).toBeVisible();
    // ...and only there.
    await expect(outline(page).getByRole('button', { name: c.text })).toHaveCount(1);
  }
  await expect(page.getByRole('region', { name: RC })).toContainText('1 card');
});

test('a card is edited in place, tagged, linked and deleted', async ({ page }) => {
  await createWorkshop(page, 'Card life');
  await addCard(page, 'people', RC, 'Social workers');
  await addCard(page, 'priority', RC, 'Weekend discharges');

  // Edit in place: Enter on the focused card opens its text for editing.
  await card(page, 'Social workers').focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();
  await editor.press('Control+a');
  await editor.pressSequentially('Hospital social work team');
  await editor.press('Enter');
  await expect(card(page, 'Hospital social work team')).toBeVisible();
  await expect(card(page, 'Social workers')).toHaveCount(0);
  // ...and by double-click.
  await card(page, 'Weekend discharges').dblclick();
  await expect(editor).toBeFocused();
  await editor.press('Control+a');
  await editor.pressSequentially('Seven-day discharges');
  await editor.press('Enter');
  await expect(card(page, 'Seven-day discharges')).toBeVisible();

  // Tag with a role and a behaviour of its domain, through the searchable picker.
  await card(page, 'Hospital social work team').click();
  const picker = page.getByRole('group', { name: /Roles and behaviours/ });
  await expect(picker).toBeVisible();
  const search = picker.getByRole('searchbox', { name: 'Search roles and behaviours' });
  await search.fill('vision');
  await expect(picker.getByRole('checkbox')).toHaveCount(1);
  await picker.getByRole('group', { name: 'Leadership roles' }).getByRole('checkbox', { name: 'Create shared vision' }).check();
  await search.fill('honest');
  await expect(picker.getByRole('checkbox', { name: 'Create shared vision' })).toHaveCount(0);
  await picker.getByRole('group', { name: 'Behaviours demonstrated' }).getByRole('checkbox', { name: 'Developing strong / honest relationships' }).check();
  await search.fill('');
  await expect(picker.getByRole('checkbox', { checked: true })).toHaveCount(2);
  await expect(card(page, 'Hospital social work team')).toContainText('2 tags');
  await openTab(page, 'Framework');
  const framework = page.getByRole('tabpanel', { name: 'Framework' });
  await framework.getByText(RC, { exact: true }).click();
  await expect(framework.getByRole('listitem').filter({ hasText: 'Create shared vision' })).toContainText('covered on the board');
  await expect(framework.getByRole('listitem').filter({ hasText: 'covered on the board' })).toHaveCount(2);

  // Link the two cards.
  await card(page, 'Hospital social work team').click();
  await page.getByRole('combobox', { name: 'Link to' }).selectOption({ label: 'Seven-day discharges' });
  await page.getByRole('button', { name: 'Add link' }).click();
  await expect(page.getByRole('list', { name: 'Linked to' }).getByRole('button', { name: 'Seven-day discharges', exact: true })).toBeVisible();
  await expect(board(page).getByRole('group', { name: 'Link between Hospital social work team and Seven-day discharges' })).toHaveCount(1);

  // ...or with the mouse, from the dot on one card's right edge to another card's left edge.
  await addCard(page, 'place', RC, 'Riverside ward 7');
  await fitBoard(page);
  const from = card(page, 'Riverside ward 7');
  const target = card(page, 'Seven-day discharges').locator('.react-flow__handle-left');
  // Link dots show on the hovered card only, and on every card once a link is being drawn.
  await expect(target).toBeHidden();
  await from.hover();
  const start = (await from.locator('.react-flow__handle-right').boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + 30, start.y + 10, { steps: 3 });
  await expect(target).toBeVisible();
  const end = (await target.boundingBox())!;
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(board(page).getByRole('group', { name: 'Link between Riverside ward 7 and Seven-day discharges' })).toHaveCount(1);
  await expect(card(page, 'Seven-day discharges')).toHaveAccessibleDescription(`priority card in ${RC}, 2 links`);

  // A link dropped anywhere on a card, not only on its dot, ends there.
  await from.hover();
  const dot = (await from.locator('.react-flow__handle-right').boundingBox())!;
  await page.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
  await page.mouse.down();
  await page.mouse.move(dot.x + 30, dot.y + 10, { steps: 3 });
  const body = (await card(page, 'Hospital social work team').locator('.card-text').boundingBox())!;
  await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(board(page).getByRole('group', { name: 'Link between Riverside ward 7 and Hospital social work team' })).toHaveCount(1);

  // Delete the other card with the Delete key: it goes, and so do its links.
  await card(page, 'Seven-day discharges').click();
  await page.keyboard.press('Delete');
  await expect(card(page, 'Seven-day discharges')).toHaveCount(0);
  await expect(board(page).getByRole('group', { name: /^Link between.*Seven-day discharges/ })).toHaveCount(0);
  await expect(board(page).getByRole('group', { name: /^Link between/ })).toHaveCount(1);
  await expect(page.getByRole('region', { name: RC })).toContainText('2 cards');
});

test('undo and redo, by keyboard and by button, step through my own changes', async ({ page }) => {
  await createWorkshop(page, 'Undo and redo');
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();

  await addCard(page, 'place', II, 'Riverside hub');
  await card(page, 'Riverside hub').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Card text' }).press('Control+a');
  await page.keyboard.type('Riverside community hub');
  await page.keyboard.press('Enter');
  await expect(card(page, 'Riverside community hub')).toBeFocused();

  // Ctrl+Z undoes the edit only...
  await page.keyboard.press('Control+z');
  await expect(card(page, 'Riverside hub')).toBeVisible();
  await expect(card(page, 'Riverside community hub')).toHaveCount(0);
  // ...the Undo button undoes the addition (a new card and its first text are one step)...
  await undo.click();
  await expect(board(page).getByRole('group', { name: /^Riverside|^Empty card/ })).toHaveCount(0);
  await expect(undo).toBeDisabled();
  // ...and Ctrl+Shift+Z (and the Redo button) bring both back, in order.
  await board(page).focus();
  await page.keyboard.press('Control+Shift+z');
  await expect(card(page, 'Riverside hub')).toBeVisible();
  await redo.click();
  await expect(card(page, 'Riverside community hub')).toBeVisible();
  await expect(redo).toBeDisabled();

  // A deletion is undone with the links it took with it.
  await addCard(page, 'people', II, 'Hub volunteers');
  await page.getByRole('combobox', { name: 'Link to' }).selectOption({ label: 'Riverside community hub' });
  await page.getByRole('button', { name: 'Add link' }).click();
  await expect(board(page).getByRole('group', { name: /^Link between/ })).toHaveCount(1);
  await card(page, 'Hub volunteers').click();
  await page.getByRole('button', { name: 'Delete card' }).click();
  await expect(card(page, 'Hub volunteers')).toHaveCount(0);
  await expect(board(page).getByRole('group', { name: /^Link between/ })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(card(page, 'Hub volunteers')).toBeVisible();
  await expect(board(page).getByRole('group', { name: 'Link between Hub volunteers and Riverside community hub' })).toHaveCount(1);
});

test('an intervention dragged from the menu onto a domain becomes a plan item there', async ({ page }) => {
  await createWorkshop(page, 'Drag an intervention');
  await showInterventionMenu(page);
  const source = menu(page).getByRole('button', { name: 'Action Learning Sets', exact: true });
  await source.dragTo(page.getByRole('region', { name: RC }));

  const tile = card(page, 'Action Learning Sets');
  await expect(tile).toBeVisible();
  await expect(tile).toHaveAccessibleDescription(`intervention in ${RC}, proposed`);
  const row = planRow(page, 'Action Learning Sets');
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').first()).toHaveText(RC);
  await expect(page.getByRole('region', { name: RC })).toContainText('1 intervention');
  // The menu says it is in the plan; the Details panel shows the new item.
  await expect(source).toContainText('in plan');
  await expect(page.getByRole('heading', { name: 'Action Learning Sets' })).toBeVisible();

  // Dropped in a different domain than its own, it is allowed and visibly noted. (Dropped in the
  // domain's middle: a domain is now as large as what it holds, and an empty one is shorter on
  // screen than the fixed 200 px from its corner that this used to aim at.)
  await menu(page)
    .getByRole('button', { name: 'Quality Improvement Skills', exact: true })
    .dragTo(page.getByRole('region', { name: LC }));
  const misplaced = card(page, 'Quality Improvement Skills');
  await expect(misplaced).toHaveAccessibleDescription(new RegExp(`^intervention in ${LC}, proposed, placed outside its framework domain \\(${II}\\)`));
  await expect(misplaced).toContainText(`From ${II}`);
  await expect(planRow(page, 'Quality Improvement Skills')).toContainText('outside its framework domain');
  await expect(planRow(page, 'Quality Improvement Skills').getByRole('cell').first()).toHaveText(LC);
});

test('an intervention is added to the plan with the keyboard alone, and a custom one too', async ({ page }) => {
  await createWorkshop(page, 'Keyboard plan');
  await showInterventionMenu(page);
  const item = menu(page).getByRole('button', { name: 'Leading Complex Change', exact: true });
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(item).toHaveAttribute('aria-expanded', 'true');
  // Tab to the domain choice, pick another domain, and add it.
  await page.keyboard.press('Tab');
  const adder = menu(page).getByRole('group', { name: 'Add Leading Complex Change to the plan' });
  const domain = adder.getByRole('combobox', { name: 'Domain' });
  await expect(domain).toBeFocused();
  await domain.selectOption({ label: LC });
  await expect(adder.getByRole('note')).toContainText(`The framework lists this under ${II}`);
  await page.keyboard.press('Tab');
  await expect(adder.getByRole('button', { name: 'Add to plan' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(planRow(page, 'Leading Complex Change')).toHaveCount(1);
  await expect(planRow(page, 'Leading Complex Change').getByRole('cell').first()).toHaveText(LC);
  await expect(planRow(page, 'Leading Complex Change')).toContainText('outside its framework domain');
  await expect(card(page, 'Leading Complex Change')).toHaveAccessibleDescription(new RegExp(`^intervention in ${LC}`));
  // Focus is not lost: it goes back to the intervention in the menu.
  await expect(item).toBeFocused();

  // The menu's search narrows the list.
  await menu(page).getByRole('searchbox', { name: 'Search interventions' }).fill('coach');
  await expect(menu(page).getByRole('button', { name: 'Coaching and Mentoring', exact: true })).toBeVisible();
  await expect(menu(page).getByRole('button', { name: 'Leading Complex Change', exact: true })).toHaveCount(0);

  // A custom intervention.
  await menu(page).getByRole('textbox', { name: 'Custom intervention title' }).fill('Joint discharge huddles');
  await menu(page).getByRole('combobox', { name: 'Domain for custom intervention' }).selectOption({ label: RC });
  await menu(page).getByRole('button', { name: 'Add custom intervention' }).click();
  await expect(planRow(page, 'Joint discharge huddles').getByRole('cell').first()).toHaveText(RC);
  await expect(card(page, 'Joint discharge huddles')).toHaveAccessibleDescription(new RegExp(`^custom intervention in ${RC}`));
});

test('choosing a plan row selects and centres its item on the board, and the reverse', async ({ page }) => {
  await createWorkshop(page, 'Plan and board', { sample: true });
  await expect(planTable(page).getByRole('row')).toHaveCount(9); // header + 8 items
  const title = 'Developing Diverse Community Engagement/ Social Movements';
  await planRow(page, title).getByRole('button', { name: title }).click();
  const tile = card(page, title);
  await expect(tile).toHaveClass(/selected/);
  await expect(planRow(page, title)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  // Centred: its middle ends up in the middle of the canvas.
  const canvas = (await board(page).boundingBox())!;
  await expect
    .poll(async () => {
      const b = (await tile.boundingBox())!;
      return Math.hypot(b.x + b.width / 2 - (canvas.x + canvas.width / 2), b.y + b.height / 2 - (canvas.y + canvas.height / 2));
    })
    .toBeLessThan(12);

  // Selecting an item on the board highlights its row (and only that one).
  await fitBoard(page);
  await card(page, 'Action Learning Sets').click();
  await expect(planRow(page, 'Action Learning Sets')).toHaveAttribute('aria-current', 'true');
  await expect(planRow(page, title)).not.toHaveAttribute('aria-current', 'true');
  await expect(planTable(page).locator('tr[aria-current="true"]')).toHaveCount(1);
});

/** Where a node sits on the board, in board coordinates (React Flow positions nodes by transform). */
async function boardPosition(page: Page, name: string) {
  const transform = await card(page, name).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`no position in "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

test('cards move by mouse and keyboard, and everything is still there after a reload and in a fresh browser', async ({ page, browser }) => {
  await createWorkshop(page, 'Reload');
  await showInterventionMenu(page);
  await addCard(page, 'people', IE, 'Discharge coordinators');
  await addCard(page, 'purpose', IE, 'Nobody waits without a reason');
  await page.getByRole('checkbox', { name: 'Patience, persistence and resilience' }).check();
  await page.getByRole('combobox', { name: 'Link to' }).selectOption({ label: 'Discharge coordinators' });
  await page.getByRole('button', { name: 'Add link' }).click();
  await menu(page)
    .getByRole('button', { name: 'Coaching and Mentoring', exact: true })
    .dragTo(page.getByRole('region', { name: IE }));
  await expect(planRow(page, 'Coaching and Mentoring')).toHaveCount(1);
  await fitBoard(page);

  // Drag a card with the mouse into another domain: its domain follows where it is dropped.
  const moving = card(page, 'Discharge coordinators');
  const from = (await moving.boundingBox())!;
  const to = (await page.getByRole('region', { name: LC }).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 10, from.y + ((to.y + to.height / 2 - from.y) * i) / 10);
  }
  await page.mouse.up();
  await expect(moving).toHaveAccessibleDescription(new RegExp(`^people card in ${LC}`));
  await expect(page.getByRole('region', { name: LC })).toContainText('1 card');

  // Arrow keys move the selected card; the move is kept after a short pause.
  const still = card(page, 'Nobody waits without a reason');
  await still.click();
  const before = await boardPosition(page, 'Nobody waits without a reason');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => boardPosition(page, 'Nobody waits without a reason')).toEqual({ x: before.x + 20, y: before.y + 20 });
  await expectSaved(page);
  await page.waitForTimeout(700);
  await expectSaved(page);

  const check = async (p: Page) => {
    await expect(card(p, 'Discharge coordinators')).toHaveAccessibleDescription(`people card in ${LC}, 1 link`);
    await expect(card(p, 'Nobody waits without a reason')).toHaveAccessibleDescription(`purpose card in ${IE}, tagged with 1 role or behaviour, 1 link`);
    expect(await boardPosition(p, 'Nobody waits without a reason')).toEqual({ x: before.x + 20, y: before.y + 20 });
    await expect(board(p).getByRole('group', { name: 'Link between Nobody waits without a reason and Discharge coordinators' })).toHaveCount(1);
    await expect(planRow(p, 'Coaching and Mentoring').getByRole('cell').first()).toHaveText(IE);
  };
  await page.reload();
  await expectConnected(page);
  await check(page);

  // A fresh browser has no local copy: what it sees came from the host.
  const other = await openAs(browser, await editLink(page), participant);
  await check(other.page);
  await other.context.close();
});

test('two people see each other’s cards and plan items, and undo only ever undoes your own change', async ({ page, browser }) => {
  await createWorkshop(page, 'Two people');
  await showInterventionMenu(page);
  const other = await openAs(browser, await editLink(page), participant);
  const them = other.page;
  // A browser profile of its own: its intervention menu starts collapsed too.
  await showInterventionMenu(them);

  await addCard(page, 'people', RC, 'Care home managers');
  await menu(page)
    .getByRole('button', { name: 'Team and Group Coaching', exact: true })
    .dragTo(page.getByRole('region', { name: RC }));
  await expect(card(them, 'Care home managers')).toHaveAccessibleDescription(`people card in ${RC}`);
  await expect(planRow(them, 'Team and Group Coaching').getByRole('cell').first()).toHaveText(RC);

  await addCard(them, 'priority', LC, 'Weekend discharge rota');
  await menu(them).getByRole('button', { name: 'Individual Diagnostics', exact: true }).focus();
  await them.keyboard.press('Enter');
  await menu(them).getByRole('button', { name: 'Add to plan' }).click();
  await expect(card(page, 'Weekend discharge rota')).toHaveAccessibleDescription(`priority card in ${LC}`);
  await expect(planRow(page, 'Individual Diagnostics').getByRole('cell').first()).toHaveText(IE);

  // They rename my card; my undo takes back my last change (the plan item), never their rename,
  // and never their card.
  await viewSettled(them); // adding to the plan centred their view on the new item
  await card(them, 'Care home managers').dblclick();
  await them.getByRole('textbox', { name: 'Card text' }).press('Control+a');
  await them.keyboard.type('Care home managers and owners');
  await them.keyboard.press('Enter');
  await expect(card(page, 'Care home managers and owners')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(planRow(page, 'Team and Group Coaching')).toHaveCount(0);
  await expect(planRow(them, 'Team and Group Coaching')).toHaveCount(0);
  await expect(card(page, 'Care home managers and owners')).toBeVisible();
  await expect(card(page, 'Weekend discharge rota')).toBeVisible();
  await expect(planRow(page, 'Individual Diagnostics')).toHaveCount(1);

  // Their undo takes back their rename only. (Their view was zoomed in on the new item: show the
  // whole board first, so the card to click is on screen.)
  await fitBoard(them);
  await card(them, 'Weekend discharge rota').click();
  await them.keyboard.press('Control+z');
  await expect(card(page, 'Care home managers')).toBeVisible();
  await expect(card(them, 'Care home managers')).toBeVisible();
  await expect(card(page, 'Weekend discharge rota')).toBeVisible();
  await expect(planRow(page, 'Individual Diagnostics')).toHaveCount(1);
  await other.context.close();
});

test('Undo takes back one whole action typed, added or dropped by real keys and pointer, and never someone else’s', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await createWorkshop(page, 'Undo by action');
  await showInterventionMenu(page);
  const undo = page.getByRole('button', { name: 'Undo' });
  await menu(page).getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
  await menu(page).getByRole('combobox', { name: 'Domain', exact: true }).selectOption({ label: RC });
  await menu(page).getByRole('button', { name: 'Add to plan' }).click();
  await planTable(page).getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
  await openTab(page, 'Details');
  const details = page.getByRole('group', { name: 'Details of Action Learning Sets' });
  const description = details.getByLabel('Description');

  // A sentence typed key by key, after what was there before: one Undo takes back the sentence.
  await description.click();
  await page.keyboard.type('Daily huddles.');
  await page.keyboard.press('Tab');
  await description.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Plus the words typed one key at a time.');
  await expect(description).toHaveValue('Daily huddles. Plus the words typed one key at a time.');
  await undo.click();
  await expect(description).toHaveValue('Daily huddles.');
  // The same in a one-line field.
  const owner = details.getByLabel('Owner');
  await owner.click();
  await page.keyboard.type('Grace Okafor');
  await undo.click();
  await expect(owner).toHaveValue('');
  await expect(description).toHaveValue('Daily huddles.');

  // A card added and named is one step.
  await addCard(page, 'people', II, 'Ward managers');
  await undo.click();
  await expect(card(page, 'Ward managers')).toHaveCount(0);
  await expect(board(page).getByRole('group', { name: /^Empty card/ })).toHaveCount(0);

  // A card dropped in another domain: one Undo puts it back where it was, in its own domain.
  await addCard(page, 'priority', II, 'Weekend discharges');
  await fitBoard(page);
  const moving = card(page, 'Weekend discharges');
  const before = await boardPosition(page, 'Weekend discharges');
  const from = (await moving.boundingBox())!;
  const to = (await page.getByRole('region', { name: LC }).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 12, from.y + ((to.y + to.height / 2 - from.y) * i) / 12);
  await page.mouse.up();
  await expect(moving).toHaveAccessibleDescription(new RegExp(`^priority card in ${LC}`));
  await undo.click();
  await expect(moving).toHaveAccessibleDescription(new RegExp(`^priority card in ${II}`));
  await expect.poll(() => boardPosition(page, 'Weekend discharges')).toEqual(before);

  // Someone else types into the same plan item; my Undo takes back my own last step only.
  const other = await openAs(browser, await editLink(page), participant);
  await planTable(page).getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
  await openTab(page, 'Details');
  await expect(description).toHaveValue('Daily huddles.');
  await planTable(other.page).getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
  await other.page.getByRole('tab', { name: 'Details' }).click();
  const theirAudience = other.page.getByRole('group', { name: 'Details of Action Learning Sets' }).getByLabel('Audience');
  await theirAudience.click();
  await other.page.keyboard.type('Discharge coordinators');
  await expect(details.getByLabel('Audience')).toHaveValue('Discharge coordinators');
  await undo.click();
  await expect(card(page, 'Weekend discharges')).toHaveCount(0);
  await expect(details.getByLabel('Audience')).toHaveValue('Discharge coordinators');
  await expect(theirAudience).toHaveValue('Discharge coordinators');
  await expect(description).toHaveValue('Daily huddles.');
  await other.context.close();
});

test('a paste longer than a card holds is cut to 500 characters, and the card says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await createWorkshop(page, 'Long paste');
  await page.getByRole('button', { name: 'Add people card' }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();
  await page.evaluate((t) => navigator.clipboard.writeText(t), 'Discharge '.repeat(1000));
  await page.keyboard.press('Control+V');
  await expect(page.getByRole('status').filter({ hasText: 'Only the first 500 characters fit on a card' })).toBeVisible();
  await expect(editor).toHaveValue('Discharge '.repeat(50));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Only the first 500' })).toHaveCount(0);
});
