// Typed access to a workshop's Y.Doc. Writers run in one transaction tagged with the
// caller's origin, so an UndoManager can track exactly the local user's changes.
import * as Y from 'yjs';
import type { LensId, DeliveryRouteId } from '../framework/schema';
import {
  rootKeys,
  SCHEMA_VERSION,
  type WorkshopMeta,
  type Position,
  type Organisation,
  type CriterionAnswer,
  type ItemTextField,
  type ItemScalarField,
  type PlanStatus,
} from './layout';
import { newEntryId } from './ids';
import { createEntry, cardRecord, itemRecord, linkRecord } from './schema';
import { writeText } from './text-edit';

export type Entry = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(rootKeys.meta);
}
export function cardsMap(doc: Y.Doc): Y.Map<Entry> {
  return doc.getMap(rootKeys.cards);
}
export function itemsMap(doc: Y.Doc): Y.Map<Entry> {
  return doc.getMap(rootKeys.items);
}
export function linksMap(doc: Y.Doc): Y.Map<Entry> {
  return doc.getMap(rootKeys.links);
}
export function measuresMap(doc: Y.Doc): Y.Map<Entry> {
  return doc.getMap(rootKeys.measures);
}
export function outcomesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(rootKeys.outcomes);
}

export interface NewCard {
  kind: LensId;
  text: string;
  domainId: string;
  position: Position;
  author?: string;
  organisation?: string;
  tags?: readonly string[];
  /** the table it is written at (schema 4); '' or absent for the whole room */
  tableId?: string;
}

export interface NewPlanItem {
  interventionId: string | null;
  customTitle?: string;
  domainId: string;
  position: Position;
  status?: PlanStatus;
  /** the table proposing it (schema 4); '' or absent for the whole room */
  tableId?: string;
}

export function initWorkshop(doc: Y.Doc, meta: Omit<WorkshopMeta, 'schemaVersion'>, origin: unknown = null): void {
  doc.transact(() => {
    const m = metaMap(doc);
    m.set('title', meta.title);
    m.set('footprint', meta.footprint);
    m.set('academyId', meta.academyId);
    m.set('date', meta.date);
    m.set('schemaVersion', SCHEMA_VERSION);
  }, origin);
}

export function setMeta<K extends keyof Omit<WorkshopMeta, 'schemaVersion'>>(doc: Y.Doc, key: K, value: WorkshopMeta[K], origin: unknown = null): void {
  doc.transact(() => metaMap(doc).set(key, value), origin);
}

export function addCard(doc: Y.Doc, card: NewCard, origin: unknown = null, id = newEntryId()): string {
  const entry = createEntry(cardRecord, {
    kind: card.kind,
    text: card.text,
    domainId: card.domainId,
    x: card.position.x,
    y: card.position.y,
    tags: card.tags ?? [],
    author: card.author ?? '',
    organisation: card.organisation ?? '',
    createdAt: Date.now(),
    tableId: card.tableId ?? '',
  });
  doc.transact(() => cardsMap(doc).set(id, entry), origin);
  return id;
}

export function addPlanItem(doc: Y.Doc, item: NewPlanItem, origin: unknown = null, id = newEntryId()): string {
  const entry = createEntry(itemRecord, {
    interventionId: item.interventionId,
    customTitle: item.customTitle ?? '',
    domainId: item.domainId,
    x: item.position.x,
    y: item.position.y,
    status: item.status ?? 'proposed',
    createdAt: Date.now(),
    tableId: item.tableId ?? '',
  });
  doc.transact(() => itemsMap(doc).set(id, entry), origin);
  return id;
}

/** Finds a card or plan item by id. */
export function findEntry(doc: Y.Doc, id: string): Entry | undefined {
  return cardsMap(doc).get(id) ?? itemsMap(doc).get(id);
}

function requireEntry(doc: Y.Doc, id: string): Entry {
  const entry = findEntry(doc, id);
  if (!entry) throw new Error(`No card or plan item with id "${id}"`);
  return entry;
}

/** A card's words as a whole (the side panel, a phone): the change merges with anyone typing. */
export function setCardText(doc: Y.Doc, id: string, text: string, origin: unknown = null): void {
  doc.transact(() => writeText(cardText(doc, id), text), origin);
}

/** The shared text of a card's words, which its editor types into. */
export function cardText(doc: Y.Doc, id: string): Y.Text {
  const text = findCardText(doc, id);
  if (!text) throw new Error(`No card with id "${id}"`);
  return text;
}

/** A card's shared text, or null when there is no such card (or it is still in an older shape). */
export function findCardText(doc: Y.Doc, id: string): Y.Text | null {
  const text = cardsMap(doc).get(id)?.get('text');
  return text instanceof Y.Text ? text : null;
}

export function setCardKind(doc: Y.Doc, id: string, kind: LensId, origin: unknown = null): void {
  doc.transact(() => requireEntry(doc, id).set('kind', kind), origin);
}

/** Moves a card or plan item; called on drop, never per drag frame. */
export function moveEntry(doc: Y.Doc, id: string, position: Position, domainId: string, origin: unknown = null): void {
  doc.transact(() => {
    const e = requireEntry(doc, id);
    e.set('x', Math.round(position.x));
    e.set('y', Math.round(position.y));
    // Always written with the position: if two people drop the same card at once, one of them
    // wins all three keys, so the card never ends up at one person's spot in the other's domain.
    e.set('domainId', domainId);
  }, origin);
}

export function setTag(doc: Y.Doc, id: string, tagId: string, on: boolean, origin: unknown = null): void {
  doc.transact(() => {
    const tags = requireEntry(doc, id).get('tags') as Y.Map<true>;
    if (on) tags.set(tagId, true);
    else tags.delete(tagId);
  }, origin);
}

/** Deletes a card or plan item together with the links that touch it. */
export function deleteEntry(doc: Y.Doc, id: string, origin: unknown = null): void {
  doc.transact(() => {
    cardsMap(doc).delete(id);
    itemsMap(doc).delete(id);
    const links = linksMap(doc);
    for (const [linkId, link] of links) {
      if (link.get('from') === id || link.get('to') === id) links.delete(linkId);
    }
  }, origin);
}

/** A link's id is made from its two ends, so two people linking the same pair at once make one link. */
export function linkId(a: string, b: string): string {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}

export function addLink(doc: Y.Doc, from: string, to: string, origin: unknown = null): string | null {
  if (from === to) return null;
  const links = linksMap(doc);
  const id = linkId(from, to);
  if (links.has(id)) return id;
  doc.transact(() => links.set(id, createEntry(linkRecord, { from, to })), origin);
  return id;
}

export function removeLink(doc: Y.Doc, linkId: string, origin: unknown = null): void {
  doc.transact(() => linksMap(doc).delete(linkId), origin);
}

export function setItemScalar(doc: Y.Doc, id: string, field: ItemScalarField, value: string, origin: unknown = null): void {
  doc.transact(() => requireEntry(doc, id).set(field, value), origin);
}

export function setItemDeliveryRoute(doc: Y.Doc, id: string, route: DeliveryRouteId | '', origin: unknown = null): void {
  setItemScalar(doc, id, 'deliveryRoute', route, origin);
}

export function itemText(doc: Y.Doc, id: string, field: ItemTextField): Y.Text {
  return requireEntry(doc, id).get(field) as Y.Text;
}

/** Replaces a whole text field (for programmatic fills); editors apply deltas instead. */
export function replaceItemText(doc: Y.Doc, id: string, field: ItemTextField, value: string, origin: unknown = null): void {
  doc.transact(() => {
    const t = itemText(doc, id, field);
    t.delete(0, t.length);
    t.insert(0, value);
  }, origin);
}

export function setOrganisations(doc: Y.Doc, id: string, organisations: readonly Organisation[], origin: unknown = null): void {
  doc.transact(() => {
    const arr = requireEntry(doc, id).get('organisations') as Y.Array<Organisation>;
    arr.delete(0, arr.length);
    arr.insert(
      0,
      organisations.map((o) => ({ ...o })),
    );
  }, origin);
}

export function addOrganisation(doc: Y.Doc, id: string, organisation: Organisation, origin: unknown = null): void {
  doc.transact(() => (requireEntry(doc, id).get('organisations') as Y.Array<Organisation>).push([{ ...organisation }]), origin);
}

export function removeOrganisation(doc: Y.Doc, id: string, name: string, origin: unknown = null): void {
  doc.transact(() => {
    const arr = requireEntry(doc, id).get('organisations') as Y.Array<Organisation>;
    // Two people may have added the same organisation at once; removing it removes every copy.
    const list = arr.toArray();
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.name === name) arr.delete(i, 1);
  }, origin);
}

export function setCriterionAnswer(doc: Y.Doc, id: string, criterionId: string, answer: CriterionAnswer, origin: unknown = null): void {
  doc.transact(() => (requireEntry(doc, id).get('criteria') as Y.Map<CriterionAnswer>).set(criterionId, { ...answer }), origin);
}

/** Writes revealed vote results onto the entries voted on (the relay calls this on reveal). */
export function writeVoteResults(doc: Y.Doc, results: Record<string, { dots: number; voters: string[] }>, origin: unknown = null): void {
  doc.transact(() => {
    for (const root of [cardsMap(doc), itemsMap(doc)]) for (const [id, e] of root) if (e.has('votes') && !results[id]) e.delete('votes');
    for (const [id, r] of Object.entries(results)) findEntry(doc, id)?.set('votes', { dots: r.dots, voters: [...r.voters] });
  }, origin);
}
