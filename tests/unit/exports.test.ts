import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import Papa from 'papaparse';
import { frameworkIndex as fw } from '../../shared/framework';
import {
  loadSample,
  cardsMap,
  itemsMap,
  linksMap,
  readCard,
  readPlanItem,
  readLink,
  readMeta,
  setItemScalar,
  addLink,
  writeVoteResults,
  setMeta,
  setCardText,
  addTable,
  addPlanItem,
  bringTableIntoRoom,
  tablesMap,
  readTable,
} from '../../shared/doc';
import { planCsv } from '../../shared/export/csv';
import { workshopMarkdown } from '../../shared/export/markdown';
import { planColumns } from '../../shared/export/plan-rows';
import { portfolioCsv, summariseWorkshop } from '../../shared/export/portfolio';
import sample from '../../resources/sample-workshop.json';

function sampleDoc() {
  const doc = new Y.Doc();
  loadSample(doc, sample, fw);
  return doc;
}

function content(doc: Y.Doc) {
  return {
    cards: [...cardsMap(doc)].map(([id, e]) => readCard(id, e)),
    items: [...itemsMap(doc)].map(([id, e]) => readPlanItem(id, e, fw)),
    links: [...linksMap(doc)].map(([id, e]) => readLink(id, e)),
  };
}

describe('CSV export', () => {
  it('says which tables proposed each item, by name', () => {
    const doc = new Y.Doc();
    const a = addTable(doc, 'Bassetlaw');
    const b = addTable(doc, 'Mansfield');
    const at = { x: 0, y: 0 };
    addPlanItem(doc, { interventionId: 'action-learning-sets', domainId: 'relationships-and-connectivity', position: at, tableId: a });
    addPlanItem(doc, { interventionId: 'action-learning-sets', domainId: 'relationships-and-connectivity', position: at, tableId: b });
    bringTableIntoRoom(doc, a);
    bringTableIntoRoom(doc, b);
    const tables = new Map([...tablesMap(doc)].map(([id, e]) => [id, readTable(id, e)]));
    const parsed = Papa.parse<string[]>(planCsv(fw, { ...content(doc), tables }).slice(1), { skipEmptyLines: true });
    const header = parsed.data[0]!;
    const row = parsed.data[1]!;
    expect(parsed.data).toHaveLength(2);
    expect(row[header.indexOf('Proposed by')]!.split('; ').sort()).toEqual(['Table Bassetlaw', 'Table Mansfield']);
  });

  it('has one row per plan item and a column per field, and parses cleanly', () => {
    const doc = sampleDoc();
    const csv = planCsv(fw, content(doc));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(planColumns(fw));
    expect(rows).toHaveLength(8);
    const als = rows.find((r) => r[0] === 'Action Learning Sets')!;
    expect(als[header!.indexOf('Domain')]).toBe('Relationships and Connectivity');
    expect(als[header!.indexOf('Cost')]).toBe('£6,500');
    expect(als[header!.indexOf('Delivery route')]).toBe('Provide directly');
    expect(als[header!.indexOf('Criteria met')]).toMatch(/^\d\/5$/);
  });

  it('carries revealed vote results', () => {
    const doc = sampleDoc();
    const als = [...itemsMap(doc)].find(([, e]) => e.get('interventionId') === 'action-learning-sets')![0];
    writeVoteResults(doc, { [als]: { dots: 4, voters: ['Grace Okafor', 'Tom Birch'] } });
    const parsed = Papa.parse<string[]>(planCsv(fw, content(doc)).slice(1), { skipEmptyLines: true });
    const header = parsed.data[0]!;
    const row = parsed.data.find((r) => r[0] === 'Action Learning Sets')!;
    expect(row[header.indexOf('Votes')]).toBe('4 (Grace Okafor, Tom Birch)');
    expect(workshopMarkdown(fw, readMeta(doc), content(doc))).toContain('| 4 (Grace Okafor, Tom Birch) |');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const doc = sampleDoc();
    const first = [...itemsMap(doc).keys()][0]!;
    setItemScalar(doc, first, 'owner', '=HYPERLINK("http://evil.example","x")');
    const parsed = Papa.parse<string[]>(planCsv(fw, content(doc)).slice(1), { skipEmptyLines: true });
    const ownerCol = parsed.data[0]!.indexOf('Owner');
    const owners = parsed.data.slice(1).map((r) => r[ownerCol]!);
    expect(owners.some((o) => o.startsWith('='))).toBe(false);
    expect(owners.some((o) => o.includes('HYPERLINK'))).toBe(true);
  });
});

describe('CSV export, cells of several lines', () => {
  const typed = 'Ward 3\n=1+1\r\n+cmd|"/c calc"!A0\n-2+3\n@SUM(A1:A9)\n\t=HYPERLINK("http://evil.example")\r=x\nBudget - 2k = fine';
  /** every line of every cell of a CSV, as a spreadsheet reads it */
  const linesOf = (csv: string) =>
    Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.flatMap((row) => row.flatMap((cell) => cell.split(/\r\n|\n|\r/)));
  const formula = /^[=+\-@\t\r]/;

  it('neutralises a formula at the start of any line of a cell, and keeps the words', () => {
    const doc = sampleDoc();
    const first = [...itemsMap(doc).keys()][0]!;
    setItemScalar(doc, first, 'owner', typed);
    const csv = planCsv(fw, content(doc));
    const lines = linesOf(csv);
    expect(lines.filter((l) => formula.test(l))).toEqual([]);
    for (const l of ["'=1+1", '\'+cmd|"/c calc"!A0', "'-2+3", "'@SUM(A1:A9)", 'Ward 3', 'Budget - 2k = fine']) expect(lines).toContain(l);
  });

  it('does the same in the portfolio', () => {
    const doc = sampleDoc();
    const summary = summariseWorkshop(fw, 'w1', { ...readMeta(doc), title: typed }, content(doc));
    const lines = linesOf(portfolioCsv(fw, [{ ...summary, footprint: '@evil' }]));
    expect(lines.filter((l) => formula.test(l))).toEqual([]);
    expect(lines).toContain("'@evil");
    expect(lines).toContain("'=1+1");
  });
});

describe('Markdown export', () => {
  it('has the workshop, each domain with its cards, the plan table and plan health', () => {
    const doc = sampleDoc();
    const c = content(doc);
    // A card the worked example leaves unlinked: linking it leaves one fewer.
    const cardId = c.cards.find((x) => x.text === 'Care home managers')!.id;
    addLink(doc, c.items[0]!.id, cardId);
    const md = workshopMarkdown(fw, readMeta(doc), content(doc));
    expect(md).toContain('# Riverside Place: leading together on hospital discharge');
    expect(md).toContain('Yorkshire and the Humber (0113 887 1688');
    for (const d of fw.framework.domains) expect(md).toContain(`## ${d.name}`);
    expect(md).toContain('| Intervention | Domain | Status |');
    expect(md).toContain('Ward managers and discharge coordinators');
    expect(md).toContain('## Plan health');
    expect(md).toContain('Cards no intervention addresses yet: 6');
  });

  it('shows what people typed as text: no HTML, links, emphasis or headings of its own', () => {
    const doc = sampleDoc();
    setMeta(doc, 'title', '<script>alert(1)</script><b>Bold</b> Title');
    const c = content(doc);
    setCardText(doc, c.cards[0]!.id, '# [click](javascript:alert(1)) *now* | <img src=x onerror=alert(2)>');
    const md = workshopMarkdown(fw, readMeta(doc), content(doc));
    expect(md.split('\n')[0]).toBe('# &lt;script>alert(1)&lt;/script>&lt;b>Bold&lt;/b> Title');
    expect(md).toContain('- \\# \\[click\\](javascript\\:alert(1)) \\*now\\* \\| &lt;img src=x onerror=alert(2)>');
    expect(md).not.toMatch(/<(script|img|b)\b/);
  });
});

describe('Markdown export, bare addresses', () => {
  it('turns no typed address into a live link, above all javascript:, data: and vbscript:, and reads the same', () => {
    const doc = sampleDoc();
    const c = content(doc);
    setCardText(doc, c.cards[0]!.id, 'JavaScript:alert(1) data:text/html,<b>x</b> vbscript:msgbox(1) https://evil.example www.evil.example me@evil.example');
    setCardText(doc, c.cards[1]!.id, '   # not a heading; ratio 3:1 at 10:30, note: fine');
    // The framework's own links (an academy's web site) stay links; only what was typed is checked.
    const md = workshopMarkdown(fw, readMeta(doc), content(doc))
      .split('\n')
      .filter((l) => /evil|alert|msgbox|ratio/.test(l))
      .join('\n');
    expect(md.split('\n').length).toBeGreaterThanOrEqual(2);
    // Unescaped, each of these is a link in some viewer (GitHub autolinks, linkify, lax renderers).
    expect(md).not.toMatch(/\b(javascript|data|vbscript|https?):/i);
    expect(md).not.toMatch(/\bwww\./);
    expect(md).not.toMatch(/[^\\\s]@evil/);
    expect(md).toContain(
      'JavaScript\\:alert(1) data\\:text/html,&lt;b>x&lt;/b> vbscript\\:msgbox(1) https\\://evil.example www\\.evil.example me\\@evil.example',
    );
    expect(md).toContain('   \\# not a heading; ratio 3:1 at 10:30, note: fine');
  });
});
