// Steps a person takes, shared by the end-to-end tests.
import { expect, type Page, type Browser, type BrowserContext } from '@playwright/test';

export interface Person {
  name: string;
  organisation: string;
  organisationType: string;
}

export const facilitator: Person = { name: 'Hannah Reid', organisation: 'Yorkshire and the Humber Leadership Academy', organisationType: 'Other' };
export const participant: Person = { name: 'Grace Okafor', organisation: 'Riverside City Council', organisationType: 'Local authority' };

/** Answers the one-time "who are you" dialog if it is shown. */
export async function joinAs(page: Page, person: Person): Promise<void> {
  await page.getByRole('textbox', { name: 'Your name' }).fill(person.name);
  await page.getByRole('textbox', { name: 'Organisation', exact: true }).fill(person.organisation);
  await page.getByRole('combobox', { name: 'Organisation type' }).selectOption(person.organisationType);
  await page.getByRole('button', { name: 'Join' }).click();
}

/** Creates a workshop from the start screen and returns its board URL (with the facilitator link). */
export async function createWorkshop(page: Page, title: string, opts: { sample?: boolean; person?: Person } = {}): Promise<string> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New workshop' }).click();
  await page.getByRole('textbox', { name: 'Workshop title' }).fill(title);
  if (opts.sample) await page.getByRole('combobox', { name: 'Start from' }).selectOption({ label: 'Worked example (30 cards, 8 interventions)' });
  await page.getByRole('button', { name: 'Create' }).click();
  await joinAs(page, opts.person ?? facilitator);
  await expectConnected(page);
  return page.url();
}

export async function expectConnected(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 15_000 });
}

/** The edit link from the Invite people dialog. */
export async function editLink(page: Page, kind: 'Edit link' | 'View-only link' = 'Edit link'): Promise<string> {
  await page.getByRole('button', { name: 'Invite people' }).click();
  const box = page.getByRole('textbox', { name: kind });
  await expect(box).toHaveValue(/#\/w\//);
  const value = await box.inputValue();
  await page.getByRole('dialog', { name: 'Invite people' }).getByRole('button', { name: 'Close', exact: true }).click();
  return value;
}

/** A second person in their own browser profile, opening a link. */
export async function openAs(browser: Browser, link: string, person: Person): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await joinAs(page, person);
  await expectConnected(page);
  return { context, page };
}

/** Adds a card of a lens to a domain through the toolbar and types its text. */
export async function addCard(page: Page, lens: 'people' | 'priority' | 'place' | 'purpose', domain: string, text: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Domain for new cards' }).selectOption({ label: domain });
  await page.getByRole('button', { name: `Add ${lens} card` }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();
  await editor.pressSequentially(text);
  await editor.press('Enter');
  await expect(card(page, text)).toBeVisible();
}

/** A card or plan item on the board, by its accessible name. */
export function card(page: Page, text: string) {
  return page.getByRole('application', { name: 'Workshop board' }).getByRole('group', { name: text, exact: true });
}

/** The board (React Flow canvas). */
export function board(page: Page) {
  return page.getByRole('application', { name: 'Workshop board' });
}

/** The plan table and one of its rows, by the plan item's title. */
export function planTable(page: Page) {
  return page.getByRole('table', { name: 'Plan' });
}
export function planRow(page: Page, title: string) {
  return planTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: title }) });
}

/** Opens a tab of the side panel (Details, Framework, Outline). */
export async function openTab(page: Page, name: 'Details' | 'Framework' | 'Outline') {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** Waits until the relay has confirmed every local change as saved. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'all changes saved' })).toBeVisible();
}

/** Waits until the board's view has stopped moving (after an animated zoom or fit). */
export async function viewSettled(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await viewport.evaluate((el) => (el as HTMLElement).style.transform);
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [120] },
    )
    .toBe(true);
}

/** Fits the whole board to the screen with the board's own button, and waits for it. */
export async function fitBoard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit the board to the screen' }).click();
  await viewSettled(page);
}

/**
 * Opens the intervention menu if it is collapsed (it starts collapsed, so the board has the room;
 * on a tablet the same name opens its drawer).
 */
export async function showInterventionMenu(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Intervention menu', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(page.getByRole('region', { name: 'Intervention menu' })).toBeVisible();
}
