// What a restore point holds, read without a room: its cards and plan items for a preview, what
// changed between two points, and the one operation that makes a live doc's content equal to a
// point's as an ordinary edit (so it reaches every client, and offline clients merge it).
import * as Y from 'yjs';
import { MAX_DOC_DEPTH } from '../shared/doc/schema';
import { rootKeys } from '../shared/doc/layout';
import { readCard, readPlanItem } from '../shared/doc/read';
import { cardsMap, itemsMap } from '../shared/doc/workshop-doc';
import { tablesMap } from '../shared/doc/tables';
import { frameworkIndex } from '../shared/framework';
import type { ChangeSummary, NamedEntry, PointPreview } from '../shared/history';

export type { ChangeSummary, NamedEntry, PointPreview };

/** Longest list kept per kind of change; the dialog says "and N more" from the counts. */
const MAX_LISTED = 30;

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, state);
  return doc;
}

function label(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t || '(empty)';
}

/** The name of the table an entry is at in this point, or '' for the room's own (or a table since removed). */
function tableNamer(doc: Y.Doc): (tableId: string) => string {
  const tables = tablesMap(doc);
  return (tableId) => {
    const name = tableId ? tables.get(tableId)?.get('name') : undefined;
    return typeof name === 'string' ? label(name) : '';
  };
}

function namedCards(doc: Y.Doc): Map<string, NamedEntry> {
  const out = new Map<string, NamedEntry>();
  const tableOf = tableNamer(doc);
  for (const [id, e] of cardsMap(doc)) {
    if (!(e instanceof Y.Map)) continue;
    const c = readCard(id, e);
    out.set(id, { id, label: label(c.text), detail: c.kind, table: tableOf(c.tableId) });
  }
  return out;
}

function namedItems(doc: Y.Doc): Map<string, NamedEntry> {
  const out = new Map<string, NamedEntry>();
  const tableOf = tableNamer(doc);
  for (const [id, e] of itemsMap(doc)) {
    if (!(e instanceof Y.Map)) continue;
    const p = readPlanItem(id, e, frameworkIndex);
    out.set(id, { id, label: label(p.title), detail: p.status, table: tableOf(p.tableId) });
  }
  return out;
}

export function previewOf(doc: Y.Doc): PointPreview {
  const byLabel = (a: NamedEntry, b: NamedEntry) => a.label.localeCompare(b.label);
  return {
    cards: [...namedCards(doc).values()].sort(byLabel),
    items: [...namedItems(doc).values()].sort(byLabel),
    links: doc.getMap(rootKeys.links).size,
  };
}

/** A stable text of everything a restore would bring back, to tell whether two states differ. */
export function contentKey(doc: Y.Doc): string {
  return JSON.stringify(Object.values(rootKeys).map((k) => plain(doc.getMap(k))));
}

/**
 * How many levels of shared types below a root a restore point reads and writes: a workshop
 * nests three (entry, field, a field's own entries); anything deeper was never the workshop's
 * (an old file may hold it) and is left out rather than walked, so no nesting can overflow.
 */
const MAX_NESTING = MAX_DOC_DEPTH + 1;

/** Plain JSON of a value, reading at most MAX_NESTING levels of shared types. */
function plain(v: unknown, depth = 0): unknown {
  if (v instanceof Y.Text) return v.toString();
  if (v instanceof Y.Map) return depth >= MAX_NESTING ? null : Object.fromEntries([...v.entries()].map(([k, x]) => [k, plain(x, depth + 1)]));
  if (v instanceof Y.Array) return depth >= MAX_NESTING ? null : v.toArray().map((x) => plain(x, depth + 1));
  if (v instanceof Y.AbstractType) return null;
  return v;
}

export function summarise(before: Y.Doc | null, after: Y.Doc): ChangeSummary {
  const added = (a: Map<string, NamedEntry>, b: Map<string, NamedEntry>) => [...b.values()].filter((e) => !a.has(e.id)).slice(0, MAX_LISTED);
  const cardsBefore = before ? namedCards(before) : new Map<string, NamedEntry>();
  const itemsBefore = before ? namedItems(before) : new Map<string, NamedEntry>();
  const cardsAfter = namedCards(after);
  const itemsAfter = namedItems(after);
  let changed = 0;
  if (before) {
    for (const key of [rootKeys.cards, rootKeys.items]) {
      const a = before.getMap(key);
      const b = after.getMap(key);
      for (const [id, v] of b) {
        const old = a.get(id);
        if (old !== undefined && JSON.stringify(toJson(old)) !== JSON.stringify(toJson(v))) changed++;
      }
    }
  }
  return {
    cardsAdded: added(cardsBefore, cardsAfter),
    cardsRemoved: added(cardsAfter, cardsBefore),
    itemsAdded: added(itemsBefore, itemsAfter),
    itemsRemoved: added(itemsAfter, itemsBefore),
    changed,
  };
}

function toJson(v: unknown): unknown {
  return plain(v, 1);
}

/**
 * Changes `target` (a live doc, inside the caller's transaction) so that its content equals
 * `source`'s. Entries that are already equal are not touched, so a restore is as small as the
 * difference and concurrent edits to untouched entries survive. Entries the point has and the
 * doc lost are written as new entries under their old ids: an offline client that still holds
 * the old, deleted copies learns of the deletion when it reconnects and keeps only these.
 */
export function makeEqual(target: Y.Doc, source: Y.Doc): void {
  for (const key of Object.values(rootKeys)) syncMap(target.getMap(key), source.getMap(key), 0);
}

function syncMap(t: Y.Map<unknown>, s: Y.Map<unknown>, depth: number): void {
  for (const key of [...t.keys()]) if (!s.has(key)) t.delete(key);
  for (const [key, sv] of s) {
    const tv = t.get(key);
    if (sv instanceof Y.Map && tv instanceof Y.Map) {
      if (depth + 1 < MAX_NESTING) syncMap(tv, sv, depth + 1);
    } else if (sv instanceof Y.Text && tv instanceof Y.Text) syncText(tv, sv.toString());
    else if (sv instanceof Y.Array && tv instanceof Y.Array) {
      if (JSON.stringify(plain(sv, depth + 1)) !== JSON.stringify(plain(tv, depth + 1))) {
        tv.delete(0, tv.length);
        tv.insert(
          0,
          sv.toArray().map((x) => copy(x, depth + 2)),
        );
      }
    } else if (sv instanceof Y.AbstractType || tv instanceof Y.AbstractType || !t.has(key) || JSON.stringify(sv) !== JSON.stringify(tv)) {
      t.set(key, copy(sv, depth + 1));
    }
  }
}

/** Replaces only the part of the text that differs (common start and end kept). */
function syncText(t: Y.Text, wanted: string): void {
  const current = t.toString();
  if (current === wanted) return;
  let start = 0;
  while (start < current.length && start < wanted.length && current[start] === wanted[start]) start++;
  let end = 0;
  while (end < current.length - start && end < wanted.length - start && current[current.length - 1 - end] === wanted[wanted.length - 1 - end]) end++;
  t.delete(start, current.length - start - end);
  t.insert(start, wanted.slice(start, wanted.length - end));
}

/** A fresh copy of a value from another doc (Yjs types cannot move between docs), `depth` levels below its root. */
function copy(v: unknown, depth: number): unknown {
  if (v instanceof Y.Map) {
    const m = new Y.Map<unknown>();
    if (depth < MAX_NESTING) for (const [k, x] of v) m.set(k, copy(x, depth + 1));
    return m;
  }
  if (v instanceof Y.Text) return new Y.Text(v.toString());
  if (v instanceof Y.Array) return Y.Array.from((depth < MAX_NESTING ? v.toArray().map((x) => copy(x, depth + 1)) : []) as never[]);
  if (v instanceof Y.AbstractType) return null;
  return v;
}
