// Steps for the after-the-workshop tests: creating a workshop with its footprint and academy,
// and exporting as a person does (Export menu, then a format).
import { expect, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinAs, expectConnected, facilitator } from './helpers';

export async function exportAs(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('menuitem', { name: label }).click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'slc-export-')), download.suggestedFilename());
  await download.saveAs(path);
  await expect(page.getByRole('status').filter({ hasText: `${label} exported.` })).toBeVisible();
  return path;
}

export interface NewWorkshop {
  title: string;
  footprint?: string;
  /** the academy's name as the form lists it */
  academy?: string;
  date?: string;
  sample?: boolean;
  /** a template offered in "Start from" */
  startFrom?: string;
}

/** Creates a workshop through the New workshop form, filling what is given, and joins it. */
export async function createWorkshopWith(page: Page, w: NewWorkshop): Promise<string> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New workshop' }).click();
  await page.getByRole('textbox', { name: 'Workshop title' }).fill(w.title);
  if (w.footprint) await page.getByRole('textbox', { name: 'Footprint' }).fill(w.footprint);
  if (w.academy) await page.getByRole('combobox', { name: 'Facilitating academy' }).selectOption({ label: w.academy });
  if (w.date) await page.getByLabel('Date').fill(w.date);
  if (w.sample) await page.getByRole('combobox', { name: 'Start from' }).selectOption({ label: 'Worked example (30 cards, 8 interventions)' });
  if (w.startFrom) await page.getByRole('combobox', { name: 'Start from' }).selectOption({ label: w.startFrom });
  await page.getByRole('button', { name: 'Create' }).click();
  // This browser asks who you are once; a second workshop goes straight to the board.
  const name = page.getByRole('textbox', { name: 'Your name' });
  await expect(name.or(page.getByRole('status').filter({ hasText: 'Connected' }))).toBeVisible({ timeout: 15_000 });
  if (await name.isVisible()) await joinAs(page, facilitator);
  await expectConnected(page);
  return page.url();
}
