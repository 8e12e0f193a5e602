// Everything the app reads from Yjs's internals (items, the struct store, pending updates,
// a type's place in the doc) goes through this file, so a Yjs upgrade that changes them breaks
// here, under this file's own tests, and nowhere else. The rest of the code asks questions in
// the workshop's terms: where in the doc a type sits, which items a transaction inserted or
// deleted, what an encoded update claims before it is applied.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

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
  /** the update itself, decoded, for the gate to take apart without decoding it again */
  decoded: DecodedUpdate;
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
  return { structs, hasGaps, deletionsEnd, decoded };
}

// ---------------------------------------------------------------------------------------------
// An update taken apart, so the relay can integrate its structs, then judge what its deletions
// would remove before it applies them (update-gate.ts).

/** An update as Yjs decodes it: its structs and its delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Per client id, the clock ranges a delete set names, sorted and merged. */
export type DeletionRanges = Map<number, Array<{ clock: number; len: number }>>;

/** The update's delete set, each client's ranges sorted and merged (so walking them is linear), or null if it deletes nothing. */
export function deletionRanges(decoded: DecodedUpdate): DeletionRanges | null {
  const out: DeletionRanges = new Map();
  for (const [client, ranges] of decoded.ds.clients) {
    const sorted = ranges.filter((r) => r.len > 0).sort((a, b) => a.clock - b.clock);
    const merged: Array<{ clock: number; len: number }> = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock);
      else merged.push({ clock: r.clock, len: r.len });
    }
    if (merged.length) out.set(client, merged);
  }
  return out.size ? out : null;
}

/** A V1 update that holds only these deletions. */
export function deletionUpdate(ranges: DeletionRanges): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0); // no structs
  encoding.writeVarUint(enc, ranges.size);
  for (const [client, rs] of ranges) {
    encoding.writeVarUint(enc, client);
    encoding.writeVarUint(enc, rs.length);
    for (const r of rs) {
      encoding.writeVarUint(enc, r.clock);
      encoding.writeVarUint(enc, r.len);
    }
  }
  return encoding.toUint8Array(enc);
}

/**
 * The same update without its deletions (null when it brings no structs). Each client's structs
 * must follow on from each other; throws for an update whose do not.
 */
export function structsOnly(update: Uint8Array, decoded: DecodedUpdate): Uint8Array | null {
  if (decoded.structs.length === 0) return null;
  if (decoded.ds.clients.size === 0) return update;
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const s of decoded.structs) {
    const list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, [s]);
    else if (list[list.length - 1]!.id.clock + list[list.length - 1]!.length !== s.id.clock) throw new Error('its structs do not follow on');
    else list.push(s);
  }
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, structs] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, structs[0]!.id.clock);
    for (const s of structs) s.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // an empty delete set
  return encoder.toUint8Array();
}

/** Every item the doc holds, not yet deleted, that the ranges cover (clocks the doc does not have are passed over). */
export function liveItemsIn(doc: Y.Doc, ranges: DeletionRanges): Y.Item[] {
  // A set: one item (a run of characters) may reach into the next range too.
  const out = new Set<Y.Item>();
  for (const [client, rs] of ranges) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const state = Y.getState(doc.store, client);
    for (const r of rs) {
      if (r.clock >= state) break;
      for (let i = Y.findIndexSS(structs, r.clock); i < structs.length && structs[i]!.id.clock < r.clock + r.len; i++) {
        const s = structs[i]!;
        if (s instanceof Y.Item && !s.deleted) out.add(s);
      }
    }
  }
  return [...out];
}

/** Whether the ranges cover this id. */
export function rangesCover(ranges: DeletionRanges, id: Y.ID): boolean {
  const rs = ranges.get(id.client);
  if (!rs) return false;
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid]!;
    if (id.clock < r.clock) hi = mid - 1;
    else if (id.clock >= r.clock + r.len) lo = mid + 1;
    else return true;
  }
  return false;
}

/** A live map value an update would write over; `blind` when the writer had not seen it (no left neighbour). */
export interface Overwrite {
  value: Y.Item;
  blind: boolean;
}

/**
 * The live map values the update's new structs would write over, read before it is applied: a
 * struct set under a key (with no left neighbour, or to the right of one the doc holds) can
 * become that key's value and delete the one there. One placed right after the value writes
 * over it knowingly; one with no left neighbour was made without seeing it (two people creating
 * the same key at once), and Yjs settles which stays. Structs the doc already has are passed over.
 */
export function overwrittenValues(doc: Y.Doc, decoded: DecodedUpdate): Overwrite[] {
  const store = doc.store;
  const has = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  const out = new Map<Y.Item, boolean>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item) || has(s.id)) continue;
    let parent: AnyType | null = null;
    let key: string | null;
    if (s.origin) {
      // Placed after an item the doc holds: it goes under that item's parent and key. (After
      // one this update brings, it follows that one, which is looked at in its turn.)
      if (!has(s.origin)) continue;
      const left = Y.getItem(store, s.origin);
      if (!(left instanceof Y.Item) || left.parentSub === null) continue;
      parent = parentOf(left);
      key = left.parentSub;
    } else if (s.rightOrigin) {
      // Placed before an existing value: never the key's value, so it overwrites nothing.
      continue;
    } else {
      key = s.parentSub;
      const named = s.parent as unknown;
      if (typeof named === 'string') parent = doc.share.get(named) ?? null;
      else if (named instanceof Y.ID && has(named)) {
        const holder = Y.getItem(store, named);
        parent = holder instanceof Y.Item ? itemType(holder) : null;
      }
    }
    if (!parent || key === null) continue;
    const current = parent._map.get(key);
    if (current && !current.deleted) out.set(current, (out.get(current) ?? true) && !s.origin);
  }
  return [...out].map(([value, blind]) => ({ value, blind }));
}
