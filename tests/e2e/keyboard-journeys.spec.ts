// Whole workshops run and joined with the keyboard alone: no mouse, no click(), no fill(). Each
// journey's key presses are counted against a budget, so a change that makes a task longer fails.
import { test, expect } from '@playwright/test';
import { KeyboardPerson, answerJoin, addCardByKeyboard } from './keyboard-support';
import { card, planRow, createWorkshop } from './helpers';

/** Budgets: the presses (not counting typed text) each journey took when this test was written, with a little room. */
const budget = {
  createWorkshop: 9,
  addFourCards: 12,
  moveCardToAnotherDomain: 23,
  addIntervention: 14,
  fillPlanItem: 10,
  startAndRevealVote: 30,
  present: 20,
  joinAndAddCard: 10,
  vote: 6,
};

function measure(k: KeyboardPerson) {
  const start = k.presses;
  return (name: keyof typeof budget) => {
    const used = k.presses - start;
    test.info().annotations.push({ type: 'key presses', description: `${name}: ${used} (budget ${budget[name]})` });
    expect(used, `${name} took ${used} key presses`).toBeLessThanOrEqual(budget[name]);
  };
}

async function editLinkByKeyboard(k: KeyboardPerson): Promise<string> {
  const page = k.page;
  await k.tabTo(page.getByRole('button', { name: 'Invite people' }), { max: 60, backwards: true });
  await k.press('Enter');
  const box = page.getByRole('textbox', { name: 'Edit link' });
  await expect(box).toHaveValue(/#\/w\//);
  const link = await box.inputValue();
  await k.press('Escape');
  return link;
}

test('a facilitator runs a workshop and a participant joins, adds a card and votes, by keyboard alone', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const f = new KeyboardPerson(page);

  // Create a workshop.
  await page.goto('/');
  let done = measure(f);
  await f.tabTo(page.getByRole('button', { name: 'New workshop' }), { max: 8 });
  await f.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Workshop title' })).toBeFocused();
  await f.type('Keyboard workshop');
  await f.press('Enter');
  await answerJoin(f, 'Hannah Reid', 'Academy', 'Other');
  done('createWorkshop');

  // A card in each lens, into the domain chosen in the board tools.
  done = measure(f);
  await f.press('Tab'); // first skip link
  await f.press('Enter'); // the board tools: "Add to: domain for new cards"
  await expect(page.getByRole('combobox', { name: 'Domain for new cards' })).toBeFocused();
  await addCardByKeyboard(f, 1, 'Ward sisters');
  await addCardByKeyboard(f, 2, 'Discharge delays');
  await addCardByKeyboard(f, 3, 'Riverside');
  await addCardByKeyboard(f, 4, 'Home sooner');
  done('addFourCards');

  // Move the priority card to Innovation and Improvement, from its details.
  done = measure(f);
  await f.f6To(page.getByRole('region', { name: 'Board tools' }).or(page.locator('#board-tools')));
  await f.f6To(page.locator('#side-panel'));
  // F6 lands on the chosen tab; arrow keys move between tabs (Details, Framework, Outline).
  await expect(page.getByRole('tab', { name: 'Details' })).toBeFocused();
  await f.press('ArrowRight', 2);
  await expect(page.getByRole('tab', { name: 'Outline' })).toHaveAttribute('aria-selected', 'true');
  const outline = page.getByRole('navigation', { name: 'Board outline' });
  await expect(outline).toBeVisible();
  await f.tabTo(outline.getByRole('button', { name: 'Discharge delays' }), { max: 12 });
  await f.press('Enter');
  const domain = page.locator('#tabpanel-details').getByRole('combobox', { name: 'Domain' });
  await f.tabTo(domain, { max: 8 });
  await f.type('Innovation');
  await expect(card(page, 'Discharge delays')).toHaveAccessibleDescription(/^priority card in Innovation and Improvement/i);
  done('moveCardToAnotherDomain');

  // Add Action Learning Sets to Relationships and Connectivity from the menu.
  done = measure(f);
  // The menu starts collapsed (the board has its column): F6 reaches the menu's control, and
  // Enter opens the menu with the focus in its search box.
  await f.f6To(page.getByRole('button', { name: 'Intervention menu', exact: true }));
  await expect(page.getByRole('button', { name: 'Intervention menu', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await f.press('Enter');
  const search = page.getByRole('searchbox', { name: /Search interventions/ }).or(page.getByRole('textbox', { name: /Search interventions/ }));
  await f.tabTo(search, { max: 3 });
  await f.type('Action Learning');
  await f.tabTo(
    page
      .locator('#intervention-menu')
      .getByRole('button', { name: /Action Learning Sets/ })
      .first(),
    { max: 4 },
  );
  await f.press('Enter');
  const addGroup = page.getByRole('group', { name: 'Add Action Learning Sets to the plan' });
  await expect(addGroup.getByRole('combobox', { name: 'Domain' })).toHaveValue('relationships-and-connectivity');
  await f.tabTo(addGroup.getByRole('button', { name: 'Add to plan' }), { max: 4 });
  await f.press('Enter');
  await expect(planRow(page, 'Action Learning Sets')).toHaveCount(1);
  done('addIntervention');

  // Shape it: a description typed into the plan item's details.
  done = measure(f);
  await f.f6To(page.locator('#side-panel'));
  const description = page.locator('#tabpanel-details').getByRole('textbox', { name: 'Description' });
  await f.tabTo(description, { max: 12 });
  await f.type('Monthly sets across the trust and council.');
  await f.press('Tab');
  await expect(description).toHaveValue('Monthly sets across the trust and council.');
  done('fillPlanItem');

  // Invite a participant, who joins by keyboard, adds a card and votes.
  const link = await editLinkByKeyboard(f);
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  const p = new KeyboardPerson(other);
  await other.goto(link);
  let pDone = measure(p);
  await answerJoin(p, 'Grace Okafor', 'Riverside City Council', 'Local');
  await p.press('Tab');
  await p.press('Enter');
  await addCardByKeyboard(p, 1, 'Carers forum');
  pDone('joinAndAddCard');
  await expect(card(page, 'Carers forum')).toBeVisible();

  // Start a vote on plan items, from the facilitation controls.
  done = measure(f);
  await f.f6To(page.locator('#facilitation'));
  await f.tabTo(page.getByRole('button', { name: 'Start vote' }), { max: 8 });
  await f.press('Enter');
  const voteDialog = page.getByRole('dialog', { name: 'Start a dot vote' });
  await expect(voteDialog.getByRole('combobox', { name: 'What can be voted on' })).toBeFocused();
  await f.tabTo(voteDialog.getByRole('button', { name: 'Open the vote' }), { max: 6 });
  await f.press('Enter');
  await expect(page.getByRole('region', { name: 'Dot vote' })).toBeVisible();
  const startRevealMark = f.presses;

  // The participant places a dot.
  pDone = measure(p);
  await p.f6To(other.locator('#dot-vote'));
  await p.tabTo(other.getByRole('button', { name: 'Place a dot on Action Learning Sets' }), { max: 6 });
  await p.press('Enter');
  await expect(other.getByRole('region', { name: 'Dot vote' }).getByText('2 dots left')).toBeVisible();
  pDone('vote');

  // Reveal.
  await f.f6To(page.locator('#dot-vote'));
  await f.tabTo(page.getByRole('button', { name: 'Reveal votes' }), { max: 4 });
  await f.press('Enter');
  await expect(page.getByRole('heading', { name: 'Vote results' })).toBeVisible();
  expect(f.presses).toBeGreaterThan(startRevealMark);
  done('startAndRevealVote');

  // Present: step through, then leave.
  done = measure(f);
  await f.f6To(page.locator('#facilitation'));
  await f.tabTo(page.getByRole('button', { name: 'Present' }), { max: 10 });
  await f.press('Enter');
  const presentation = page.getByRole('dialog', { name: /Presentation|present/i }).or(page.locator('.presentation'));
  await expect(presentation.first()).toBeVisible();
  await f.press('ArrowRight');
  await f.press('ArrowRight');
  await f.press('Escape');
  // Focus goes back to what opened the presentation.
  await expect(page.getByRole('dialog', { name: /^Presentation/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeFocused();
  done('present');

  await ctx.close();
});

test('deleting a card with the keyboard moves focus to its neighbour, not to the top of the page', async ({ page }) => {
  await createWorkshop(page, 'Delete by keyboard');
  const k = new KeyboardPerson(page);
  await addCardByKeyboard(k, 1, 'First card');
  await addCardByKeyboard(k, 1, 'Second card');
  await addCardByKeyboard(k, 1, 'Third card');
  await expect(card(page, 'Third card')).toBeFocused();
  await k.press('Delete');
  await expect(card(page, 'Third card')).toHaveCount(0);
  await expect(card(page, 'Second card')).toBeFocused();
  await k.press('Delete');
  await expect(card(page, 'First card')).toBeFocused();

  // A card reached with Tab (focused, not selected) goes with Delete too, and nothing else does.
  await addCardByKeyboard(k, 1, 'Fourth card');
  await expect(card(page, 'Fourth card')).toHaveClass(/selected/);
  await k.press('Shift+Tab');
  await expect(card(page, 'First card')).toBeFocused();
  await expect(card(page, 'First card')).not.toHaveClass(/selected/);
  await k.press('Delete');
  await expect(card(page, 'First card')).toHaveCount(0);
  await expect(card(page, 'Fourth card')).toHaveCount(1);
});
