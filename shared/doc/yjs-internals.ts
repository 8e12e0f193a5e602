// Everything the app reads from Yjs's internals (items, the struct store, pending updates,
// a type's place in the doc) goes through this file, so a Yjs upgrade that changes them breaks
// here, under this file's own tests, and nowhere else. The rest of the code asks questions in
// the workshop's terms: where in the doc a type sits, which items a transaction inserted or
// deleted, what an encoded update claims before it is applied.
import * as Y from 'yjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over content
export type AnyType = Y.AbstractType<any>;

/**
 * Where a type sits: the root's name and the keys from the root down (a list element has no
 * key and shows as null). `tooDeep` when the type is nested more than `maxDepth` levels below
 * its root: the walk stops there, so no nesting can make it slow or overflow.
 */
export type DocPath = { root: string | null; keys: Array<string | null>; tooDeep: false } | { root: null; keys: []; tooDeep: true };

export function pathOf(type: AnyType, maxDepth: number): DocPath {
  const keys: Array<string | null> = [];
  let t: AnyType = type;
  while (t._item) {
    if (keys.length >= maxDepth) return { root: null, keys: [], tooDeep: true };
    keys.push(t._item.parentSub);
    const parent = t._item.parent;
    if (!(parent instanceof Y.AbstractType)) return { root: null, keys: [], tooDeep: false };
    t = parent;
  }
  keys.reverse();
  return { root: rootName(t), keys, tooDeep: false };
}

function rootName(type: AnyType): string | null {
  const doc = type.doc;
  if (!doc) return null;
  for (const [name, t] of doc.share) if (t === type) return name;
  return null;
}

/** The type an item belongs to, or null for an item whose parent Yjs could not resolve. */
export function parentOf(item: Y.Item): AnyType | null {
  return item.parent instanceof Y.AbstractType ? item.parent : null;
}

/** The current value under `key` in a map-like type (undefined when absent or deleted). */
export function valueAt(type: AnyType, key: string): unknown {
  const item = type._map.get(key);
  if (!item || item.deleted) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/** How many keys of a map-like type hold a value (deleted keys do not count). */
export function liveKeyCount(type: AnyType): number {
  let n = 0;
  for (const item of type._map.values()) if (!item.deleted) n++;
  return n;
}

/** What kind of content an item carries, in the app's terms. */
export type ContentKind = 'values' | 'string' | 'type' | 'deleted' | 'other';

export function contentKind(item: Y.Item): ContentKind {
  const c = item.content;
  if (c instanceof Y.ContentAny) return 'values';
  if (c instanceof Y.ContentString) return 'string';
  if (c instanceof Y.ContentType) return 'type';
  if (c instanceof Y.ContentDeleted) return 'deleted';
  // Formatting marks, embeds, binary, subdocuments and the legacy JSON content: no part of the
  // workshop is made of them.
  return 'other';
}

/** The plain values an item holds (ContentAny), or [] for other content. */
export function itemValues(item: Y.Item): unknown[] {
  return item.content instanceof Y.ContentAny ? item.content.getContent() : [];
}

/** The nested type an item holds (ContentType), or null. */
export function itemType(item: Y.Item): AnyType | null {
  return item.content instanceof Y.ContentType ? (item.content.type as AnyType) : null;
}

/** Every item the transaction added to the doc (GC ranges included as `gc`). */
export function* insertedStructs(tr: Y.Transaction): Generator<{ item: Y.Item } | { gc: true; client: number }> {
  const store = tr.doc.store;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i]!;
      if (s.id.clock >= after) break;
      if (s instanceof Y.Item) yield { item: s };
      else yield { gc: true, client };
    }
  }
}

/** Every item the transaction deleted (items deleted before it are not listed). */
export function deletedItems(tr: Y.Transaction): Y.Item[] {
  const out: Y.Item[] = [];
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (s instanceof Y.Item) out.push(s);
  });
  return out;
}

/** Whether a nested type was already in the doc before the transaction (not created by it). */
export function existedBefore(type: AnyType, tr: Y.Transaction): boolean {
  const item = type._item;
  return !!item && item.id.clock < (tr.beforeState.get(item.id.client) ?? 0);
}

/** Whether an item's own parent type was deleted by the same transaction (its deletion is the parent's). */
export function deletedWithParent(item: Y.Item, tr: Y.Transaction): boolean {
  const parentItem = parentOf(item)?._item;
  return !!parentItem && parentItem.deleted && Y.isDeleted(tr.deleteSet, parentItem.id);
}

/** The structs Yjs parked because their dependencies were missing, to compare and put back. */
export interface PendingState {
  structs: unknown;
  deleteSet: unknown;
}

export function pendingState(doc: Y.Doc): PendingState {
  return { structs: doc.store.pendingStructs, deleteSet: doc.store.pendingDs };
}

export function restorePending(doc: Y.Doc, state: PendingState): void {
  doc.store.pendingStructs = state.structs as typeof doc.store.pendingStructs;
  doc.store.pendingDs = state.deleteSet as typeof doc.store.pendingDs;
}

/** Whether applying something left structs or deletions parked that were not parked before. */
export function leftPending(doc: Y.Doc, before: PendingState): boolean {
  const now = pendingState(doc);
  const structsChanged = now.structs !== null && (now.structs as { update?: unknown }).update !== (before.structs as { update?: unknown } | null)?.update;
  return structsChanged || (now.deleteSet !== null && now.deleteSet !== before.deleteSet);
}

/** Collects deleted content right away (so refused content is not kept, sent or saved). */
export function collectDeleted(doc: Y.Doc, tr?: Y.Transaction | null): void {
  Y.tryGc(tr ? tr.deleteSet : Y.createDeleteSetFromStructStore(doc.store), doc.store, doc.gcFilter);
}

/** What an encoded update claims, read before it touches any doc. */
export interface UpdateShape {
  /** per client id: the first clock and the clock after the last of its structs */
  structs: Map<number, { first: number; end: number }>;
  /** whether it has gaps Yjs would have to park (skip structs) */
  hasGaps: boolean;
  /** per client id: the clock after the last deletion it claims */
  deletionsEnd: Map<number, number>;
}

/** Decodes an update's outline; throws for one that does not decode. */
export function updateShape(update: Uint8Array): UpdateShape {
  const decoded = Y.decodeUpdate(update);
  const structs = new Map<number, { first: number; end: number }>();
  let hasGaps = false;
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) hasGaps = true;
    const { client, clock } = s.id;
    const known = structs.get(client);
    if (!known) structs.set(client, { first: clock, end: clock + s.length });
    else {
      if (clock !== known.end) hasGaps = true;
      known.first = Math.min(known.first, clock);
      known.end = Math.max(known.end, clock + s.length);
    }
  }
  const deletionsEnd = new Map<number, number>();
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) deletionsEnd.set(client, Math.max(deletionsEnd.get(client) ?? 0, r.clock + r.len));
  }
  return { structs, hasGaps, deletionsEnd };
}
