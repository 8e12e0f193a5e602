import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { frameworkIndex as fw } from '../../shared/framework';
import {
  makeTemplate,
  applyTemplate,
  parseTemplate,
  initWorkshop,
  addTable,
  seat,
  seatsMap,
  tablesMap,
  readTable,
  orderedTables,
  type TemplatePart,
} from '../../shared/doc';

const tablesOf = (doc: Y.Doc) => new Map([...tablesMap(doc)].map(([id, e]) => [id, readTable(id, e)]));
import { sampleDoc, docContent } from '../support/sample-content';
import sample from '../../resources/sample-workshop.json';

const agenda = [{ title: 'Private writing', minutes: 10, mode: 'drafting' as const }];

describe('workshop templates', () => {
  it('keeps only the chosen parts and nothing about people', () => {
    const c = docContent(sampleDoc());
    const all = makeTemplate('All', '', { agenda, cards: c.cards, items: c.items }, new Set<TemplatePart>(['agenda', 'cards', 'items', 'notes']));
    const raw = JSON.stringify(all);
    for (const p of sample.participants) expect(raw).not.toContain(p.name);
    expect(all.items![0]!.notes).toBeDefined();
    const cardsOnly = makeTemplate('Cards', '', { agenda, cards: c.cards, items: c.items }, new Set<TemplatePart>(['cards']));
    expect(cardsOnly.agenda).toBeUndefined();
    expect(cardsOnly.items).toBeUndefined();
    expect(cardsOnly.cards).toHaveLength(30);
  });

  it('round-trips through a file into a new workshop', () => {
    const c = docContent(sampleDoc());
    const t = parseTemplate(
      JSON.stringify(makeTemplate('T', '', { agenda, cards: c.cards, items: c.items }, new Set<TemplatePart>(['cards', 'items', 'notes']))),
    );
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'New', footprint: '', academyId: '', date: '' });
    applyTemplate(doc, fw, t);
    const n = docContent(doc);
    expect(n.cards.map((x) => x.text).sort()).toEqual(c.cards.map((x) => x.text).sort());
    expect(n.items.map((x) => x.title).sort()).toEqual(c.items.map((x) => x.title).sort());
    expect(n.items.every((x) => x.owner === '' && x.organisations.length === 0 && x.votes === null)).toBe(true);
    expect(n.cards.every((x) => x.author === '' && x.organisation === '')).toBe(true);
    expect(n.links).toEqual([]);
    expect(n.items.find((x) => x.title === 'Action Learning Sets')!.measuresOfSuccess).not.toBe('');
  });

  it('carries the tables and their briefs, in order, but never who sat where', () => {
    const source = new Y.Doc();
    initWorkshop(source, { title: 'Tables', footprint: '', academyId: '', date: '' });
    const north = addTable(source, 'Bassetlaw', 'Discharge across the county line');
    addTable(source, 'Mansfield');
    seat(source, { name: 'Grace Okafor', organisation: 'Riverside City Council', organisationType: 'Local authority' }, north);
    const tables = orderedTables(tablesOf(source));
    const t = parseTemplate(JSON.stringify(makeTemplate('T', '', { agenda, tables, cards: [], items: [] }, new Set<TemplatePart>(['tables']))));
    expect(JSON.stringify(t)).not.toContain('Grace');
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'New', footprint: '', academyId: '', date: '' });
    applyTemplate(doc, fw, t);
    expect(orderedTables(tablesOf(doc)).map((x) => [x.name, x.brief])).toEqual([
      ['Bassetlaw', 'Discharge across the county line'],
      ['Mansfield', ''],
    ]);
    expect(seatsMap(doc).size).toBe(0);
    expect(() => parseTemplate(JSON.stringify({ ...t, tables: [{ name: '', brief: '' }] }))).toThrow(/tables\.0\.name/);
  });

  it('refuses a file that is not a template, or places things in unknown domains, with a reason', () => {
    expect(() => parseTemplate('not json')).toThrow(/not JSON/);
    expect(() =>
      parseTemplate(
        '{"format":"slc-template","version":1,"name":"x","description":"","cards":[{"kind":"people","text":"x","domainId":"d","tags":[],"extra":1}]}',
      ),
    ).toThrow(/not a workshop template/);
    const t = parseTemplate(
      '{"format":"slc-template","version":1,"name":"x","description":"","cards":[{"kind":"people","text":"x","domainId":"nowhere","tags":[]}]}',
    );
    const doc = new Y.Doc();
    expect(() => applyTemplate(doc, fw, t)).toThrow(/unknown domain/);
    expect(docContent(doc).cards).toEqual([]);
  });
});
