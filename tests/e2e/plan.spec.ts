// Shaping the plan together, the useful criteria, exports and workshop files, as people do it.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createWorkshop, editLink, openAs, participant, planTable, card, joinAs, expectConnected, showInterventionMenu, type Person } from './helpers';

async function openItem(page: Page, title: string): Promise<void> {
  await planTable(page).getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByRole('group', { name: `Details of ${title}` })).toBeVisible();
}

function editor(page: Page, title: string) {
  return page.getByRole('group', { name: `Details of ${title}` });
}

async function addItemByKeyboard(page: Page, intervention: string, domain: string): Promise<void> {
  await showInterventionMenu(page);
  const menu = page.getByRole('region', { name: 'Intervention menu' });
  await menu.getByRole('button', { name: intervention, exact: true }).click();
  await menu.getByRole('combobox', { name: 'Domain', exact: true }).selectOption({ label: domain });
  await menu.getByRole('button', { name: 'Add to plan' }).click();
  await expect(planTable(page).getByRole('button', { name: intervention, exact: true })).toBeVisible();
}

test('two people shape every field of one plan item at once and end up agreeing', async ({ page, browser }) => {
  // Every field is typed key by key, by two people: generous on a busy machine.
  test.setTimeout(180_000);
  await createWorkshop(page, 'Shaping together');
  await addItemByKeyboard(page, 'Action Learning Sets', 'Relationships and Connectivity');
  const other = await openAs(browser, await editLink(page), participant);
  await openItem(page, 'Action Learning Sets');
  await openItem(other.page, 'Action Learning Sets');
  const a = editor(page, 'Action Learning Sets');
  const b = editor(other.page, 'Action Learning Sets');

  // Both type into the same long field at the same time, one at the start and one at the end:
  // both sets of words survive, neither overwrites the other.
  await a.getByLabel('Description').pressSequentially('sets across the pathway.');
  await expect(b.getByLabel('Description')).toHaveValue('sets across the pathway.');
  await a.getByLabel('Description').focus();
  await page.keyboard.press('Control+Home');
  await b.getByLabel('Description').focus();
  await other.page.keyboard.press('Control+End');
  await Promise.all([page.keyboard.type('Monthly action learning ', { delay: 15 }), other.page.keyboard.type(' Six months.', { delay: 15 })]);
  const merged = 'Monthly action learning sets across the pathway. Six months.';
  await expect(a.getByLabel('Description')).toHaveValue(merged);
  await expect(b.getByLabel('Description')).toHaveValue(merged);

  await a.getByLabel('Audience').pressSequentially('Discharge coordinators and social workers (24 people)');
  await b.getByLabel('Delivery route').selectOption({ label: 'Provide directly' });
  await a.getByLabel('Partner').pressSequentially('Yorkshire and the Humber Leadership Academy');
  await b.getByLabel('Owner').pressSequentially('Grace Okafor');
  await a.getByLabel('Start date').fill('2027-01-15');
  await b.getByLabel('End date').fill('2027-06-30');
  await a.getByLabel('Cost').pressSequentially('£6,500');
  await b.getByLabel('Funding source').pressSequentially('Academy funded');
  await a.getByLabel('Measures of success').pressSequentially('Median discharge delay for over-75s');
  await b.getByLabel('Expected impacts').pressSequentially('Shared problem solving across the pathway');
  await b.getByLabel('Status', { exact: true }).selectOption({ label: 'Agreed' });
  await a.getByLabel('Organisation name').fill('Riverside City Council');
  await a.getByLabel('Type of organisation').selectOption('Local authority');
  await a.getByRole('button', { name: 'Add organisation' }).click();

  for (const [p, ed] of [
    [page, a],
    [other.page, b],
  ] as const) {
    await expect(ed.getByLabel('Audience')).toHaveValue('Discharge coordinators and social workers (24 people)');
    await expect(ed.getByLabel('Delivery route')).toHaveValue('provide-directly');
    await expect(ed.getByLabel('Partner')).toHaveValue('Yorkshire and the Humber Leadership Academy');
    await expect(ed.getByLabel('Owner')).toHaveValue('Grace Okafor');
    await expect(ed.getByLabel('Start date')).toHaveValue('2027-01-15');
    await expect(ed.getByLabel('End date')).toHaveValue('2027-06-30');
    await expect(ed.getByLabel('Cost')).toHaveValue('£6,500');
    await expect(ed.getByLabel('Funding source')).toHaveValue('Academy funded');
    await expect(ed.getByLabel('Measures of success')).toHaveValue('Median discharge delay for over-75s');
    await expect(ed.getByLabel('Expected impacts')).toHaveValue('Shared problem solving across the pathway');
    await expect(ed.getByLabel('Status', { exact: true })).toHaveValue('agreed');
    await expect(ed.getByRole('list', { name: 'Organisations involved' })).toContainText('Riverside City Council');
    await expect(planTable(p)).toContainText('Grace Okafor');
  }
  await other.context.close();
});

test('the criteria follow the organisations as they are added and removed', async ({ page }) => {
  await createWorkshop(page, 'Criteria');
  await addItemByKeyboard(page, 'Coaching and Mentoring', 'Individual Effectiveness');
  await openItem(page, 'Coaching and Mentoring');
  const ed = editor(page, 'Coaching and Mentoring');
  const criterion = ed
    .getByRole('group', { name: 'Useful criteria' })
    .getByRole('listitem')
    .filter({ hasText: 'Multi-organisational or multi-agency audience' });
  const funded = ed.getByRole('group', { name: 'Useful criteria' }).getByRole('listitem').filter({ hasText: 'Affordable/funded' });
  await expect(criterion).toContainText('No organisations added yet.');
  await expect(criterion).toContainText(': not met');

  const addOrg = async (name: string, type: string) => {
    await ed.getByLabel('Organisation name').fill(name);
    await ed.getByLabel('Type of organisation').selectOption(type);
    await ed.getByRole('button', { name: 'Add organisation' }).click();
  };
  await addOrg('Riverside Teaching Hospitals', 'NHS trust');
  await expect(criterion).toContainText('Only one organisation involved');
  await addOrg('Vale Community Health', 'NHS trust');
  await expect(criterion).toContainText(': met');
  await expect(criterion).toContainText('Multi-organisational: 2 organisations');
  await addOrg('Riverside City Council', 'Local authority');
  await expect(criterion).toContainText('Multi-agency: 3 organisations of 2 types');
  await ed.getByRole('button', { name: 'Remove Vale Community Health' }).click();
  await ed.getByRole('button', { name: 'Remove Riverside City Council' }).click();
  await expect(criterion).toContainText(': not met');

  await ed.getByLabel('Cost').pressSequentially('£9,000');
  await expect(funded).toContainText('£9,000 has no funding source yet.');
  await ed.getByLabel('Funding source').pressSequentially('Trust development budget');
  await expect(funded).toContainText(': met');
  await expect(planTable(page).getByRole('row').filter({ hasText: 'Coaching and Mentoring' })).toContainText('1/5');
});

async function exportAs(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: label }).click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'slc-export-')), download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

test('exports the worked example as CSV, Markdown, a PDF report and an image', async ({ page }) => {
  test.setTimeout(120_000);
  await createWorkshop(page, 'Riverside exports', { sample: true });
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();

  const csv = Papa.parse<string[]>(readFileSync(await exportAs(page, 'CSV'), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  const [header, ...rows] = csv.data;
  expect(rows).toHaveLength(8);
  expect(header).toContain('Measures of success');
  expect(rows.map((r) => r[0])).toContain('Action Learning Sets');

  const md = readFileSync(await exportAs(page, 'Markdown'), 'utf8');
  expect(md).toContain('# Riverside exports');
  expect(md).toContain('## Relationships and Connectivity');
  expect(md).toContain('| Action Learning Sets |');

  const pdfPath = await exportAs(page, 'PDF report');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  for (const expected of [
    'Riverside exports',
    'The board',
    'Individual Effectiveness',
    'Learning and Capacity Building',
    'The plan',
    'Action Learning Sets',
    'Quality Improvement Skills',
    'Organisations taking part',
    'Plan health',
  ]) {
    expect(text).toContain(expected);
  }
  // Read by people: plan dates in words and statuses as the app shows them, never yyyy-mm-dd or lower case.
  const words = execFileSync('pdftotext', [pdfPath, '-']).toString().replace(/\s+/g, ' ');
  expect(words).toContain('15 January 2027 to 30 June 2027');
  expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(words).toContain('Agreed');
  expect(words).not.toMatch(/\b(proposed|agreed)\b/);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath]).toString())?.[1]);
  expect(pages).toBeGreaterThanOrEqual(7);

  const png = readFileSync(await exportAs(page, 'Image'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(width).toBe(2000);
  expect(height).toBeGreaterThan(1000);
  expect(png.length).toBeGreaterThan(50_000);
});

test('a workshop file saved here opens in a fresh profile with everything in it', async ({ page, browser }) => {
  await createWorkshop(page, 'Emailed workshop', { sample: true });
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();
  const file = await exportAs(page, 'Workshop file');
  expect(file.endsWith('.slcanvas')).toBe(true);
  const rowsHere = await planTable(page).getByRole('row').count();

  const fresh = await browser.newContext();
  const p2 = await fresh.newPage();
  await p2.goto('/');
  await p2.getByLabel('Open a workshop file').setInputFiles(file);
  const someone: Person = { name: 'Ravi Shah', organisation: 'Riverside and Vale ICB', organisationType: 'ICB' };
  await joinAs(p2, someone);
  await expectConnected(p2);
  await expect(p2.getByRole('heading', { name: 'Emailed workshop' })).toBeVisible();
  await expect(card(p2, 'Ward managers and discharge coordinators')).toBeVisible();
  await expect(planTable(p2).getByRole('row')).toHaveCount(rowsHere);
  await fresh.close();
});

test('a corrupt file or a file of another kind gives a clear error and changes nothing', async ({ page }) => {
  await createWorkshop(page, 'Keep me');
  await page.goto('/');
  const dir = mkdtempSync(join(tmpdir(), 'slc-bad-'));
  const pdf = join(dir, 'report.slcanvas');
  writeFileSync(pdf, '%PDF-1.7\nnot a workshop at all');
  const truncated = join(dir, 'truncated.slcanvas');
  writeFileSync(truncated, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(3000, 7)]));

  await page.getByLabel('Open a workshop file').setInputFiles(pdf);
  await expect(page.getByRole('alert')).toContainText('report.slcanvas could not be opened');
  await expect(page.getByRole('alert')).toContainText('not a Systems Leadership Canvas workshop');
  await page.getByLabel('Open a workshop file').setInputFiles(truncated);
  await expect(page.getByRole('alert')).toContainText('truncated.slcanvas could not be opened');
  await expect(page).toHaveURL(/#\/$|\/$/);
  await expect(page.getByRole('link', { name: /Keep me/ })).toBeVisible();
});
