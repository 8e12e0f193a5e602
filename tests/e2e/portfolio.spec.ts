// The portfolio: three workshops made here, counted on the host from their files, filtered,
// compared side by side, and exported as a CSV whose rows add up to the counts shown.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import Papa from 'papaparse';
import { expectSaved, planTable } from './helpers';
import { createWorkshopWith } from './after-helpers';

const fw = JSON.parse(readFileSync('resources/framework.json', 'utf8')) as { domains: { name: string }[]; deliveryRoutes: { id: string; name: string }[] };
const sample = JSON.parse(readFileSync('resources/sample-workshop.json', 'utf8')) as { planItems: { domain: string; deliveryRoute: string }[] };

function expectedCounts(copies: number) {
  const perDomain = new Map(fw.domains.map((d) => [d.name, 0]));
  const perRoute = new Map<string, number>();
  for (const p of sample.planItems) {
    const domain = fw.domains.find((d) => d.name.toLowerCase() === p.domain.toLowerCase())!.name;
    perDomain.set(domain, perDomain.get(domain)! + copies);
    const route = fw.deliveryRoutes.find((r) => r.name.toLowerCase() === p.deliveryRoute.toLowerCase())?.name ?? 'Not decided';
    perRoute.set(route, (perRoute.get(route) ?? 0) + copies);
  }
  return { perDomain, perRoute };
}

async function make(page: Page, title: string, footprint: string, academy: string, date: string, sampleData: boolean) {
  await createWorkshopWith(page, { title, footprint, academy, date, sample: sampleData });
  if (sampleData) await expect(planTable(page).getByRole('rowheader')).toHaveCount(8);
  await expectSaved(page);
}

test('a portfolio of three workshops counts domains and routes from the files, compares two, and exports a CSV that adds up', async ({ page }) => {
  test.setTimeout(240_000);
  const footprint = `Portfolio footprint ${Date.now()}`;
  await make(page, 'Riverside first', footprint, 'North East', '2026-09-15', true);
  await make(page, 'Vale second', footprint, 'London', '2026-10-20', true);
  await make(page, 'Hillside third', footprint, 'North East', '2026-11-25', false);

  await page.goto('/');
  await page.getByRole('button', { name: 'Portfolio' }).click();
  const dialog = page.getByRole('dialog', { name: 'Portfolio' });
  await dialog.getByRole('textbox', { name: 'Footprint' }).fill(footprint);
  const table = dialog.getByRole('table', { name: 'Workshops' });
  await expect(table.getByRole('rowheader')).toHaveCount(3);
  await expect(table.getByRole('row').filter({ hasText: 'Hillside third' })).toContainText('no plan yet');

  const { perDomain, perRoute } = expectedCounts(2);
  const summary = dialog.getByRole('region', { name: 'Across the chosen workshops' });
  await expect(summary.getByRole('status')).toContainText(`3 workshops · ${sample.planItems.length * 2} interventions`);
  const domains = summary.getByRole('region', { name: 'Interventions per domain' });
  for (const [name, n] of perDomain) await expect(domains.getByRole('listitem', { name: `${name}: ${n}` })).toBeVisible();
  const routes = summary.getByRole('region', { name: 'Delivery routes' });
  for (const [name, n] of perRoute) await expect(routes.getByRole('listitem', { name: `${name}: ${n}` })).toBeVisible();
  await expect(summary.getByRole('region', { name: 'Domains left uncovered' }).getByRole('listitem')).toHaveCount(4);

  // Filters: by academy, then by date.
  await dialog.getByRole('combobox', { name: 'Academy' }).selectOption({ label: 'London' });
  await expect(table.getByRole('rowheader')).toHaveText(['Vale second']);
  await dialog.getByRole('combobox', { name: 'Academy' }).selectOption({ label: 'Any' });
  await dialog.getByRole('textbox', { name: 'From', exact: true }).fill('2026-10-01');
  await expect(table.getByRole('rowheader')).toHaveCount(2);
  await dialog.getByRole('textbox', { name: 'From', exact: true }).fill('');
  await expect(table.getByRole('rowheader')).toHaveCount(3);

  // Two side by side.
  const compare = dialog.getByRole('region', { name: 'Compare two workshops' });
  // Workshops often share a title: each is offered with its date and footprint.
  await compare.getByRole('combobox', { name: 'First workshop' }).selectOption({ label: `Riverside first · 15 September 2026 · ${footprint}` });
  await compare.getByRole('combobox', { name: 'Second workshop' }).selectOption({ label: `Hillside third · 25 November 2026 · ${footprint}` });
  const cmp = compare.getByRole('table', { name: 'Comparison' });
  const once = expectedCounts(1);
  for (const [name, n] of once.perDomain)
    await expect(
      cmp
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
        .getByRole('cell'),
    ).toHaveText([String(n), '0']);
  await page.screenshot({ path: test.info().outputPath('portfolio.png') });

  // Leave one out, then export: the CSV has a row per intervention of the chosen workshops.
  await table.getByRole('checkbox', { name: 'Include Vale second' }).uncheck();
  await expect(summary.getByRole('status')).toContainText(`2 workshops · ${sample.planItems.length} interventions`);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export portfolio CSV' }).click()]);
  const csv = Papa.parse<Record<string, string>>(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  expect(csv.data).toHaveLength(sample.planItems.length);
  expect(new Set(csv.data.map((r) => r['Workshop']))).toEqual(new Set(['Riverside first']));
  for (const [name, n] of once.perDomain) expect(csv.data.filter((r) => r['Domain'] === name)).toHaveLength(n);
  for (const [name, n] of once.perRoute) expect(csv.data.filter((r) => (r['Delivery route'] || 'Not decided') === name)).toHaveLength(n);

  const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export portfolio PDF' }).click()]);
  const text = execFileSync('pdftotext', ['-layout', await pdf.path(), '-']).toString();
  expect(text).toContain(`2 workshops, ${sample.planItems.length} planned interventions`);
  expect(text).toContain('Riverside first');
  expect(text).not.toContain('Vale second');
  for (const name of once.perDomain.keys()) expect(text).toContain(name);
});
