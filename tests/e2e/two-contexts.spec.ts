import { test, expect } from '@playwright/test';
import WebSocket from 'ws';
import { createWorkshop, editLink, openAs, participant, addCard, card } from './helpers';

test('a card added in one browser appears in another that joined by the edit link', async ({ page, browser }) => {
  await createWorkshop(page, 'Two contexts');
  for (const domain of ['Individual Effectiveness', 'Relationships and Connectivity', 'Innovation and Improvement', 'Learning and Capacity Building']) {
    await expect(page.getByRole('region', { name: domain })).toBeVisible();
  }
  const link = await editLink(page);
  const other = await openAs(browser, link, participant);

  await addCard(page, 'people', 'Relationships and Connectivity', 'Social workers in the discharge team');
  await expect(card(other.page, 'Social workers in the discharge team')).toBeVisible();

  await addCard(other.page, 'place', 'Innovation and Improvement', 'Riverside General discharge lounge');
  await expect(card(page, 'Riverside General discharge lounge')).toBeVisible();

  await expect(page.getByRole('region', { name: 'Participants' })).toContainText(participant.name);
  await expect(other.page.getByRole('region', { name: 'Participants' })).toContainText('Hannah Reid');
  await other.context.close();
});

test('someone on the edit link who shares no name still shows in Participants, and goes when they leave', async ({ page }) => {
  await createWorkshop(page, 'Who is here');
  const link = new URL(await editLink(page));
  const [, id, query] = /^#\/w\/([^?]+)\?(.*)$/.exec(link.hash)!;
  const token = new URLSearchParams(query).get('t')!;
  const panel = page.getByRole('region', { name: 'Participants' });
  await expect(panel.locator('.count')).toHaveText('1');
  // A script speaking the protocol with the link: no presence, so no name, colour or cursor.
  const lurker = new WebSocket(`ws://${link.host}/ws/${id}?token=${encodeURIComponent(token)}`);
  await new Promise((resolve, reject) => {
    lurker.once('open', resolve);
    lurker.once('error', reject);
  });
  await expect(panel).toContainText('Someone not sharing a name');
  await expect(panel).toContainText('Participant link');
  await expect(panel.locator('.count')).toHaveText('2');
  lurker.close();
  await expect(panel).not.toContainText('Someone not sharing a name');
  await expect(panel.locator('.count')).toHaveText('1');
});
