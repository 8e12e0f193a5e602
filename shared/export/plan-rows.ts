// The plan as flat rows with a fixed set of columns: one source for CSV, Markdown and the PDF
// table, so every export says the same thing.
import type { FrameworkIndex } from '../framework/load';
import type { CardView, PlanItemView, LinkView, TableView } from '../doc/layout';
import { planRows, liveLinks } from '../doc/views';
import { evaluateCriteria, criteriaMet } from '../doc/criteria';
import type { FollowUpContent } from '../doc/follow-up';

export interface PlanContent {
  cards: readonly CardView[];
  items: readonly PlanItemView[];
  links: readonly LinkView[];
  /** measures and outcomes being followed up, when the export should include them */
  followUp?: FollowUpContent;
  /** the workshop's table groups, to say which tables proposed each item */
  tables?: ReadonlyMap<string, TableView>;
}

export interface PlanRow {
  item: PlanItemView;
  cells: Record<string, string>;
}

const criterionWord = (met: boolean | null) => (met === true ? 'Met' : met === false ? 'Not met' : 'Not known');

export function planColumns(fw: FrameworkIndex): string[] {
  return [
    'Intervention',
    'Framework intervention',
    'Domain',
    'Status',
    'Description',
    'Audience',
    'Organisations',
    'Organisation types',
    'Linked cards',
    'Roles and behaviours',
    'Delivery route',
    'Partner',
    'Owner',
    'Start',
    'End',
    'Cost',
    'Funding source',
    fw.framework.evaluation.fields.find((f) => f.id === 'measuresOfSuccess')!.label,
    fw.framework.evaluation.fields.find((f) => f.id === 'expectedImpacts')!.label,
    'Criteria met',
    ...fw.framework.criteria.map((c) => c.short),
    'Votes',
    'Proposed by',
  ];
}

/** The tables that proposed an item, by name: those it was brought from, or the one it is at. */
function proposedBy(item: PlanItemView, tables: ReadonlyMap<string, TableView> | undefined): string {
  if (!tables) return '';
  const ids = new Set([...item.fromTables, ...(item.tableId ? [item.tableId] : [])]);
  return [...ids]
    .map((id) => tables.get(id)?.name)
    .filter((n): n is string => !!n)
    .map((n) => `Table ${n}`)
    .join('; ');
}

export function planTable(fw: FrameworkIndex, content: PlanContent): PlanRow[] {
  const cardsById = new Map(content.cards.map((c) => [c.id, c]));
  const itemIds = new Set(content.items.map((i) => i.id));
  const links = liveLinks(content.links, (id) => cardsById.has(id) || itemIds.has(id));
  return planRows(fw, content.items).map((item) => {
    const criteria = evaluateCriteria(fw, item);
    const linked = links
      .filter((l) => l.from === item.id || l.to === item.id)
      .map((l) => cardsById.get(l.from === item.id ? l.to : l.from))
      .filter((c): c is CardView => !!c)
      .map((c) => `${c.kind}: ${c.text}`);
    const cells: Record<string, string> = {
      Intervention: item.title,
      'Framework intervention': item.interventionId ? (fw.interventionById.get(item.interventionId)?.intervention.title ?? '') : 'Custom',
      Domain: fw.domainById.get(item.domainId)?.name ?? '',
      Status: item.status,
      Description: item.description,
      Audience: item.audience,
      Organisations: item.organisations.map((o) => o.name).join('; '),
      'Organisation types': [...new Set(item.organisations.map((o) => o.type))].join('; '),
      'Linked cards': linked.join('; '),
      'Roles and behaviours': item.tags.map((t) => fw.tagById.get(t)?.text ?? t).join('; '),
      'Delivery route': fw.framework.deliveryRoutes.find((r) => r.id === item.deliveryRoute)?.name ?? '',
      Partner: item.partner,
      Owner: item.owner,
      Start: item.start,
      End: item.end,
      Cost: item.cost,
      'Funding source': item.funding,
      [fw.framework.evaluation.fields.find((f) => f.id === 'measuresOfSuccess')!.label]: item.measuresOfSuccess,
      [fw.framework.evaluation.fields.find((f) => f.id === 'expectedImpacts')!.label]: item.expectedImpacts,
      'Criteria met': `${criteriaMet(criteria)}/${criteria.length}`,
    };
    for (const r of criteria) cells[r.criterion.short] = `${criterionWord(r.met)}: ${r.reason}`;
    cells['Votes'] = item.votes ? `${item.votes.dots}${item.votes.voters.length ? ` (${item.votes.voters.join(', ')})` : ''}` : '';
    cells['Proposed by'] = proposedBy(item, content.tables);
    return { item, cells };
  });
}
