// The deck for the board: Export › PowerPoint writes an editable .pptx of the presentation.
import { test, expect } from '@playwright/test';
import { readFileSync, copyFileSync } from 'node:fs';
import JSZip from 'jszip';
import { card, planTable } from './helpers';
import { exportAs, createWorkshopWith } from './after-helpers';

const EMU = 914_400;
const framework = JSON.parse(readFileSync('resources/framework.json', 'utf8')) as { domains: { name: string }[] };

/** Every text the slide holds, in order (runs joined per paragraph). */
function slideText(xml: string): string {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => [...p[1]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join('')).join('\n');
}

test('exports the worked example as an editable PowerPoint deck', async ({ page }) => {
  test.setTimeout(120_000);
  await createWorkshopWith(page, {
    title: 'Riverside board deck',
    footprint: 'Riverside and Vale Integrated Care System',
    academy: 'Yorkshire and the Humber',
    date: '2026-11-12',
    sample: true,
  });
  await expect(card(page, 'Ward managers and discharge coordinators')).toBeVisible();
  const titles = (await planTable(page).getByRole('rowheader').allInnerTexts()).map((t) => t.trim());
  expect(titles.length).toBe(8);

  const path = await exportAs(page, 'PowerPoint');
  expect(path).toMatch(/\.pptx$/);
  const zip = await JSZip.loadAsync(readFileSync(path));
  const pres = await zip.file('ppt/presentation.xml')!.async('string');
  const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(pres)!;
  const [slideW, slideH] = [Number(size[1]), Number(size[2])];
  expect(slideW / EMU).toBeCloseTo(13.333, 2);

  const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  names.sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  const slides = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
  const texts = slides.map(slideText);

  // One slide per step: title, each domain in framework order, the plan, plan health.
  expect(texts[0]).toContain('Riverside board deck');
  expect(texts[0]).toContain('Riverside and Vale');
  expect(texts[0]).toContain('Yorkshire and the Humber Leadership Academy');
  expect(texts[0]).toContain('12 November 2026');
  const headings = texts.map((t) => t.split('\n')[0]!);
  const domainNames = framework.domains.map((d) => d.name);
  // A step that does not fit one slide continues on the next, headed "(continued)".
  const steps = headings.slice(1).map((h) => h.replace(/ \(continued\)$/, ''));
  expect(steps.filter((s, i) => s !== steps[i - 1])).toEqual([...domainNames, 'The plan', 'Plan health']);
  for (const [i, h] of headings.entries()) if (h.endsWith('(continued)')) expect(h.startsWith(steps[i - 2]!)).toBe(true);
  const planSlides = headings.map((h, i) => [h, i] as const).filter(([h]) => h.startsWith('The plan'));
  const planText = planSlides.map(([, i]) => texts[i]).join('\n');
  for (const t of titles) expect(planText).toContain(t);
  const all = texts.join('\n');
  for (const d of domainNames) expect(all).toContain(d);

  // Text stays text, and nothing runs off a slide.
  for (const [i, xml] of slides.entries()) {
    expect(xml).not.toContain('<p:pic>');
    const frames = [...xml.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/g)];
    expect(frames.length, `slide ${i + 1} has shapes`).toBeGreaterThan(1);
    for (const f of frames) {
      const [x, y, w, h] = f.slice(1, 5).map(Number) as [number, number, number, number];
      expect(x, `slide ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(y, `slide ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(x + w, `slide ${i + 1}`).toBeLessThanOrEqual(slideW);
      expect(y + h, `slide ${i + 1}`).toBeLessThanOrEqual(slideH);
    }
    // Nothing smaller than 12 pt (sizes are in hundredths of a point).
    for (const s of xml.matchAll(/ sz="(\d+)"/g)) expect(Number(s[1]), `slide ${i + 1}`).toBeGreaterThanOrEqual(1200);
  }
  // Colours follow the domains: each domain's colour appears on its slide.
  for (const [i, hex] of ['0072C6', '7C3F98', '00796B', 'C0501A'].entries()) expect(slides[headings.indexOf(domainNames[i]!)]).toContain(hex);
  copyFileSync(path, test.info().outputPath('deck.pptx'));
});
