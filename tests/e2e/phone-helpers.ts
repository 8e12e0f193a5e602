// Phones and tablets for the end-to-end tests: Chromium's mobile emulation with touch on.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { joinAs, expectConnected, type Person } from './helpers';

export const phoneDevice = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
export const tabletDevice = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true };

/** Opens a link on a phone in its own browser profile and joins as a person. */
export async function openOnPhone(browser: Browser, link: string, person: Person): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(phoneDevice);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await joinAs(page, person);
  await expectConnected(page);
  return { context, page };
}

/** Nothing on the page is wider than the screen. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const sizes = await page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return { scroll: el.scrollWidth, client: el.clientWidth, body: document.body.scrollWidth };
  });
  expect(sizes.scroll, 'page scrolls sideways').toBeLessThanOrEqual(sizes.client);
  expect(sizes.body, 'body scrolls sideways').toBeLessThanOrEqual(sizes.client);
}

/** A domain's cards on the phone: a region named by the domain. */
export function phoneDomain(page: Page, domain: string) {
  return page.getByRole('region', { name: domain, exact: true });
}

/** A card in the phone's list, by its words. */
export function phoneCard(page: Page, domain: string, text: string) {
  return phoneDomain(page, domain)
    .getByRole('listitem')
    .filter({ has: page.getByText(text, { exact: true }) });
}
