// Table groups (schema 4): the facilitator's tables with their briefs, and who sits where. A
// seat is keyed by the person (their name and organisation as they joined), so it outlasts a
// reconnect or a reload; moving someone changes only their seat, never what they wrote.
import * as Y from 'yjs';
import { newEntryId } from './ids';
import { createEntry, tableRecord, seatRecord, itemRecord, organisationTypes } from './schema';

const ITEM_TEXT_LIMIT = itemRecord.fields.description.maxLength;
import { rootKeys, itemTextFields, type OrganisationType, type TableView } from './layout';
import { cardsMap, itemsMap, linksMap, addLink, deleteEntry, type Entry } from './workshop-doc';

export function tablesMap(doc: Y.Doc): Y.Map<Entry> {
  return doc.getMap(rootKeys.tables);
}

export function seatsMap(doc: Y.Doc): Y.Map<Entry> {
  return doc.getMap(rootKeys.seats);
}

/** Who a seat belongs to: a person as they joined. */
export interface Sitter {
  name: string;
  organisation: string;
  organisationType: OrganisationType;
}

/**
 * A person's seat id: the same for the same name and organisation (whatever their case and
 * spacing), short enough for an entry id. FNV-1a over the folded text, twice with different
 * seeds, for 64 bits: two people in one room colliding is not a worry.
 */
export function seatIdOf(who: Pick<Sitter, 'name' | 'organisation'>): string {
  const { name, organisation } = seatable(who);
  const folded = `${name}\u0000${organisation}`.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const hash = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < folded.length; i++) {
      h ^= folded.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(36).padStart(7, '0');
  };
  return `s${hash(0x811c9dc5)}${hash(0x2f6b1a3d)}`;
}

/** A person as a seat holds them: name and organisation within the seat's bounds. */
function seatable<T extends Pick<Sitter, 'name' | 'organisation'>>(who: T): T {
  return { ...who, name: String(who.name ?? '').slice(0, 80), organisation: String(who.organisation ?? '').slice(0, 120) };
}

export function addTable(doc: Y.Doc, name: string, brief = '', origin: unknown = null): string {
  const id = newEntryId();
  const order = Math.max(-1, ...[...tablesMap(doc).values()].map((t) => (typeof t.get('order') === 'number' ? (t.get('order') as number) : 0))) + 1;
  const entry = createEntry(tableRecord, { name: name.trim(), brief: brief.trim(), order });
  doc.transact(() => tablesMap(doc).set(id, entry), origin);
  return id;
}

export function setTableField(doc: Y.Doc, id: string, field: 'name' | 'brief', value: string, origin: unknown = null): void {
  const entry = tablesMap(doc).get(id);
  if (!entry) throw new Error(`No table with id "${id}"`);
  doc.transact(() => entry.set(field, value), origin);
}

/** Removes a table; the people at it sit at no table, and its cards and items go to the room's plan first. */
export function removeTable(doc: Y.Doc, id: string, origin: unknown = null): void {
  doc.transact(() => {
    bringTableIntoRoom(doc, id);
    tablesMap(doc).delete(id);
    for (const seat of seatsMap(doc).values()) if (seat.get('tableId') === id) seat.set('tableId', '');
  }, origin);
}

/** Sits someone at a table ('' for none), creating their seat the first time. */
export function seat(doc: Y.Doc, who: Sitter, tableId: string, origin: unknown = null): void {
  const id = seatIdOf(who);
  doc.transact(() => {
    const existing = seatsMap(doc).get(id);
    if (existing) {
      if (existing.get('tableId') !== tableId) existing.set('tableId', tableId);
      if (existing.get('organisationType') !== who.organisationType && organisationTypes.includes(who.organisationType))
        existing.set('organisationType', who.organisationType);
      return;
    }
    const { name, organisation } = seatable(who);
    const organisationType = organisationTypes.includes(who.organisationType) ? who.organisationType : 'Other';
    seatsMap(doc).set(id, createEntry(seatRecord, { tableId, name, organisation, organisationType }));
  }, origin);
}

/** The table someone sits at, or null (not seated, or at a table since removed). */
export function seatedAt(
  seats: ReadonlyMap<string, { tableId: string }>,
  tables: ReadonlyMap<string, unknown>,
  who: Pick<Sitter, 'name' | 'organisation'>,
): string | null {
  const at = seats.get(seatIdOf(who))?.tableId ?? '';
  return at && tables.has(at) ? at : null;
}

/** Tables in the order the facilitator made them. */
export function orderedTables(tables: ReadonlyMap<string, TableView>): TableView[] {
  return [...tables.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** What bringing a table's work into the room's plan did. */
export interface Brought {
  cards: number;
  items: number;
  /** of those items, how many joined one the room's plan already had (the same intervention) */
  joined: number;
}

/** A plan item's plain fields: the room's item keeps its own, and takes the table's where it has none. */
const joinedScalars = ['owner', 'partner', 'start', 'end', 'cost', 'funding', 'deliveryRoute'] as const;

/**
 * Brings a table's cards and proposed interventions into the room's plan, in one step (so one
 * undo takes it back). Each card and item keeps which table it came from. A framework
 * intervention the room's plan already has (brought from another table, or added in the room)
 * becomes one item: the table's words are added under its name, its organisations, tags and
 * criteria answers join the item's, and its cards are linked to it.
 */
export function bringTableIntoRoom(doc: Y.Doc, tableId: string, origin: unknown = null): Brought {
  const tableName = (v: unknown) => (typeof v === 'string' && v ? v : 'A table');
  const nameOf = (id: string) => tableName(tablesMap(doc).get(id)?.get('name'));
  const brought: Brought = { cards: 0, items: 0, joined: 0 };
  doc.transact(() => {
    for (const card of cardsMap(doc).values()) {
      if (card.get('tableId') !== tableId) continue;
      card.set('tableId', '');
      card.set('fromTableId', tableId);
      brought.cards++;
    }
    const roomItems = new Map<string, string>();
    for (const [id, item] of itemsMap(doc)) {
      const iv = item.get('interventionId');
      if (item.get('tableId') === '' && typeof iv === 'string') roomItems.set(iv, id);
    }
    for (const [id, item] of [...itemsMap(doc)]) {
      if (item.get('tableId') !== tableId) continue;
      brought.items++;
      const iv = item.get('interventionId');
      const intoId = typeof iv === 'string' ? roomItems.get(iv) : undefined;
      const into = intoId ? itemsMap(doc).get(intoId) : undefined;
      if (!into || !intoId) {
        item.set('tableId', '');
        flags(item, 'fromTables').set(tableId, true);
        if (typeof iv === 'string') roomItems.set(iv, id);
        continue;
      }
      joinItem(doc, into, intoId, item, id, tableId, nameOf);
      brought.joined++;
    }
  }, origin);
  return brought;
}

function flags(entry: Entry, field: string): Y.Map<true> {
  const v = entry.get(field);
  if (v instanceof Y.Map) return v as Y.Map<true>;
  const fresh = new Y.Map<true>();
  entry.set(field, fresh);
  return fresh;
}

/** Folds a table's plan item into the room's item for the same intervention, then removes it. */
function joinItem(doc: Y.Doc, into: Entry, intoId: string, item: Entry, itemId: string, tableId: string, nameOf: (id: string) => string): void {
  const from = flags(into, 'fromTables');
  // The room's item said nothing of where its words came from while it had one source: now it has two, label them.
  const earlier = from.size === 1 ? [...from.keys()][0]! : null;
  for (const field of itemTextFields) {
    const theirs = item.get(field);
    const ours = into.get(field);
    if (!(theirs instanceof Y.Text) || !(ours instanceof Y.Text) || theirs.length === 0) continue;
    if (earlier && ours.length > 0 && !ours.toString().startsWith(`${nameOf(earlier)}: `)) ours.insert(0, `${nameOf(earlier)}: `);
    const words = `${ours.length > 0 ? '\n\n' : ''}${nameOf(tableId)}: ${theirs.toString()}`;
    // Within the field's bound: what does not fit stays in the History's copy of the table's item.
    const room = ITEM_TEXT_LIMIT - ours.length;
    if (room > 0) ours.insert(ours.length, words.slice(0, room));
  }
  for (const field of joinedScalars) {
    const theirs = item.get(field);
    if (typeof theirs === 'string' && theirs && !into.get(field)) into.set(field, theirs);
  }
  const orgs = into.get('organisations');
  const theirOrgs = item.get('organisations');
  if (orgs instanceof Y.Array && theirOrgs instanceof Y.Array) {
    const have = new Set(orgs.toArray().map((o) => (o as { name?: string }).name));
    for (const o of theirOrgs.toArray() as Array<{ name?: string }>) if (o?.name && !have.has(o.name) && orgs.length < 200) orgs.push([{ ...o }]);
  }
  const tags = into.get('tags');
  const theirTags = item.get('tags');
  if (tags instanceof Y.Map && theirTags instanceof Y.Map) for (const k of theirTags.keys()) if (!tags.has(k) && tags.size < 64) tags.set(k, true);
  const criteria = into.get('criteria');
  const theirCriteria = item.get('criteria');
  if (criteria instanceof Y.Map && theirCriteria instanceof Y.Map)
    for (const [k, v] of theirCriteria.entries()) if (!criteria.has(k)) criteria.set(k, { ...(v as object) });
  // Its cards are linked to the room's item instead.
  const links = linksMap(doc);
  for (const link of [...links.values()]) {
    const a = link.get('from');
    const b = link.get('to');
    if (a === itemId && typeof b === 'string') addLink(doc, intoId, b);
    if (b === itemId && typeof a === 'string') addLink(doc, a, intoId);
  }
  from.set(tableId, true);
  deleteEntry(doc, itemId);
}

/** The table a card or plan item is at ('' the room's), or null when `id` is neither. */
export function tableOfEntry(doc: Y.Doc, id: string): string | null {
  const entry = cardsMap(doc).get(id) ?? itemsMap(doc).get(id);
  if (!entry) return null;
  const at = entry.get('tableId');
  return typeof at === 'string' ? at : '';
}
