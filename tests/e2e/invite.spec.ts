// Invite people tells the truth about where its links open: on the loopback test host it warns,
// says how to open the workshop to the room, and shows no QR code; on a host with a public URL
// the links and the QR code name that address. (The browser never sends anything to a LAN
// address: the choice among network addresses is unit-tested in tests/unit/invite-address.test.ts.)
import { test, expect } from '@playwright/test';
import { createWorkshop } from './helpers';
import { startPublicUrlHost, PUBLIC_URL, type PublicUrlHost } from './public-url-host';

test('on a host only this computer can reach, Invite people says so, says how to open it, and shows no QR code', async ({ page, baseURL }) => {
  await createWorkshop(page, 'Invite on loopback');
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite people' });
  // The links have arrived (the choice is made from the host's answer), and still work here.
  await expect(dialog.getByRole('textbox', { name: 'Edit link' })).toHaveValue(new RegExp(`^${baseURL}/#/w/`));
  const warning = dialog.getByRole('note', { name: 'Only this computer can open these links' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('would not open on anyone else');
  await expect(warning).toContainText('npm run serve -- --host 0.0.0.0');
  await expect(warning).toContainText('Host on the local network');
  await expect(dialog.getByRole('img')).toHaveCount(0);
  await expect(dialog.getByText('Scan to join')).toHaveCount(0);
  if (process.env.SLC_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/invite-loopback.png' });
});

test.describe('a host reached at its public URL', () => {
  let host: PublicUrlHost;
  test.beforeAll(async () => {
    host = await startPublicUrlHost();
  });
  test.afterAll(() => host?.stop());

  test('its links and QR code name the public URL, with no warning', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: host.url });
    const page = await context.newPage();
    await createWorkshop(page, 'Invite behind a proxy');
    await page.getByRole('button', { name: 'Invite people' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite people' });
    await expect(dialog.getByRole('textbox', { name: 'Edit link' })).toHaveValue(new RegExp(`^${PUBLIC_URL}#/w/[^?]+\\?t=`));
    await expect(dialog.getByRole('textbox', { name: 'View-only link' })).toHaveValue(new RegExp(`^${PUBLIC_URL}#/w/`));
    const qr = dialog.getByRole('img', { name: 'QR code of the edit link' });
    await expect(qr).toBeVisible();
    await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expect(dialog.getByRole('note')).toHaveCount(0);
    await context.close();
  });
});
