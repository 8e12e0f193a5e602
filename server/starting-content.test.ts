// The worked example as the host writes it into a new workshop: it follows the academy chosen in
// the New workshop form, and its cards are linked to the interventions they led to.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { startingContent } from './starting-content';
import { initWorkshop, readMeta } from '../shared/doc';
import { frameworkIndex as fw } from '../shared/framework';
import { planHealth } from '../shared/doc/plan-health';
import { docContent } from '../tests/support/sample-content';
import sample from '../resources/sample-workshop.json';

function workedExample(academyId: string) {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Worked example', footprint: '', academyId, date: '' });
  startingContent('worked-example').seed!(doc);
  return { doc, content: docContent(doc) };
}

/** Every word a person can read in the doc's cards and plan items. */
const allText = (c: ReturnType<typeof docContent>) =>
  JSON.stringify([c.cards.map((x) => [x.text, x.organisation]), c.items.map((i) => [i.partner, i.organisations, i.audience, i.funding, i.measuresOfSuccess])]);

describe('the worked example in a new workshop', () => {
  it('names the chosen academy as the partner, never Yorkshire and the Humber', () => {
    const { doc, content } = workedExample('london');
    expect(readMeta(doc).academyId).toBe('london');
    const written = sample.planItems.filter((p) => p.partner === 'Yorkshire and the Humber').length;
    expect(written).toBeGreaterThan(0);
    expect(content.items.filter((i) => i.partner === 'London')).toHaveLength(written);
    expect(allText(content)).not.toContain('Yorkshire');
    // The other partners (an AHSN, HEE) stay as written.
    expect(content.items.map((i) => i.partner)).toContain('Academic Health Science Network');
  });

  it('with no academy chosen, names the Local Leadership Academy', () => {
    const { content } = workedExample('');
    expect(content.items.filter((i) => i.partner === 'Local Leadership Academy').length).toBeGreaterThan(0);
    expect(allText(content)).not.toContain('Yorkshire');
  });

  it('keeps Yorkshire and the Humber when that is the academy chosen', () => {
    const { content } = workedExample('yorkshire-and-the-humber');
    expect(content.items.filter((i) => i.partner === 'Yorkshire and the Humber').length).toBeGreaterThan(0);
  });

  it('links cards to the interventions they led to, card to intervention, and leaves some for the room to take up', () => {
    const { content } = workedExample('london');
    const cards = new Map(content.cards.map((c) => [c.id, c]));
    const items = new Map(content.items.map((i) => [i.id, i]));
    expect(content.links.length).toBeGreaterThanOrEqual(8);
    for (const l of content.links) {
      expect(cards.has(l.from)).toBe(true);
      expect(items.has(l.to)).toBe(true);
    }
    const linked = (title: string) =>
      content.links
        .filter((l) => items.get(l.to)!.title === title)
        .map((l) => cards.get(l.from)!.text)
        .sort();
    expect(linked('Action Learning Sets')).toEqual([
      'Housing officers who arrange adaptations',
      'One shared plan per person leaving hospital',
      'People go home sooner and stay home',
      'Social workers in the hospital discharge team',
    ]);
    // Every intervention came from something the room said.
    for (const i of content.items) expect(linked(i.title).length, i.title).toBeGreaterThan(0);
    const health = planHealth(fw, content.cards, content.items, content.links);
    expect(health.unaddressedCards.length).toBe(7);
  });
});
