import { describe, it, expect } from 'vitest';
import { frameworkIndex as fw } from '../../shared/framework';
import { itemsMap, readMeta, replaceItemText } from '../../shared/doc';
import { deckOutline } from '../../shared/export/deck-outline';
import { flow, wrapLines } from '../../shared/export/text-flow';
import { sampleDoc, docContent as content } from '../support/sample-content';
import { expectInside } from '../support/slide-checks';

const deckText = (slides: ReturnType<typeof deckOutline>, kind?: string) =>
  slides
    .filter((s) => !kind || s.kind === kind)
    .flatMap((s) => s.boxes.flatMap((b) => b.group.paras.flatMap((p) => p.runs.map((r) => r.text))))
    .join('\n');

describe('PowerPoint deck outline', () => {
  it('reads as the app does: counts in the singular for one, dates in words, status in sentence case', () => {
    const all = content(sampleDoc());
    const only = {
      ...all.items[0]!,
      status: 'in delivery' as const,
      start: '2027-01-15',
      end: '2027-06-30',
      organisations: [{ name: 'Riverside City Council', type: 'Local authority' as const }],
    };
    const one = { cards: all.cards.slice(0, 1), items: [only], links: [], followUp: { measures: [], outcomes: [] } };
    const slides = deckOutline(fw, readMeta(sampleDoc()), one);
    const text = deckText(slides);
    expect(text).toContain('1 Start Anywhere card · 1 planned intervention');
    expect(text).not.toMatch(/\b1 (planned )?interventions\b|\b1 organisations\b|\b1 cards\b/);
    expect(deckText(slides, 'plan')).toContain('Dates: 15 January 2027 to 30 June 2027');
    expect(text).not.toContain('2027-01-15');
    expect(deckText(slides, 'plan')).toContain(' · In delivery');
    expect(deckText(slides, 'domain')).toMatch(/^In delivery/m);
    expect(text).not.toMatch(/\bin delivery\b/);
    expect(deckText(slides, 'health')).toContain('1 organisation takes part: Local authority (1).');
    expect(deckText(slides, 'health')).toMatch(/^• [01] of 1 card (is|are) not yet linked to an intervention\.$/m);
    expect(slides.find((s) => s.kind === 'plan')!.subheading).toBe('1 intervention: criteria, delivery and evaluation');
  });

  it('has a title slide, a slide per domain, the plan and plan health for the worked example', () => {
    const doc = sampleDoc();
    const slides = deckOutline(fw, readMeta(doc), content(doc));
    expect(slides[0]!.kind).toBe('title');
    for (const d of fw.framework.domains) expect(slides.some((s) => s.kind === 'domain' && s.heading === d.name)).toBe(true);
    const planText = slides
      .filter((s) => s.kind === 'plan')
      .flatMap((s) => s.boxes.flatMap((b) => b.group.paras.flatMap((p) => p.runs.map((r) => r.text))))
      .join('\n');
    for (const item of content(doc).items) expect(planText).toContain(item.title);
    expect(slides.at(-1)!.kind).toBe('health');
    expectInside(slides);
  });

  it('flows a very long plan onto more slides without shrinking the type or losing words', () => {
    const doc = sampleDoc();
    const long = 'Quarterly staff survey on joint working across the footprint, with interviews. '.repeat(60);
    for (const id of itemsMap(doc).keys()) replaceItemText(doc, id, 'measuresOfSuccess', long);
    const slides = deckOutline(fw, readMeta(doc), content(doc));
    const plan = slides.filter((s) => s.kind === 'plan');
    expect(plan.length).toBeGreaterThan(4);
    expect(plan[1]!.heading).toBe('The plan (continued)');
    expectInside(slides);
    const words = plan.flatMap((s) => s.boxes.flatMap((b) => b.group.paras.flatMap((p) => p.runs.map((r) => r.text)))).join(' ');
    expect(words.split('Quarterly staff survey').length - 1).toBe(60 * content(doc).items.length);
  });

  it('wraps at word boundaries and cuts only words longer than a line', () => {
    expect(wrapLines('one two three', 14, 10)).toEqual(['one two three']);
    const lines = wrapLines('x'.repeat(300), 14, 2);
    expect(lines.every((l) => l.length <= 300)).toBe(true);
    expect(lines.join('')).toBe('x'.repeat(300));
  });

  it('never leaves a heading alone at the foot of a column', () => {
    const para = (text: string, keepWithNext = false) => ({ runs: [{ text }], size: 14, keepWithNext });
    const pages = flow([{ paras: [para('filler '.repeat(200))] }, { paras: [para('Heading', true), para('body '.repeat(400))] }], {
      columns: [{ x: 0, w: 4 }],
      top: 0,
      bottom: 5,
    });
    for (const page of pages) for (const box of page) expect(box.group.paras.at(-1)!.keepWithNext).toBeFalsy();
  });
});
