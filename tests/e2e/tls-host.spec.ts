// The host on the internet, as a browser meets it: `serve` with a certificate made for this test
// serves the app over HTTPS and the relay over WSS; Chromium trusting exactly that certificate's
// key (not "ignore every certificate error") creates a workshop, and a second person joins by
// the edit link and edits while the first watches.
import { test, expect, chromium, type Browser } from '@playwright/test';
import { startTlsHost, type TlsHost } from './tls-host-process';
import { createWorkshop, editLink, openAs, participant, addCard, card } from './helpers';

let host: TlsHost | undefined;
let trusting: Browser | undefined;
let httpsUrl = '';
let spki = '';

test.beforeAll(async () => {
  host = await startTlsHost();
  httpsUrl = host.url;
  spki = host.spki;
});

test.afterAll(async () => {
  await trusting?.close();
  host?.stop();
});

test('a browser that does not trust the certificate is stopped', async ({ page }) => {
  await expect(page.goto(`${httpsUrl}/`)).rejects.toThrow(/ERR_CERT/);
});

test('a browser trusting the certificate creates a workshop over HTTPS, and a second person joins and edits over WSS', async () => {
  const launch = test.info().project.use.launchOptions ?? {};
  trusting = await chromium.launch({ ...launch, args: [...(launch.args ?? []), `--ignore-certificate-errors-spki-list=${spki}`] });
  const context = await trusting.newContext({ baseURL: httpsUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  const boardUrl = await createWorkshop(page, 'Remote over TLS');
  expect(boardUrl.startsWith(`${httpsUrl}/`)).toBe(true);
  expect(sockets.length).toBeGreaterThan(0);
  for (const url of sockets) expect(url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws\//);

  const link = await editLink(page);
  expect(link.startsWith(`${httpsUrl}/`)).toBe(true);
  const other = await openAs(trusting, link, participant);
  await addCard(other.page, 'people', 'Learning and Capacity Building', 'Remote carers forum');
  await expect(card(page, 'Remote carers forum')).toBeVisible();
  await addCard(page, 'place', 'Innovation and Improvement', 'Community hub over TLS');
  await expect(card(other.page, 'Community hub over TLS')).toBeVisible();
  await other.context.close();
  await context.close();
});
