// What the board deck says, slide by slide, as positioned text boxes: a title slide, a slide
// (or more) per table where there are tables, per domain, the plan, plan health, and
// follow-up results where there are any.
// Pure, so the layout can be checked without writing a file.
import { readableDate } from '../dates';
import { plural, statusLabel, dateSpan, unlinkedCards } from '../wording';
import type { FrameworkIndex } from '../framework/load';
import type { WorkshopMeta, CardView, PlanItemView } from '../doc/layout';
import { planHealth } from '../doc/plan-health';
import { planTable, type PlanContent } from './plan-rows';
import { followUpExport, evaluationFrameworkPointer, outcomeText } from './follow-up-rows';
import { tableSections, tableLabel, lensName } from './table-sections';
import { exportColours, domainHex } from './palette';
import { flow, paraHeight, type Box, type Group, type Para, type FlowArea } from './text-flow';

export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
const MARGIN = 0.5;
const TOP = 1.35;
const BOTTOM = SLIDE_H - 0.6;
/** Smallest type on any slide, points. */
export const MIN_PT = 12;
const BODY = 14;

export type SlideKind = 'title' | 'table' | 'domain' | 'plan' | 'health' | 'follow-up';

export interface Tile {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  big: string;
  small: string;
}

export interface SlideSpec {
  kind: SlideKind;
  /** heading shown in the slide's band */
  heading: string;
  /** small line under the heading */
  subheading: string;
  /** height the subheading needs, inches */
  subheadingH: number;
  accent: string;
  boxes: Box[];
  tiles: Tile[];
}

const p = (text: string, size = BODY, extra: Partial<Para['runs'][number]> = {}, keepWithNext = false): Para => ({
  runs: [{ text, ...extra }],
  size,
  keepWithNext,
});

const SUB_Y = 0.88;
const SUB_W = SLIDE_W - 2 * MARGIN;

/** Height of a subheading at MIN_PT across the slide, and where the content below it may start. */
export function subheadingSpace(text: string): { h: number; top: number } {
  if (!text) return { h: 0, top: TOP };
  const h = paraHeight(p(text, MIN_PT), SUB_W);
  return { h, top: Math.max(TOP, SUB_Y + h + 0.12) };
}

const HALF = (SLIDE_W - 2 * MARGIN - 0.35) / 2;
const twoColumns: FlowArea = {
  columns: [
    { x: MARGIN, w: HALF },
    { x: MARGIN + HALF + 0.35, w: HALF },
  ],
  top: TOP,
  bottom: BOTTOM,
};
const oneColumn: FlowArea = { columns: [{ x: MARGIN, w: SLIDE_W - 2 * MARGIN }], top: TOP, bottom: BOTTOM };

function pageHeadings(base: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) => (i === 0 ? base : `${base} (continued)`));
}

export function deckOutline(fw: FrameworkIndex, meta: WorkshopMeta, content: PlanContent, today?: string): SlideSpec[] {
  const slides: Omit<SlideSpec, 'subheadingH'>[] = [];
  /** Adds as many slides as the groups need, the first with the subheading (and any tiles). */
  const flowed = (kind: SlideKind, base: string, sub: string, accent: string, groups: Group[], area: FlowArea, firstTiles: Tile[] = []) => {
    // Content starts below the subheading however many lines it wraps to.
    const pages = flow(groups, { ...area, firstTop: Math.max(area.firstTop ?? area.top, subheadingSpace(sub).top) });
    pageHeadings(base, pages.length).forEach((heading, n) =>
      slides.push({ kind, heading, subheading: n === 0 ? sub : '', accent, boxes: pages[n]!, tiles: n === 0 ? firstTiles : [] }),
    );
  };
  /** What was said (left) beside what is planned (right), each column flowing onto as many slides as the longer needs. */
  const left = { x: MARGIN, w: 7.4 };
  const right = { x: MARGIN + 7.4 + 0.35, w: SLIDE_W - 2 * MARGIN - 7.4 - 0.35 };
  const sideBySide = (kind: SlideKind, base: string, sub: string, accent: string, said: Group[], planned: Group[]) => {
    const firstTop = subheadingSpace(sub).top;
    const leftPages = flow(said, { columns: [left], top: TOP, firstTop, bottom: BOTTOM });
    const rightPages = flow(planned, { columns: [right], top: TOP, firstTop, bottom: BOTTOM });
    const pages = Math.max(leftPages.length, rightPages.length);
    pageHeadings(base, pages).forEach((heading, n) =>
      slides.push({ kind, heading, subheading: n === 0 ? sub : '', accent, boxes: [...(leftPages[n] ?? []), ...(rightPages[n] ?? [])], tiles: [] }),
    );
  };
  /** " · Table Bassetlaw" after an entry a table wrote; nothing for the room's own. */
  const at = (e: CardView | PlanItemView) => {
    const label = tableLabel(e, content.tables);
    return label ? ` · ${label}` : '';
  };
  const cardText = (c: CardView) => `${c.text}${c.author ? ` (${c.author})` : ''}`;
  const itemCard = (it: PlanItemView, di: number, facts: string[]): Group => ({
    fill: exportColours.domainTints[di] ?? 'FFFFFF',
    bar: domainHex(di),
    paras: [p(it.title, BODY, { bold: true, colour: exportColours.ink }), p(facts.filter(Boolean).join(' · '), MIN_PT, { colour: exportColours.muted })],
  });
  const muted = (text: string) => ({ paras: [p(text, BODY, { italic: true, colour: exportColours.muted })] });
  const academy = fw.framework.academies.find((a) => a.id === meta.academyId);
  const date = meta.date ? readableDate(meta.date) : '';

  // Title slide: the one place large type is used.
  const titleLines: Group = {
    paras: [p(meta.title, meta.title.length > 60 ? 28 : 40, { bold: true, colour: 'FFFFFF' })],
  };
  const facts: Group = {
    paras: [
      meta.footprint ? p(`Footprint: ${meta.footprint}`, 20, { colour: 'FFFFFF' }) : null,
      academy ? p(`Facilitated by ${academy.name} Leadership Academy`, 20, { colour: 'FFFFFF' }) : null,
      date ? p(date, 20, { colour: 'FFFFFF' }) : null,
      p(`${plural(content.cards.length, 'Start Anywhere card')} · ${plural(content.items.length, 'planned intervention')}`, 16, { colour: 'DCE6F2' }),
    ].filter((x): x is Para => !!x),
  };
  const titleFlow = flow([titleLines, facts], { columns: [{ x: 0.8, w: SLIDE_W - 1.6 }], top: 1.9, bottom: SLIDE_H - 1.0 });
  slides.push({
    kind: 'title',
    heading: 'Systems leadership development plan',
    subheading: `Built on ${fw.framework.title}, ${fw.framework.publisher}`,
    accent: exportColours.nhsDark,
    boxes: titleFlow[0]!,
    tiles: [],
  });
  // A very long title or footprint continues on a plain slide rather than shrinking.
  for (const extra of titleFlow.slice(1))
    slides.push({ kind: 'title', heading: meta.title, subheading: '', accent: exportColours.nhsDark, boxes: extra, tiles: [] });

  // The report-back, table by table, before the room's view by domain: each table's cards by
  // domain beside what it proposes, and what it has already brought into the room's plan.
  for (const s of tableSections(fw, content)) {
    const said: Group[] = s.domains
      .filter((d) => d.cards.length)
      .map((d) => ({
        bar: domainHex(d.index),
        paras: [
          p(d.domain.name, BODY, { bold: true, colour: domainHex(d.index) }, true),
          ...d.cards.map((c) => p(`${lensName(fw, c)}: ${cardText(c)}`, BODY, { colour: exportColours.ink })),
        ],
      }));
    const { cards, items } = s.brought;
    // A table whose work is all in the room's plan says so, rather than that it did nothing.
    if (!said.length) said.push(muted(cards.length ? "Its cards are in the room's plan now." : 'No cards at this table yet.'));
    const proposed = s.domains.flatMap((d) => d.items.map((it) => itemCard(it, d.index, [d.domain.name, statusLabel(it.status)])));
    const planned: Group[] = [
      { paras: [p('Proposed interventions', 16, { bold: true, colour: exportColours.nhsBlue })] },
      ...(proposed.length ? proposed : items.length ? [] : [muted('No intervention proposed yet.')]),
      ...(cards.length || items.length
        ? [
            {
              bar: exportColours.nhsBlue,
              paras: [
                p("Brought into the room's plan", BODY, { bold: true, colour: exportColours.nhsBlue }, true),
                ...items.map((it) => p(it.title, BODY, { colour: exportColours.ink })),
                ...(cards.length ? [p(plural(cards.length, 'card'), MIN_PT, { colour: exportColours.muted })] : []),
              ],
            },
          ]
        : []),
    ];
    sideBySide('table', `Table ${s.table.name}`, s.table.brief, exportColours.nhsBlue, said, planned);
  }

  // One slide per domain: what the room said (cards by lens) beside the interventions.
  for (const [i, d] of fw.framework.domains.entries()) {
    const colour = domainHex(i);
    const cards = content.cards.filter((c) => c.domainId === d.id);
    const items = content.items.filter((it) => it.domainId === d.id);
    const said: Group[] = [];
    for (const lens of fw.framework.lenses) {
      const list = cards.filter((c) => c.kind === lens.id);
      if (!list.length) continue;
      said.push({
        bar: exportColours.lenses[lens.id],
        paras: [
          p(`${lens.name}: ${lens.question}`, BODY, { bold: true, colour: exportColours.lenses[lens.id] }, true),
          ...list.map((c) => p(`${cardText(c)}${at(c)}`, BODY, { colour: exportColours.ink })),
        ],
      });
    }
    if (!said.length) said.push(muted('Nothing was added in this domain.'));
    const planned: Group[] = [
      { paras: [p('Interventions', 16, { bold: true, colour })] },
      ...(items.length
        ? items.map((it) => itemCard(it, i, [statusLabel(it.status), it.owner, tableLabel(it, content.tables)]))
        : [muted('No intervention planned in this domain yet.')]),
    ];
    sideBySide('domain', d.name, d.description.charAt(0).toUpperCase() + d.description.slice(1), colour, said, planned);
  }

  // The plan: one block per intervention with its criteria, delivery and evaluation.
  const rows = planTable(fw, content);
  const measures = fw.framework.evaluation.fields.map((f) => f.label);
  const planGroups: Group[] = rows.map((r) => {
    const di = fw.framework.domains.findIndex((d) => d.id === r.item.domainId);
    const unmet = fw.framework.criteria.map((c) => r.cells[c.short] ?? '').filter((v) => v.startsWith('Not met'));
    const line = (label: string, value: string) => (value ? p(`${label}: ${value}`, MIN_PT, { colour: exportColours.ink }) : null);
    return {
      bar: domainHex(di),
      fill: exportColours.domainTints[di] ?? 'FFFFFF',
      paras: [
        p(r.item.title, BODY + 2, { bold: true, colour: exportColours.ink }, true),
        p([r.cells['Domain'], statusLabel(r.item.status), r.cells['Owner']].filter(Boolean).join(' · '), MIN_PT, { colour: exportColours.muted }),
        line('Criteria met', [r.cells['Criteria met'], ...unmet].join('; ')),
        line('Delivery', [r.cells['Delivery route'], r.cells['Partner']].filter(Boolean).join(', ')),
        line('Dates', dateSpan(r.item.start, r.item.end)),
        line('Cost and funding', [r.cells['Cost'], r.cells['Funding source']].filter(Boolean).join(', ')),
        ...measures.map((m) => line(m, r.cells[m] ?? '')),
        r.cells['Votes'] ? line('Votes', r.cells['Votes']) : null,
      ].filter((x): x is Para => !!x),
    };
  });
  if (!planGroups.length) planGroups.push({ paras: [p('No interventions planned yet.', BODY, { italic: true, colour: exportColours.muted })] });
  flowed('plan', 'The plan', `${plural(rows.length, 'intervention')}: criteria, delivery and evaluation`, exportColours.nhsBlue, planGroups, twoColumns);

  // Plan health: interventions per domain as tiles, then what still needs attention.
  const health = planHealth(fw, content.cards, content.items, content.links);
  const tileW = (SLIDE_W - 2 * MARGIN - 3 * 0.25) / 4;
  const tiles: Tile[] = health.perDomain.map((d, i) => ({
    x: MARGIN + i * (tileW + 0.25),
    y: TOP,
    w: tileW,
    h: 1.25,
    fill: domainHex(i),
    big: String(d.interventions),
    small: d.name,
  }));
  const bullet = (text: string, colour: string = exportColours.ink) => p(`• ${text}`, BODY, { colour });
  const healthGroups: Group[] = [
    {
      paras: [
        health.domainsWithout.length
          ? bullet(`No intervention yet in ${health.domainsWithout.join(', ')}.`, exportColours.danger)
          : bullet('Every domain has at least one intervention.', exportColours.ok),
        bullet(unlinkedCards(health.unaddressedCards.length, content.cards.length)),
        bullet(
          `${plural(health.organisations.length, 'organisation')} ${health.organisations.length === 1 ? 'takes' : 'take'} part: ${health.organisationTypes.map((t) => `${t.type} (${t.organisations})`).join(', ') || 'none recorded yet'}.`,
        ),
      ],
    },
    ...health.failing.map((f) => ({
      bar: exportColours.danger,
      paras: [
        p(`${f.item.title} does not yet meet`, BODY, { bold: true, colour: exportColours.ink }, true),
        ...f.failures.map((x) => p(`${x.criterion.short}: ${x.reason}`, MIN_PT, { colour: exportColours.ink })),
      ],
    })),
  ];
  flowed('health', 'Plan health', 'Interventions per domain', exportColours.nhsBlue, healthGroups, { ...oneColumn, firstTop: TOP + 1.45 }, tiles);

  // Follow-up results, where anyone has recorded any: each measure against its target.
  const followUp = followUpExport(fw, content, today).items.filter((f) => f.measures.some((m) => m.outcomes.length));
  if (followUp.length) {
    const groups: Group[] = followUp.map((f) => {
      const di = fw.framework.domains.findIndex((d) => d.id === f.item.domainId);
      return {
        bar: domainHex(di),
        paras: [
          p(`${f.item.title} (${statusLabel(f.item.status)})`, BODY + 2, { bold: true, colour: exportColours.ink }, true),
          ...f.measures.flatMap((m) => [
            p(m.measure.what, BODY, { bold: true, colour: domainHex(di) }, true),
            p(
              [m.measure.baseline && `Baseline ${m.measure.baseline}`, m.measure.target && `target ${m.measure.target}`].filter(Boolean).join(', ') ||
                'No baseline or target set',
              MIN_PT,
              {
                colour: exportColours.muted,
              },
            ),
            ...(m.outcomes.length
              ? m.outcomes.map((o) => p(`${readableDate(o.date)}: ${outcomeText(o)}${o.note ? `. ${o.note}` : ''}`, MIN_PT, { colour: exportColours.ink }))
              : [p('No outcomes recorded yet.', MIN_PT, { italic: true, colour: exportColours.muted })]),
          ]),
          ...(f.item.learned.trim() ? [p(`What was learned: ${f.item.learned}`, MIN_PT, { colour: exportColours.ink })] : []),
        ],
      };
    });
    flowed('follow-up', 'Follow-up results', evaluationFrameworkPointer(fw), exportColours.ok, groups, twoColumns);
  }
  return slides.map((s) => ({ ...s, subheadingH: s.kind === 'title' ? 0 : subheadingSpace(s.subheading).h }));
}
