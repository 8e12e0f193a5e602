// Workshop templates: the reusable parts of a workshop (agenda, tables and their briefs, cards,
// plan items and their notes) as a file that can be shared. Never participants, owners, organisations, votes or
// links, nor who sat at which table: a template carries the shape of a workshop, not the people
// who were in it.
import type * as Y from 'yjs';
import { z } from 'zod';
import type { FrameworkIndex } from '../framework/load';
import { lensIds, deliveryRouteIds } from '../framework/schema';
import { agendaStepSchema, type AgendaStep } from '../control';
import { CARD_TEXT_MAX, type CardView, type PlanItemView, type TableView } from './layout';
import { TABLE_NAME_MAX, TABLE_BRIEF_MAX, tableRecord } from './schema';
import { addTable } from './tables';
import { domainRegion, slotPosition } from './board-geometry';
import { addCard, addPlanItem, setItemScalar, replaceItemText } from './workshop-doc';

export const templateParts = ['agenda', 'tables', 'cards', 'items', 'notes'] as const;
export type TemplatePart = (typeof templateParts)[number];

const text = (max: number) => z.string().max(max);
const templateCard = z.strictObject({ kind: z.enum(lensIds), text: text(CARD_TEXT_MAX), domainId: text(80), tags: z.array(text(80)).max(40) });
const templateTable = z.strictObject({ name: z.string().trim().min(1).max(TABLE_NAME_MAX), brief: text(TABLE_BRIEF_MAX) });
const templateNotes = z.strictObject({ description: text(4000), audience: text(4000), measuresOfSuccess: text(4000), expectedImpacts: text(4000) });
const templateItem = z.strictObject({
  interventionId: text(80).nullable(),
  customTitle: text(200),
  domainId: text(80),
  deliveryRoute: z.enum(deliveryRouteIds).or(z.literal('')),
  notes: templateNotes.optional(),
});

export const templateSchema = z.strictObject({
  format: z.literal('slc-template'),
  version: z.literal(1),
  name: z.string().trim().min(1).max(120),
  description: text(500),
  agenda: z.array(agendaStepSchema).max(30).optional(),
  tables: z.array(templateTable).max(tableRecord.maxEntries).optional(),
  cards: z.array(templateCard).max(500).optional(),
  items: z.array(templateItem).max(200).optional(),
});
export type WorkshopTemplate = z.infer<typeof templateSchema>;

/** Reads a template file's text; a file that is not one says why. */
export function parseTemplate(raw: string): WorkshopTemplate {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('This file is not a workshop template (it is not JSON).');
  }
  const r = templateSchema.safeParse(json);
  if (!r.success)
    throw new Error(`This file is not a workshop template: ${r.error.issues[0]?.path.join('.') || 'file'} ${r.error.issues[0]?.message ?? ''}`.trim());
  return r.data;
}

export interface TemplateSource {
  agenda: readonly AgendaStep[];
  /** in the facilitator's order */
  tables?: readonly TableView[];
  cards: readonly CardView[];
  items: readonly PlanItemView[];
}

export function makeTemplate(name: string, description: string, source: TemplateSource, parts: ReadonlySet<TemplatePart>): WorkshopTemplate {
  const t: WorkshopTemplate = { format: 'slc-template', version: 1, name: name.trim(), description };
  if (parts.has('agenda')) t.agenda = source.agenda.map((s) => ({ ...s }));
  if (parts.has('tables')) t.tables = (source.tables ?? []).map((table) => ({ name: table.name, brief: table.brief }));
  if (parts.has('cards')) t.cards = source.cards.map((c) => ({ kind: c.kind, text: c.text, domainId: c.domainId, tags: [...c.tags] }));
  if (parts.has('items'))
    t.items = source.items.map((i) => ({
      interventionId: i.interventionId,
      customTitle: i.customTitle,
      domainId: i.domainId,
      deliveryRoute: i.deliveryRoute,
      ...(parts.has('notes')
        ? { notes: { description: i.description, audience: i.audience, measuresOfSuccess: i.measuresOfSuccess, expectedImpacts: i.expectedImpacts } }
        : {}),
    }));
  return templateSchema.parse(t);
}

/** Adds a template's tables, cards and plan items to a doc, the cards and items laid out in the room's domains. */
export function applyTemplate(doc: Y.Doc, fw: FrameworkIndex, t: WorkshopTemplate, origin: unknown = null): void {
  const domainIndex = new Map(fw.framework.domains.map((d, i) => [d.id, i]));
  for (const x of [...(t.cards ?? []), ...(t.items ?? [])])
    if (!domainIndex.has(x.domainId)) throw new Error(`The template places something in an unknown domain "${x.domainId}".`);
  const counts = new Map<string, number>();
  const slot = (domainId: string, kind: 'card' | 'item') => {
    const key = `${domainId}/${kind}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return slotPosition(domainRegion(domainIndex.get(domainId)!), kind, n);
  };
  doc.transact(() => {
    for (const table of t.tables ?? []) addTable(doc, table.name, table.brief, origin);
    for (const c of t.cards ?? [])
      addCard(
        doc,
        { kind: c.kind, text: c.text, domainId: c.domainId, position: slot(c.domainId, 'card'), tags: c.tags.filter((tag) => fw.tagById.has(tag)) },
        origin,
      );
    for (const i of t.items ?? []) {
      const known = i.interventionId && fw.interventionById.has(i.interventionId) ? i.interventionId : null;
      const id = addPlanItem(
        doc,
        {
          interventionId: known,
          customTitle: known ? i.customTitle : i.customTitle || 'Untitled intervention',
          domainId: i.domainId,
          position: slot(i.domainId, 'item'),
        },
        origin,
      );
      if (i.deliveryRoute) setItemScalar(doc, id, 'deliveryRoute', i.deliveryRoute, origin);
      if (i.notes) for (const [f, v] of Object.entries(i.notes)) if (v) replaceItemText(doc, id, f as keyof typeof i.notes, v, origin);
    }
  }, origin);
}
