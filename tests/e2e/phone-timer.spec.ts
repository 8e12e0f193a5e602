// On a phone the workshop timer stays in view however far down the cards a person scrolls.
import { test, expect, type Page } from '@playwright/test';
import { createWorkshop, editLink, participant } from './helpers';
import { openOnPhone, phoneDomain } from './phone-helpers';

/** Whether the timer is whole on screen and nothing covers it (what a finger or an eye finds there). */
async function timerInView(p: Page) {
  return p.getByRole('timer', { name: 'Workshop timer' }).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const onTop = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { top: r.top, bottom: r.bottom, height: window.innerHeight, uncovered: !!onTop && (onTop === el || el.contains(onTop)) };
  });
}

test('a phone keeps the running timer in view while scrolling down to the last domain', async ({ page, browser }) => {
  await createWorkshop(page, 'Phone timer', { sample: true });
  const phone = await openOnPhone(browser, await editLink(page), participant);
  const p = phone.page;
  await page.getByRole('button', { name: 'Start timer' }).click();
  const timer = p.getByRole('timer', { name: 'Workshop timer' });
  await expect(timer).toHaveText(/^[0-9]:[0-5][0-9]$/);

  // Far down the page: the last domain's cards are on screen and the page has really scrolled.
  const last = phoneDomain(p, 'Learning and Capacity Building');
  await last.getByRole('listitem').last().scrollIntoViewIfNeeded();
  await p.mouse.wheel(0, 20_000);
  await expect.poll(() => p.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
  const at = await timerInView(p);
  expect(at.top).toBeGreaterThanOrEqual(0);
  expect(at.bottom).toBeLessThanOrEqual(at.height);
  expect(at.uncovered).toBe(true);
  if (process.env.SLC_SCREENSHOTS) await p.screenshot({ path: 'docs/screenshots/phone-timer.png' });
  // Still the live timer, counting down.
  const before = await timer.textContent();
  await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(before);

  // A domain scrolled to starts below the sticky top, not under it.
  const heading = last.getByRole('heading', { level: 2 });
  await heading.evaluate((h) => h.closest('section')!.scrollIntoView({ block: 'start' }));
  const top = await p.locator('.phone-top').evaluate((el) => el.getBoundingClientRect().bottom);
  expect((await heading.boundingBox())!.y).toBeGreaterThanOrEqual(top);
  await phone.context.close();
});
