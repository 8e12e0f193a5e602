// A host on a server with a host key, opened in a browser through its own address (here a DNS
// name mapped to loopback, so the browser is not "the host machine" there): the start screen asks
// for the key once, says plainly when it is wrong, creates the workshop with the right one, and
// keeps it for this browser session only. A join link, in a browser profile of its own, never asks.
import { test, expect, type Browser } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { launchTrustingHost, startTlsHost, type TlsHost } from './tls-host-process';
import { joinAs, expectConnected, participant, facilitator, editLink } from './helpers';

const SERVER_NAME = 'canvas.example.test';
const HOST_KEY = 'e2e-start-screen-key-7d41c0b9a2';

let server: TlsHost | undefined;
let browser: Browser | undefined;
let origin = '';

test.beforeAll(async ({ browserName }, testInfo) => {
  expect(browserName).toBe('chromium');
  server = await startTlsHost({ names: [SERVER_NAME], hostKey: HOST_KEY });
  origin = `https://${SERVER_NAME}:${server.port}`;
  browser = await launchTrustingHost(server, SERVER_NAME, testInfo.project.use.launchOptions);
});

test.afterAll(async () => {
  await browser?.close();
  server?.stop();
});

test('the start screen asks for the host key, refuses a wrong one, creates with the right one, and a join link never asks', async () => {
  const context = await browser!.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto('/');
  const keyField = page.getByLabel('Host key');
  await expect(keyField).toBeVisible();
  await expect(keyField).toHaveAttribute('type', 'password');
  await expect(page.getByText('Whoever runs the host finds it')).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // New workshop before the key leads to the field rather than to a form the host would refuse.
  await page.getByRole('button', { name: 'New workshop' }).click();
  await expect(page.getByRole('dialog', { name: 'New workshop' })).toHaveCount(0);
  await expect(keyField).toBeFocused();

  await keyField.fill('not-the-key-0000000000000');
  await page.getByRole('button', { name: 'Use this key' }).click();
  await expect(page.getByRole('alert')).toContainText('That host key is not right');
  await expect(keyField).toHaveAttribute('aria-invalid', 'true');

  await keyField.fill(HOST_KEY);
  await page.getByRole('button', { name: 'Use this key' }).click();
  await expect(page.getByText('Host key accepted for this browser session')).toBeVisible();
  await expect(keyField).toHaveCount(0);
  // Session only: never in localStorage, where it would outlive the browser session.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(HOST_KEY);
  expect(await page.evaluate(() => sessionStorage.getItem('slc.hostKey'))).toBe(HOST_KEY);

  await page.getByRole('button', { name: 'New workshop' }).click();
  await page.getByRole('textbox', { name: 'Workshop title' }).fill('Keyed at the start screen');
  await page.getByRole('button', { name: 'Create' }).click();
  await joinAs(page, facilitator);
  await expectConnected(page);
  await expect(page.getByRole('heading', { name: 'Keyed at the start screen' })).toBeVisible();
  expect(page.url()).not.toContain(HOST_KEY);
  const link = await editLink(page);
  expect(link.startsWith(`${origin}/#/w/`)).toBe(true);

  // Back on the start screen in the same session, the key is not asked again.
  await page.goto('/');
  await expect(page.getByText('Host key accepted for this browser session')).toBeVisible();
  await expect(page.getByLabel('Host key')).toHaveCount(0);

  // Someone else, with only the link: no host key anywhere on the way in.
  const other = await browser!.newContext();
  const guest = await other.newPage();
  await guest.goto(link);
  await joinAs(guest, participant);
  await expectConnected(guest);
  await expect(guest.getByRole('heading', { name: 'Keyed at the start screen' })).toBeVisible();
  await expect(guest.getByLabel('Host key')).toHaveCount(0);
  await other.close();

  expect(server!.log()).toContain('created workshop');
  expect(server!.log()).not.toContain(HOST_KEY);
  await context.close();
});

test('a host key that stops working is asked for again', async () => {
  const context = await browser!.newContext({ baseURL: origin });
  const page = await context.newPage();
  // A key kept from earlier in the session that the host no longer takes (it was changed).
  await page.goto('/');
  // Once the page has asked the host (no key yet), so the key below is first read after the reload.
  await expect(page.getByLabel('Host key')).toBeVisible();
  await page.evaluate(() => sessionStorage.setItem('slc.hostKey', 'an-old-key-the-host-dropped-0000'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('That host key is not right');
  await expect(page.getByLabel('Host key')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('slc.hostKey'))).toBeNull();
  await context.close();
});
