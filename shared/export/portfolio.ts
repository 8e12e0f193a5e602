// An academy's portfolio: one summary per workshop (made on the host from the workshop file)
// and the sums across whichever workshops a person picks. Pure, so the host, the view and the
// CSV all count the same way.
import { csvTable } from './csv-cells';
import type { FrameworkIndex } from '../framework/load';
import type { WorkshopMeta, PlanStatus } from '../doc/layout';
import { planHealth } from '../doc/plan-health';
import { followUpExport } from './follow-up-rows';
import type { PlanContent } from './plan-rows';

export interface PortfolioIntervention {
  /** as the workshop named it, e.g. "Action Learning Sets for discharge leads" */
  title: string;
  /** the framework intervention it came from ("Action Learning Sets"); "" for a custom one */
  framework: string;
  domainId: string;
  status: PlanStatus;
  route: string;
  partner: string;
  cost: string;
  funding: string;
  /** the tables that proposed it, by name (none where the room worked as one; absent from older hosts) */
  proposedBy?: string[];
}

export interface WorkshopSummary {
  id: string;
  title: string;
  footprint: string;
  academyId: string;
  date: string;
  /** "no plan yet", or counts by status such as "3 agreed, 2 proposed" */
  planStatus: string;
  interventions: PortfolioIntervention[];
  organisationTypes: Record<string, number>;
  /** criterion short name -> plan items that do not meet it */
  unmetCriteria: Record<string, number>;
  uncoveredDomains: string[];
  outcomes: { intervention: string; measure: string; date: string; result: string }[];
}

export function summariseWorkshop(fw: FrameworkIndex, id: string, meta: WorkshopMeta, content: PlanContent): WorkshopSummary {
  const health = planHealth(fw, content.cards, content.items, content.links);
  const byStatus = new Map<string, number>();
  for (const i of content.items) byStatus.set(i.status, (byStatus.get(i.status) ?? 0) + 1);
  const unmet: Record<string, number> = {};
  for (const f of health.failing) for (const x of f.failures) unmet[x.criterion.short] = (unmet[x.criterion.short] ?? 0) + 1;
  return {
    id,
    title: meta.title,
    footprint: meta.footprint,
    academyId: meta.academyId,
    date: meta.date,
    planStatus: content.items.length ? [...byStatus].map(([s, n]) => `${n} ${s}`).join(', ') : 'no plan yet',
    interventions: content.items.map((i) => ({
      title: i.title,
      framework: i.interventionId ? (fw.interventionById.get(i.interventionId)?.intervention.title ?? '') : '',
      domainId: i.domainId,
      status: i.status,
      route: fw.framework.deliveryRoutes.find((r) => r.id === i.deliveryRoute)?.name ?? '',
      partner: i.partner,
      cost: i.cost,
      funding: i.funding,
      proposedBy: proposingTables(i, content),
    })),
    organisationTypes: Object.fromEntries(health.organisationTypes.map((t) => [t.type, t.organisations])),
    unmetCriteria: unmet,
    uncoveredDomains: health.domainsWithout,
    outcomes: followUpExport(fw, content)
      .rows.filter((r) => r['Outcome date'])
      .map((r) => ({
        intervention: r.Intervention,
        measure: r.Measure,
        date: r['Outcome date'],
        result: [r.Value, r.Rating].filter(Boolean).join(' '),
      })),
  };
}

/** The names of the tables an item was proposed at: those it was brought from, or the one it is still at. */
function proposingTables(item: PlanContent['items'][number], content: PlanContent): string[] {
  const tables = content.tables;
  if (!tables?.size) return [];
  const ids = new Set([...item.fromTables, ...(item.tableId ? [item.tableId] : [])]);
  return [...ids].map((id) => tables.get(id)?.name).filter((n): n is string => !!n);
}

export type Tally = { key: string; count: number }[];

const tally = (keys: Iterable<string>): Tally => {
  const m = new Map<string, number>();
  for (const k of keys) if (k) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

export interface PortfolioAggregate {
  workshops: number;
  perDomain: { domainId: string; name: string; count: number }[];
  interventions: Tally;
  routes: Tally;
  partners: Tally;
  funding: Tally;
  /** sum of the costs that read as money (e.g. "£6,500") */
  totalCost: number;
  organisationTypes: Tally;
  unmetCriteria: Tally;
  uncoveredDomains: Tally;
  /** interventions by how many tables proposed them, across the workshops (a table proposing it is one) */
  proposedByTables: Tally;
  outcomes: number;
}

function money(s: string): number {
  const m = /£\s*([\d,]+(\.\d+)?)/.exec(s);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

export const interventionKey = (i: PortfolioIntervention) => i.framework || i.title;

export function aggregatePortfolio(fw: FrameworkIndex, list: readonly WorkshopSummary[]): PortfolioAggregate {
  const all = list.flatMap((w) => w.interventions);
  const weighted = (pick: (w: WorkshopSummary) => Record<string, number>) =>
    list.flatMap((w) => Object.entries(pick(w)).flatMap(([k, n]) => Array<string>(n).fill(k)));
  return {
    workshops: list.length,
    perDomain: fw.framework.domains.map((d) => ({ domainId: d.id, name: d.name, count: all.filter((i) => i.domainId === d.id).length })),
    // A renamed intervention still counts as the framework intervention it came from; custom ones by their own name.
    interventions: tally(all.map(interventionKey)),
    routes: tally(all.map((i) => i.route || 'Not decided')),
    partners: tally(all.map((i) => i.partner)),
    funding: tally(all.map((i) => i.funding)),
    totalCost: all.reduce((s, i) => s + money(i.cost), 0),
    organisationTypes: tally(weighted((w) => w.organisationTypes)),
    unmetCriteria: tally(weighted((w) => w.unmetCriteria)),
    uncoveredDomains: tally(list.flatMap((w) => w.uncoveredDomains)),
    proposedByTables: tally(all.flatMap((i) => (i.proposedBy ?? []).map(() => interventionKey(i)))),
    outcomes: list.reduce((s, w) => s + w.outcomes.length, 0),
  };
}

/** One row per planned intervention across the chosen workshops: the rows add up to the counts. */
export function portfolioCsv(fw: FrameworkIndex, list: readonly WorkshopSummary[]): string {
  const fields = [
    'Workshop',
    'Footprint',
    'Academy',
    'Date',
    'Intervention',
    'Framework intervention',
    'Domain',
    'Status',
    'Delivery route',
    'Partner',
    'Cost',
    'Funding source',
    'Proposed by tables',
  ];
  const data = list.flatMap((w) =>
    w.interventions.map((i) => [
      w.title,
      w.footprint,
      fw.framework.academies.find((a) => a.id === w.academyId)?.name ?? '',
      w.date,
      i.title,
      i.framework || 'Custom',
      fw.domainById.get(i.domainId)?.name ?? '',
      i.status,
      i.route,
      i.partner,
      i.cost,
      i.funding,
      (i.proposedBy ?? []).join('; '),
    ]),
  );
  return '\uFEFF' + csvTable(fields, data);
}
