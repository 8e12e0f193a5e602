import { describe, it, expect } from 'vitest';
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WorkshopFolder } from './workshop-folder';
import { Portfolio } from './portfolio';
import { frameworkIndex as fw } from '../shared/framework';
import { loadSample } from '../shared/doc';
import { aggregatePortfolio, portfolioCsv, summariseWorkshop } from '../shared/export/portfolio';
import { readMeta } from '../shared/doc';
import { sampleDoc, docContent } from '../tests/support/sample-content';
import sample from '../resources/sample-workshop.json';

describe('portfolio on the host', () => {
  it('summarises workshop files without a live room, and rereads a file only when it changes', () => {
    const store = new WorkshopFolder(mkdtempSync(join(tmpdir(), 'slc-portfolio-')));
    const a = store.create({ title: 'A', footprint: 'Riverside', academyId: 'london', date: '2026-10-01' });
    const b = store.create({ title: 'B', footprint: 'Vale', academyId: 'london', date: '2026-11-01' });
    const doc = new Y.Doc();
    const file = store.open(a.id);
    file.loadInto(doc);
    const before = Y.encodeStateVector(doc);
    loadSample(doc, sample, fw, null, false);
    file.append([Y.encodeStateAsUpdate(doc, before)]);
    file.close();

    const portfolio = new Portfolio(store);
    const first = portfolio.summaries();
    expect(first.map((w) => w.title).sort()).toEqual(['A', 'B']);
    const sa = first.find((w) => w.id === a.id)!;
    expect(sa.interventions).toHaveLength(sample.planItems.length);
    expect(first.find((w) => w.id === b.id)!.planStatus).toBe('no plan yet');
    // Unchanged files come from the cache (the same objects).
    expect(portfolio.summaries().find((w) => w.id === a.id)).toBe(sa);
    utimesSync(store.pathOf(a.id), new Date(), new Date(Date.now() + 5000));
    expect(portfolio.summaries().find((w) => w.id === a.id)).not.toBe(sa);

    const agg = aggregatePortfolio(fw, first);
    expect(agg.perDomain.reduce((s, d) => s + d.count, 0)).toBe(sample.planItems.length);
    expect(agg.uncoveredDomains.map((d) => d.count)).toEqual([1, 1, 1, 1]);
    const rows = portfolioCsv(fw, first).trim().split('\r\n');
    expect(rows).toHaveLength(1 + sample.planItems.length);
  });

  it('counts a renamed intervention with the framework intervention it came from, and a custom one by its own name', () => {
    const doc = sampleDoc();
    const plain = docContent(doc);
    const renamed = {
      ...plain,
      items: plain.items.map((i) =>
        i.title === 'Action Learning Sets'
          ? { ...i, title: 'Action Learning Sets for discharge leads', customTitle: 'Action Learning Sets for discharge leads' }
          : i,
      ),
    };
    const custom = { ...plain, items: [{ ...plain.items[0]!, interventionId: null, title: 'Discharge huddles', customTitle: 'Discharge huddles' }] };
    const summaries = [plain, renamed, custom].map((c, n) => summariseWorkshop(fw, `w${n}`, readMeta(doc), c));
    expect(summaries[1]!.interventions.find((i) => i.title === 'Action Learning Sets for discharge leads')!.framework).toBe('Action Learning Sets');
    const counts = new Map(aggregatePortfolio(fw, summaries).interventions.map((t) => [t.key, t.count]));
    expect(counts.get('Action Learning Sets')).toBe(2);
    expect(counts.has('Action Learning Sets for discharge leads')).toBe(false);
    expect(counts.get('Discharge huddles')).toBe(1);
    // The CSV keeps the workshop's own name and says where it came from.
    const csv = portfolioCsv(fw, summaries.slice(1));
    expect(csv).toContain('"Action Learning Sets for discharge leads","Action Learning Sets",');
    expect(csv).toContain('"Discharge huddles","Custom",');
  });
});
