// Turns Y.Doc entries into plain immutable snapshots for the UI. Pure reads, no writes.
import type * as Y from 'yjs';
import type { LensId } from '../framework/schema';
import {
  type CardView,
  type PlanItemView,
  type LinkView,
  type WorkshopMeta,
  type Organisation,
  type CriterionAnswer,
  type PlanStatus,
  type VoteResult,
  type TableView,
  type SeatView,
} from './layout';
import { metaMap, type Entry } from './workshop-doc';
import { cardRecord, itemRecord, linkRecord, metaRecord, tableRecord, seatRecord } from './schema';
import { valueOf, textOf, flagsOf, listOf, recordValuesOf } from './read-fields';
import type { FrameworkIndex } from '../framework/load';

// Every field is read through its declaration in schema.ts (read-fields.ts): the same types and
// bounds the relay holds writers to, and the declared starting value for anything that does
// not fit.
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function readMeta(doc: Y.Doc): WorkshopMeta {
  const m = metaMap(doc);
  const field = (name: 'title' | 'footprint' | 'academyId' | 'date') => valueOf(metaRecord, m, name) as string;
  return {
    title: typeof m.get('title') === 'string' ? field('title') : 'Untitled workshop',
    footprint: field('footprint'),
    academyId: field('academyId'),
    date: field('date'),
    // A doc that does not say is of the first version (its migrations are all still to run),
    // not of the version a new doc starts at.
    schemaVersion: num(m.get('schemaVersion')),
  };
}

export function readCard(id: string, e: Entry): CardView {
  const value = <T>(name: keyof typeof cardRecord.fields & string) => valueOf(cardRecord, e, name) as T;
  return {
    id,
    kind: value<LensId>('kind'),
    text: textOf(cardRecord, e, 'text'),
    domainId: value<string>('domainId'),
    position: { x: value<number>('x'), y: value<number>('y') },
    tags: flagsOf(cardRecord, e, 'tags'),
    author: value<string>('author'),
    organisation: value<string>('organisation'),
    createdAt: value<number>('createdAt'),
    votes: value<VoteResult | undefined>('votes') ?? null,
    tableId: value<string>('tableId'),
    fromTableId: value<string>('fromTableId'),
  };
}

export function readPlanItem(id: string, e: Entry, fw: FrameworkIndex): PlanItemView {
  const value = <T>(name: keyof typeof itemRecord.fields & string) => valueOf(itemRecord, e, name) as T;
  const words = (name: keyof typeof itemRecord.fields & string) => textOf(itemRecord, e, name);
  const interventionId = value<string | null>('interventionId');
  const customTitle = value<string>('customTitle');
  const frameworkTitle = interventionId ? fw.interventionById.get(interventionId)?.intervention.title : undefined;
  const route = value<string>('deliveryRoute');
  return {
    id,
    interventionId,
    title: customTitle || frameworkTitle || 'Untitled intervention',
    customTitle,
    domainId: value<string>('domainId'),
    position: { x: value<number>('x'), y: value<number>('y') },
    status: value<PlanStatus>('status'),
    description: words('description'),
    audience: words('audience'),
    organisations: uniqueOrganisations(listOf<typeof itemRecord, Organisation>(itemRecord, e, 'organisations')),
    tags: flagsOf(itemRecord, e, 'tags'),
    deliveryRoute: fw.framework.deliveryRoutes.some((r) => r.id === route) ? (route as PlanItemView['deliveryRoute']) : '',
    partner: value<string>('partner'),
    owner: value<string>('owner'),
    start: value<string>('start'),
    end: value<string>('end'),
    cost: value<string>('cost'),
    funding: value<string>('funding'),
    measuresOfSuccess: words('measuresOfSuccess'),
    expectedImpacts: words('expectedImpacts'),
    learned: words('learned'),
    criteria: recordValuesOf<typeof itemRecord, CriterionAnswer>(itemRecord, e, 'criteria'),
    createdAt: value<number>('createdAt'),
    votes: value<VoteResult | undefined>('votes') ?? null,
    tableId: value<string>('tableId'),
    fromTables: flagsOf(itemRecord, e, 'fromTables'),
  };
}

export function readTable(id: string, e: Entry): TableView {
  return {
    id,
    name: (valueOf(tableRecord, e, 'name') as string) || 'Unnamed table',
    brief: valueOf(tableRecord, e, 'brief') as string,
    order: valueOf(tableRecord, e, 'order') as number,
  };
}

export function readSeat(id: string, e: Entry): SeatView {
  const value = (name: keyof typeof seatRecord.fields & string) => valueOf(seatRecord, e, name);
  return {
    id,
    tableId: value('tableId') as string,
    name: value('name') as string,
    organisation: value('organisation') as string,
    organisationType: value('organisationType') as SeatView['organisationType'],
  };
}

/** Organisations by name, first entry wins (concurrent adds of one organisation show once). */
function uniqueOrganisations(list: readonly Organisation[]): Organisation[] {
  const seen = new Set<string>();
  const out: Organisation[] = [];
  for (const o of list) {
    if (!o || typeof o.name !== 'string' || seen.has(o.name)) continue;
    seen.add(o.name);
    out.push({ name: o.name, type: o.type });
  }
  return out;
}

export function readLink(id: string, e: Entry): LinkView {
  return { id, from: valueOf(linkRecord, e, 'from') as string, to: valueOf(linkRecord, e, 'to') as string };
}
