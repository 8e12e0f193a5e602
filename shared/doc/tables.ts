// Table groups (schema 4): the facilitator's tables with their briefs, and who sits where. A
// seat is keyed by the person (their name and organisation as they joined), so it outlasts a
// reconnect or a reload; moving someone changes only their seat, never what they wrote.
import type * as Y from 'yjs';
import { newEntryId } from './ids';
import { createEntry, tableRecord, seatRecord, organisationTypes } from './schema';
import { rootKeys, type OrganisationType, type TableView } from './layout';
import type { Entry } from './workshop-doc';

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

/** Removes a table; the people at it sit at no table, and its cards and items stay, as the whole room's. */
export function removeTable(doc: Y.Doc, id: string, origin: unknown = null): void {
  doc.transact(() => {
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

/** Tables in the order the facilitator made them. */
export function orderedTables(tables: ReadonlyMap<string, TableView>): TableView[] {
  return [...tables.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}
