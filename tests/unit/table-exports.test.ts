// The exports know about table groups: Markdown and the PowerPoint outline give each table its
// section (its brief, its cards by domain, what it proposes and what it brought into the room),
// and say the table of each card and item; without tables they read exactly as before.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { frameworkIndex as fw } from '../../shared/framework';
import {
  loadSample,
  cardsMap,
  itemsMap,
  linksMap,
  tablesMap,
  readCard,
  readPlanItem,
  readLink,
  readMeta,
  readTable,
  addTable,
  setTableField,
  removeTable,
  addCard,
  addPlanItem,
  bringTableIntoRoom,
} from '../../shared/doc';
import { workshopMarkdown } from '../../shared/export/markdown';
import { deckOutline } from '../../shared/export/deck-outline';
import { tableSections, tableLabel } from '../../shared/export/table-sections';
import { aggregatePortfolio, portfolioCsv, summariseWorkshop } from '../../shared/export/portfolio';
import sample from '../../resources/sample-workshop.json';
import { expectInside } from '../support/slide-checks';

const RELATIONSHIPS = 'relationships-and-connectivity';
const BASSETLAW_BRIEF = 'Place: discharge from Bassetlaw Hospital';

function content(doc: Y.Doc) {
  return {
    cards: [...cardsMap(doc)].map(([id, e]) => readCard(id, e)),
    items: [...itemsMap(doc)].map(([id, e]) => readPlanItem(id, e, fw)),
    links: [...linksMap(doc)].map(([id, e]) => readLink(id, e)),
    tables: new Map([...tablesMap(doc)].map(([id, e]) => [id, readTable(id, e)])),
  };
}

/** The worked example with two tables: Bassetlaw still working, Mansfield's work brought into the room. */
function tabledDoc() {
  const doc = new Y.Doc();
  loadSample(doc, sample, fw);
  const at = { x: 0, y: 0 };
  const bassetlaw = addTable(doc, 'Bassetlaw', BASSETLAW_BRIEF);
  const mansfield = addTable(doc, 'Mansfield');
  addCard(doc, { kind: 'place', text: 'Discharge hub', domainId: RELATIONSHIPS, position: at, author: 'Grace', tableId: bassetlaw });
  addPlanItem(doc, { interventionId: 'action-learning-sets', domainId: RELATIONSHIPS, position: at, tableId: bassetlaw });
  addCard(doc, { kind: 'people', text: 'Kings Mill discharge leads', domainId: RELATIONSHIPS, position: at, author: 'Tom', tableId: mansfield });
  addPlanItem(doc, { interventionId: null, customTitle: 'Carers’ café', domainId: RELATIONSHIPS, position: at, tableId: mansfield });
  bringTableIntoRoom(doc, mansfield);
  return { doc, bassetlaw, mansfield };
}

/** The text between a heading line and the next heading of the same level or above. */
function section(md: string, headingLine: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(headingLine);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = headingLine.match(/^#+/)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

const slideText = (slides: ReturnType<typeof deckOutline>) =>
  slides.flatMap((s) => s.boxes.flatMap((b) => b.group.paras.flatMap((p) => p.runs.map((r) => r.text)))).join('\n');

describe('table sections', () => {
  it('gives each table in order its cards and items by domain, and what it brought into the room', () => {
    const { doc, bassetlaw, mansfield } = tabledDoc();
    const sections = tableSections(fw, content(doc));
    expect(sections.map((s) => s.table.name)).toEqual(['Bassetlaw', 'Mansfield']);
    const [b, m] = sections as [(typeof sections)[number], (typeof sections)[number]];
    expect(b.table.brief).toBe(BASSETLAW_BRIEF);
    expect(b.domains.map((d) => d.domain.id)).toEqual([RELATIONSHIPS]);
    expect(b.domains[0]!.cards.map((c) => c.text)).toEqual(['Discharge hub']);
    expect(b.domains[0]!.items.map((i) => i.title)).toEqual(['Action Learning Sets']);
    expect(b.brought).toEqual({ cards: [], items: [] });
    expect(m.domains).toEqual([]);
    expect(m.brought.cards.map((c) => c.text)).toEqual(['Kings Mill discharge leads']);
    expect(m.brought.items.map((i) => i.title)).toEqual(['Carers’ café']);
    const c = content(doc);
    const card = (text: string) => c.cards.find((x) => x.text === text)!;
    expect(tableLabel(card('Discharge hub'), c.tables)).toBe('Table Bassetlaw');
    expect(tableLabel(card('Kings Mill discharge leads'), c.tables)).toBe('from table Mansfield');
    expect(
      tableLabel(
        c.cards.find((x) => x.tableId === '' && !x.fromTableId)!,
        c.tables,
      ),
    ).toBe('');
    expect([bassetlaw, mansfield].every((id) => c.tables.has(id))).toBe(true);
  });

  it('names no table that no longer exists: its work is the room’s', () => {
    const { doc, bassetlaw } = tabledDoc();
    removeTable(doc, bassetlaw);
    const c = content(doc);
    expect(
      tableLabel(
        c.cards.find((x) => x.text === 'Discharge hub')!,
        c.tables,
      ),
    ).toBe('');
    expect(tableSections(fw, c).map((s) => s.table.name)).toEqual(['Mansfield']);
  });
});

describe('Markdown export with tables', () => {
  it('has a section per table after the domains, and says the table of each card and item', () => {
    const { doc } = tabledDoc();
    const md = workshopMarkdown(fw, readMeta(doc), content(doc));
    const lines = md.split('\n');
    const tables = lines.indexOf('## Tables');
    expect(tables).toBeGreaterThan(Math.max(...fw.framework.domains.map((d) => lines.indexOf(`## ${d.name}`))));
    expect(tables).toBeLessThan(lines.indexOf('## Plan'));
    const domain = section(md, `## ${fw.domainById.get(RELATIONSHIPS)!.name}`);
    expect(domain).toContain('- Discharge hub (Grace) · Table Bassetlaw');
    expect(domain).toContain('- Kings Mill discharge leads (Tom) · from table Mansfield');
    expect(domain).toMatch(/^- Action Learning Sets \(\w+\) · Table Bassetlaw$/m);
    const bassetlaw = section(md, '### Table Bassetlaw');
    expect(bassetlaw).toContain(`**Brief:** ${BASSETLAW_BRIEF}`);
    expect(bassetlaw).toContain('- Place: Discharge hub (Grace)');
    expect(bassetlaw).toMatch(/^- Proposed intervention: Action Learning Sets \(\w+\)$/m);
    expect(bassetlaw).not.toContain('Kings Mill');
    const mansfield = section(md, '### Table Mansfield');
    expect(mansfield).toContain("**Brought into the room's plan**");
    expect(mansfield).toContain('- People: Kings Mill discharge leads (Tom)');
    expect(mansfield).toMatch(/^- Intervention: Carers’ café \(\w+\)$/m);
  });

  it('escapes what the facilitator typed as a table’s name and brief', () => {
    const { doc, bassetlaw } = tabledDoc();
    setTableField(doc, bassetlaw, 'name', '<script>alert(1)</script> | *now*');
    setTableField(doc, bassetlaw, 'brief', '# [go](javascript:alert(2)) <img src=x>');
    const md = workshopMarkdown(fw, readMeta(doc), content(doc));
    expect(md).toContain('### Table &lt;script>alert(1)&lt;/script> \\| \\*now\\*');
    expect(md).toContain('**Brief:** \\# \\[go\\](javascript\\:alert(2)) &lt;img src=x>');
    expect(md).toContain('- Discharge hub (Grace) · Table &lt;script>alert(1)&lt;/script> \\| \\*now\\*');
    expect(md).not.toMatch(/<(script|img)\b/);
  });
});

describe('PowerPoint outline with tables', () => {
  it('has a slide per table, in order, after the title and before the first domain slide', () => {
    const { doc } = tabledDoc();
    const slides = deckOutline(fw, readMeta(doc), content(doc));
    const tables = slides.filter((s) => s.kind === 'table');
    expect(tables.map((s) => s.heading)).toEqual(['Table Bassetlaw', 'Table Mansfield']);
    const firstTable = slides.findIndex((s) => s.kind === 'table');
    expect(slides.slice(0, firstTable).every((s) => s.kind === 'title')).toBe(true);
    expect(slides.findLastIndex((s) => s.kind === 'table')).toBeLessThan(slides.findIndex((s) => s.kind === 'domain'));
    expect(tables[0]!.subheading).toBe(BASSETLAW_BRIEF);
    expect(tables[1]!.subheading).toBe('');
    const bassetlaw = slideText([tables[0]!]);
    expect(bassetlaw).toContain('Place: Discharge hub (Grace)');
    expect(bassetlaw).toContain('Action Learning Sets');
    expect(bassetlaw).not.toContain('Kings Mill');
    expect(slideText([tables[1]!])).toMatch(/Brought into the room's plan\nCarers’ café\n1 card/);
    expect(slideText(slides.filter((s) => s.kind === 'domain'))).toContain('Discharge hub (Grace) · Table Bassetlaw');
    expectInside(slides);
  });

  it('flows a busy table onto more slides without shrinking the type', () => {
    const { doc, bassetlaw } = tabledDoc();
    for (let n = 0; n < 40; n++)
      addCard(doc, {
        kind: 'priority',
        text: `Priority ${n}: shared discharge records across the trust, the council and the care homes`,
        domainId: fw.framework.domains[n % 4]!.id,
        position: { x: 0, y: 0 },
        tableId: bassetlaw,
      });
    const slides = deckOutline(fw, readMeta(doc), content(doc));
    const tables = slides.filter((s) => s.kind === 'table');
    expect(tables.length).toBeGreaterThan(2);
    expect(tables[1]!.heading).toBe('Table Bassetlaw (continued)');
    expect(slideText(tables).split('shared discharge records').length - 1).toBe(40);
    expectInside(slides);
  });
});

describe('exports without tables', () => {
  it('have no table section or slide, and read exactly as without a tables map', () => {
    const doc = new Y.Doc();
    loadSample(doc, sample, fw);
    const { tables, ...plain } = content(doc);
    expect(tables.size).toBe(0);
    const md = workshopMarkdown(fw, readMeta(doc), { ...plain, tables });
    expect(md).not.toContain('## Tables');
    expect(md).not.toContain('Table ');
    expect(md).toBe(workshopMarkdown(fw, readMeta(doc), plain));
    const slides = deckOutline(fw, readMeta(doc), { ...plain, tables });
    expect(slides.some((s) => s.kind === 'table')).toBe(false);
    expect(slides).toEqual(deckOutline(fw, readMeta(doc), plain));
  });
});

describe('the portfolio counts interventions by the tables that proposed them', () => {
  it('names each intervention’s tables, counts a table proposing it as one, and lists them in the CSV', () => {
    const { doc } = tabledDoc();
    const summary = summariseWorkshop(fw, 'w1', readMeta(doc), content(doc));
    const proposed = Object.fromEntries(summary.interventions.filter((i) => i.proposedBy?.length).map((i) => [i.title, i.proposedBy]));
    expect(proposed).toEqual({ 'Action Learning Sets': ['Bassetlaw'], 'Carers’ café': ['Mansfield'] });
    // Two workshops, one of them proposing Action Learning Sets at two tables.
    const twice = {
      ...summary,
      id: 'w2',
      interventions: summary.interventions.map((i) =>
        i.title === 'Action Learning Sets' && i.proposedBy?.length ? { ...i, proposedBy: ['North', 'South'] } : i,
      ),
    };
    const agg = aggregatePortfolio(fw, [summary, twice]);
    expect(agg.proposedByTables).toEqual([
      { key: 'Action Learning Sets', count: 3 },
      { key: 'Carers’ café', count: 2 },
    ]);
    // A summary from an older host has no tables: it counts nothing here.
    expect(aggregatePortfolio(fw, [{ ...summary, interventions: summary.interventions.map(({ proposedBy: _, ...i }) => i) }]).proposedByTables).toEqual([]);
    expect(portfolioCsv(fw, [twice])).toContain('North; South');
  });
});
