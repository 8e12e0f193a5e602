import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import Papa from 'papaparse';
import { frameworkIndex as fw } from '../../shared/framework';
import {
  itemsMap,
  metaMap,
  readMeta,
  addMeasure,
  recordOutcome,
  removeMeasure,
  readFollowUp,
  followUpView,
  outcomesMap,
  migrate,
  setItemScalar,
  FollowUpInputError,
  SCHEMA_VERSION,
} from '../../shared/doc';
import { planCsv } from '../../shared/export/csv';
import { workshopMarkdown } from '../../shared/export/markdown';
import { deckOutline } from '../../shared/export/deck-outline';
import { followUpExport } from '../../shared/export/follow-up-rows';
import { sampleDoc, docContent as content } from '../support/sample-content';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};
const itemId = (doc: Y.Doc, title: string) => content(doc).items.find((i) => i.title === title)!.id;

describe('evaluation follow-up', () => {
  it('keeps both outcomes two people record at once against one measure, and both first measures of one item', () => {
    const a = sampleDoc();
    const b = new Y.Doc();
    sync(a, b);
    const item = itemId(a, 'Action Learning Sets');
    const m1 = addMeasure(a, item, { what: 'Median discharge delay (days)', baseline: '9', target: '5', reviewDate: '2027-03-01' });
    const m2 = addMeasure(b, item, { what: 'Sets still meeting', target: '4' });
    sync(a, b);
    recordOutcome(a, m1, { date: '2027-02-01', value: 8, recordedBy: 'Hannah' });
    recordOutcome(b, m1, { date: '2027-03-01', value: 6, rating: 'partly met', note: 'Audit', recordedBy: 'Grace' });
    sync(a, b);
    for (const doc of [a, b]) {
      const view = followUpView(content(doc).items, readFollowUp(doc), '2027-03-15').find((f) => f.item.id === item)!;
      expect(view.measures.map((m) => m.measure.id).sort()).toEqual([m1, m2].sort());
      const measure = view.measures.find((m) => m.measure.id === m1)!;
      expect(measure.outcomes.map((o) => [o.date, o.value, o.recordedBy])).toEqual([
        ['2027-02-01', 8, 'Hannah'],
        ['2027-03-01', 6, 'Grace'],
      ]);
      expect(measure.review).toBe('overdue');
      expect(view.review).toBe('overdue');
    }
  });

  it('refuses bad input with a clear error and leaves the doc as it was', () => {
    const doc = sampleDoc();
    const item = itemId(doc, 'Action Learning Sets');
    const before = Y.encodeStateVector(doc);
    expect(() => addMeasure(doc, item, { what: '' })).toThrow(FollowUpInputError);
    expect(() => addMeasure(doc, 'nope', { what: 'x' })).toThrow(/no longer exists/);
    expect(() => addMeasure(doc, item, { what: 'x', reviewDate: '2027-02-30' })).toThrow(/review date/);
    expect(() => addMeasure(doc, item, { what: 'x'.repeat(5000) })).toThrow(/too long/);
    const m = addMeasure(doc, item, { what: 'Delay' });
    const afterAdd = Y.encodeStateVector(doc);
    expect(() => recordOutcome(doc, m, { date: 'yesterday', value: 1, recordedBy: 'A' })).toThrow(/date/);
    expect(() => recordOutcome(doc, m, { date: '2027-01-01', value: Number.NaN, recordedBy: 'A' })).toThrow(/number/);
    expect(() => recordOutcome(doc, m, { date: '2027-01-01', recordedBy: 'A' })).toThrow(/value, a rating/);
    expect(() => recordOutcome(doc, m, { date: '2027-01-01', rating: 'brilliant' as never, recordedBy: 'A' })).toThrow(/rating/);
    expect(Y.encodeStateVector(doc)).toEqual(afterAdd);
    expect(before).not.toEqual(afterAdd);
    // Junk written straight into the doc by a hostile client is ignored by readers.
    outcomesMap(doc).set('junk', { measureId: m, date: 'soon', value: 'lots' });
    outcomesMap(doc).set('junk2', 42);
    expect(readFollowUp(doc).outcomes).toEqual([]);
  });

  it('removing a measure removes its outcomes; a deleted item leaves no follow-up behind', () => {
    const doc = sampleDoc();
    const item = itemId(doc, 'Action Learning Sets');
    const m = addMeasure(doc, item, { what: 'Delay' });
    recordOutcome(doc, m, { date: '2027-01-01', value: 3, recordedBy: 'A' });
    removeMeasure(doc, m);
    expect(readFollowUp(doc)).toEqual({ measures: [], outcomes: [] });
    const m2 = addMeasure(doc, item, { what: 'Delay' });
    recordOutcome(doc, m2, { date: '2027-01-01', value: 3, recordedBy: 'A' });
    itemsMap(doc).delete(item);
    expect(followUpView(content(doc).items, readFollowUp(doc), '2027-01-01').flatMap((f) => f.measures)).toEqual([]);
  });

  it('migrates a schema 1 doc: items gain "what was learned", and it can be typed in', () => {
    const doc = sampleDoc();
    for (const item of itemsMap(doc).values()) item.delete('learned');
    metaMap(doc).set('schemaVersion', 1);
    expect(migrate(doc)).toEqual([2, 3, 4]);
    expect(SCHEMA_VERSION).toBe(4);
    for (const item of itemsMap(doc).values()) expect(item.get('learned')).toBeInstanceOf(Y.Text);
    expect(readMeta(doc).schemaVersion).toBe(4);
  });

  it('an export says a review falling on today is due today, and one a few days off is due soon', () => {
    const doc = sampleDoc();
    const item = itemId(doc, 'Action Learning Sets');
    addMeasure(doc, item, { what: 'Sets held', reviewDate: '2027-03-01' });
    addMeasure(doc, item, { what: 'Delay (days)', reviewDate: '2027-03-05' });
    const rows = followUpExport(fw, content(doc), '2027-03-01').rows;
    expect(new Map(rows.map((r) => [r.Measure, r.Review]))).toEqual(
      new Map([
        ['Sets held', 'Due today'],
        ['Delay (days)', 'Due soon'],
      ]),
    );
  });

  it('CSV, Markdown and the deck say the same about the follow-up', () => {
    const doc = sampleDoc();
    const item = itemId(doc, 'Action Learning Sets');
    const m = addMeasure(doc, item, { what: 'Median discharge delay (days)', baseline: '9', target: '5', how: 'Monthly audit' });
    recordOutcome(doc, m, { date: '2027-02-01', value: 8, recordedBy: 'Hannah' });
    recordOutcome(doc, m, { date: '2027-03-01', value: 6, note: 'Audit, March', recordedBy: 'Grace' });
    setItemScalar(doc, item, 'status', 'evaluated');
    const c = content(doc);
    const csv = Papa.parse<string[]>(planCsv(fw, c).replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data;
    const blank = csv.findIndex((r) => r.length === 1 && r[0] === '');
    expect(blank).toBe(9);
    const [header, ...rows] = csv.slice(blank + 1).filter((r) => r.length > 1);
    expect(header![0]).toBe('Intervention');
    expect(rows.map((r) => [r[header!.indexOf('Outcome date')], r[header!.indexOf('Value')]])).toEqual([
      ['2027-02-01', '8'],
      ['2027-03-01', '6'],
    ]);
    expect(rows.every((r) => r[header!.indexOf('Review')] === 'Evaluated')).toBe(true);
    const md = workshopMarkdown(fw, readMeta(doc), c);
    expect(md).toContain('## Follow-up');
    expect(md).toContain('NHS Leadership Development Evaluation Framework');
    expect(md).toContain('| 2027-03-01 | 6 | Audit, March | Grace |');
    const slides = deckOutline(fw, readMeta(doc), c);
    const followUp = slides.filter((s) => s.kind === 'follow-up');
    expect(followUp).toHaveLength(1);
    const text = followUp[0]!.boxes.flatMap((b) => b.group.paras.flatMap((p) => p.runs.map((r) => r.text))).join('\n');
    // The deck is read by people: dates in words and the status as the app shows it. CSV and Markdown keep ISO dates for tools.
    expect(text).toContain('Action Learning Sets (Evaluated)');
    expect(text).toContain('1 February 2027: 8');
    expect(text).toContain('1 March 2027: 6. Audit, March');
    expect(text).not.toContain('2027-0');
  });
});
