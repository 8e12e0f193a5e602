import { test, expect } from '@playwright/test';
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
