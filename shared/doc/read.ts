// Turns Y.Doc entries into plain immutable snapshots for the UI. Pure reads, no writes.
import * as Y from 'yjs';
import { lensIds, type LensId } from '../framework/schema';
import {
  planStatuses,
  type CardView,
  type PlanItemView,
  type LinkView,
  type WorkshopMeta,
  type Organisation,
  type CriterionAnswer,
  type PlanStatus,
  type VoteResult,
} from './layout';
import { metaMap, type Entry } from './workshop-doc';
import type { FrameworkIndex } from '../framework/load';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const text = (v: unknown): string => (v instanceof Y.Text ? v.toString() : str(v));
const tagList = (v: unknown): string[] => (v instanceof Y.Map ? [...v.keys()].sort() : []);

export function readMeta(doc: Y.Doc): WorkshopMeta {
  const m = metaMap(doc);
  return {
    title: str(m.get('title'), 'Untitled workshop'),
    footprint: str(m.get('footprint')),
    academyId: str(m.get('academyId')),
    date: str(m.get('date')),
    schemaVersion: num(m.get('schemaVersion')),
  };
}

export function readCard(id: string, e: Entry): CardView {
  const kind = e.get('kind');
  return {
    id,
    kind: lensIds.includes(kind as LensId) ? (kind as LensId) : 'people',
    text: text(e.get('text')),
    domainId: str(e.get('domainId')),
    position: { x: num(e.get('x')), y: num(e.get('y')) },
    tags: tagList(e.get('tags')),
    author: str(e.get('author')),
    organisation: str(e.get('organisation')),
    createdAt: num(e.get('createdAt')),
    votes: readVotes(e.get('votes')),
  };
}

function readVotes(v: unknown): VoteResult | null {
  if (!v || typeof v !== 'object') return null;
  const { dots, voters } = v as { dots?: unknown; voters?: unknown };
  if (typeof dots !== 'number' || !Number.isFinite(dots)) return null;
  return { dots, voters: Array.isArray(voters) ? voters.filter((x): x is string => typeof x === 'string') : [] };
}

export function readPlanItem(id: string, e: Entry, fw: FrameworkIndex): PlanItemView {
  const interventionId = typeof e.get('interventionId') === 'string' ? (e.get('interventionId') as string) : null;
  const customTitle = str(e.get('customTitle'));
  const frameworkTitle = interventionId ? fw.interventionById.get(interventionId)?.intervention.title : undefined;
  const status = e.get('status');
  const orgs = e.get('organisations');
  const criteria = e.get('criteria');
  const route = str(e.get('deliveryRoute'));
  return {
    id,
    interventionId,
    title: customTitle || frameworkTitle || 'Untitled intervention',
    customTitle,
    domainId: str(e.get('domainId')),
    position: { x: num(e.get('x')), y: num(e.get('y')) },
    status: planStatuses.includes(status as PlanStatus) ? (status as PlanStatus) : 'proposed',
    description: text(e.get('description')),
    audience: text(e.get('audience')),
    organisations: orgs instanceof Y.Array ? uniqueOrganisations(orgs.toArray() as Organisation[]) : [],
    tags: tagList(e.get('tags')),
    deliveryRoute: fw.framework.deliveryRoutes.some((r) => r.id === route) ? (route as PlanItemView['deliveryRoute']) : '',
    partner: str(e.get('partner')),
    owner: str(e.get('owner')),
    start: str(e.get('start')),
    end: str(e.get('end')),
    cost: str(e.get('cost')),
    funding: str(e.get('funding')),
    measuresOfSuccess: text(e.get('measuresOfSuccess')),
    expectedImpacts: text(e.get('expectedImpacts')),
    learned: text(e.get('learned')),
    // Copies, not the objects Yjs holds: mutating a snapshot must never change the doc behind it.
    criteria: criteria instanceof Y.Map ? Object.fromEntries([...criteria.entries()].map(([k, v]) => [k, { ...(v as CriterionAnswer) }])) : {},
    createdAt: num(e.get('createdAt')),
    votes: readVotes(e.get('votes')),
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
  return { id, from: str(e.get('from')), to: str(e.get('to')) };
}
