// People in the room on a phone: joining by the edit link, adding, changing and deleting their
// own cards, taking part in a dot vote, following the presenter, and never scrolling sideways.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop, editLink, card, participant, facilitator, joinAs, expectConnected } from './helpers';
import { openOnPhone, expectNoSidewaysScroll, phoneDomain, phoneCard, phoneDevice } from './phone-helpers';

const LC = 'Learning and Capacity Building';
const II = 'Innovation and Improvement';

test('a phone joins by the edit link and adds a card that a laptop sees in its domain', async ({ page, browser }) => {
  await createWorkshop(page, 'Phones in the room', { sample: true });
  const phone = await openOnPhone(browser, await editLink(page), participant);
  const p = phone.page;

  // The worked example is there, domain by domain; the page fits the screen.
  await expect(phoneCard(p, 'Individual Effectiveness', 'Ward managers and discharge coordinators')).toBeVisible();
  await expectNoSidewaysScroll(p);

  // Domain, then lens, then words (typed as a person types them).
  await p.getByRole('combobox', { name: 'Domain' }).selectOption({ label: LC });
  await p.getByRole('button', { name: 'Add people card' }).tap();
  const editor = p.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();
  await expectNoSidewaysScroll(p);
  // Nothing typed: a reason, and no empty card.
  await editor.press('Enter');
  await expect(p.getByRole('alert')).toHaveText('Write a few words first.');
  await editor.pressSequentially('Ward sisters who mentor new starters');
  await editor.press('Enter');
  await expect(p.getByRole('status').filter({ hasText: `Added to ${LC}` })).toBeVisible();
  await expect(phoneCard(p, LC, 'Ward sisters who mentor new starters')).toBeVisible();

  // The laptop sees it on the board, in that domain, as a people card.
  const onBoard = card(page, 'Ward sisters who mentor new starters');
  await expect(onBoard).toBeVisible();
  await expect(onBoard).toHaveAccessibleDescription(new RegExp(`^people card in ${LC}`, 'i'));

  // Their own card can be changed and deleted; someone else's cannot.
  const mine = phoneCard(p, LC, 'Ward sisters who mentor new starters');
  await mine.getByRole('button', { name: 'Edit' }).tap();
  // While it is being changed, the list item holds the editor in place of the words.
  const change = phoneDomain(p, LC).getByRole('textbox', { name: 'Card text' });
  await expect(change).toBeFocused();
  await expect(change).toHaveValue('Ward sisters who mentor new starters');
  await change.pressSequentially(' and returners');
  await phoneDomain(p, LC).getByRole('button', { name: 'Save' }).tap();
  await expect(card(page, 'Ward sisters who mentor new starters and returners')).toBeVisible();
  const theirs = phoneCard(p, 'Individual Effectiveness', 'Ward managers and discharge coordinators');
  await expect(theirs.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(theirs.getByRole('button', { name: 'Delete' })).toHaveCount(0);

  const renamed = phoneCard(p, LC, 'Ward sisters who mentor new starters and returners');
  await renamed.getByRole('button', { name: 'Delete' }).tap();
  await renamed.getByRole('button', { name: 'Keep' }).tap();
  await expect(card(page, 'Ward sisters who mentor new starters and returners')).toBeVisible();
  await renamed.getByRole('button', { name: 'Delete' }).tap();
  await renamed.getByRole('button', { name: 'Delete card' }).tap();
  await expect(card(page, 'Ward sisters who mentor new starters and returners')).toHaveCount(0);
  await expect(p.getByText('Ward sisters who mentor new starters and returners')).toHaveCount(0);
  // Focus stays in the domain the card was in, not at the top of the page.
  await expect.poll(() => p.evaluate(() => document.activeElement?.closest('.phone-domain')?.querySelector('h2')?.textContent ?? null)).toBe(LC);

  // A card the laptop adds appears on the phone in its domain.
  await page.getByRole('combobox', { name: 'Domain for new cards' }).selectOption({ label: II });
  await page.getByRole('button', { name: 'Add place card' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Discharge lounge on ward 9');
  await page.getByRole('textbox', { name: 'Card text' }).press('Enter');
  await expect(phoneDomain(p, II).getByRole('group', { name: 'Place' })).toContainText('Discharge lounge on ward 9');
  await expectNoSidewaysScroll(p);
  await p.screenshot({ path: 'test-results/phone-view.png', fullPage: false });
  await phone.context.close();
});

test('a phone takes part in a dot vote and follows the presenter and the facilitator', async ({ page, browser }) => {
  await createWorkshop(page, 'Phone vote', { sample: true });
  const phone = await openOnPhone(browser, await editLink(page), participant);
  const p = phone.page;

  await page.getByRole('button', { name: 'Start vote' }).click();
  await page.getByLabel('What can be voted on').selectOption('items');
  await page.getByRole('button', { name: 'Open the vote' }).click();
  const vote = p.getByRole('region', { name: 'Dot vote' });
  await expect(vote).toContainText('3 dots left');
  await expectNoSidewaysScroll(p);
  await vote.getByRole('button', { name: 'Place a dot on Action Learning Sets' }).tap();
  await vote.getByRole('button', { name: 'Place a dot on Action Learning Sets' }).tap();
  await vote.getByRole('button', { name: 'Remove a dot from Action Learning Sets' }).tap();
  await expect(vote).toContainText('2 dots left');
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: 'test-results/phone-vote.png' });
  await expect(page.getByRole('region', { name: 'Dot vote' })).toContainText('1 dot from 1 person');
  await page.getByRole('region', { name: 'Dot vote' }).getByRole('button', { name: 'Reveal votes' }).click();
  await expect(vote).toContainText('Vote results');
  await expect(vote.getByRole('listitem').first()).toContainText('Action Learning Sets');

  // The presenter's step reaches the phone, which brings that domain into view.
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(p.getByText('Presenting: Individual Effectiveness')).toBeVisible();
  const pres = page.getByRole('dialog', { name: /^Presentation/ });
  await pres.press('ArrowRight');
  await pres.press('ArrowRight');
  await expect(p.getByText(`Presenting: ${II}`)).toBeVisible();
  await expect(phoneDomain(p, II)).toHaveAttribute('aria-current', 'location');
  await expect(phoneDomain(p, II).getByRole('heading', { name: II })).toBeInViewport();
  await pres.press('Escape');
  await expect(p.getByText(/^Presenting:/)).toHaveCount(0);

  // Following the facilitator: the facilitator's list shows it; their board's domain is shown.
  await p.getByRole('button', { name: `Follow ${facilitator.name}` }).tap();
  await expect(page.getByRole('region', { name: 'Participants' })).toContainText(`${participant.name} following ${facilitator.name}`);
  await page.getByRole('button', { name: `Show domain 4, ${LC}` }).click();
  await expect(p.getByText(`Following ${facilitator.name}, who is looking at ${LC}`)).toBeVisible();
  await expect(phoneDomain(p, LC)).toHaveAttribute('aria-current', 'location');
  await p.getByRole('button', { name: 'Stop following' }).tap();
  await expect(page.getByRole('region', { name: 'Participants' })).not.toContainText('following');
  await expectNoSidewaysScroll(p);
  await phone.context.close();
});

test('a facilitator on a phone runs the timer and opens and closes a vote', async ({ page, browser }) => {
  const link = await createWorkshop(page, 'Facilitating from a phone', { sample: true });
  const context = await browser.newContext(phoneDevice);
  const p = await context.newPage();
  // The start screen fits a phone too.
  await p.goto('/');
  await expect(p.getByRole('button', { name: 'New workshop' })).toBeVisible();
  await expectNoSidewaysScroll(p);
  // The facilitator's own link, on their phone (a new profile, so they say who they are again).
  await p.goto(link);
  await joinAs(p, facilitator);
  await expectConnected(p);

  await p.getByRole('button', { name: 'Start timer' }).tap();
  await expect(page.getByRole('button', { name: 'Pause timer' })).toBeVisible();
  await p.getByRole('button', { name: 'Pause timer' }).tap();
  await expect(page.getByRole('button', { name: 'Start timer' })).toBeVisible();

  await p.getByRole('button', { name: 'Start vote' }).tap();
  const dialog = p.getByRole('dialog', { name: 'Start a dot vote' });
  await expectNoSidewaysScroll(p);
  await p.screenshot({ path: 'test-results/phone-facilitator.png' });
  await dialog.getByLabel('What can be voted on').selectOption('cards');
  await dialog.getByRole('button', { name: 'Open the vote' }).tap();
  await expect(page.getByRole('region', { name: 'Dot vote' })).toContainText('Dot vote open');
  await p.getByRole('region', { name: 'Dot vote' }).getByRole('button', { name: 'Close vote' }).tap();
  await expect(page.getByRole('region', { name: 'Dot vote' })).toHaveCount(0);
  await context.close();
});

test('axe finds nothing serious on the phone view', async ({ page, browser }) => {
  await createWorkshop(page, 'Accessible phone', { sample: true });
  const phone = await openOnPhone(browser, await editLink(page), participant);
  const p = phone.page;
  await page.getByRole('button', { name: 'Start vote' }).click();
  await page.getByRole('button', { name: 'Open the vote' }).click();
  await expect(p.getByRole('region', { name: 'Dot vote' })).toBeVisible();
  await p.getByRole('button', { name: 'Add purpose card' }).tap();
  await p.getByRole('textbox', { name: 'Card text' }).pressSequentially('Home first');
  const results = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect(serious).toEqual([]);
  // Every control a finger can reach is at least 44 px each way.
  const small = await p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.phone button, .phone select, .phone textarea, .phone a')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => `${el.tagName} "${el.getAttribute('aria-label') ?? el.textContent}" ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
  await phone.context.close();
});
