// Which workshop entries (cards, plan items, links) a Yjs update would change, worked out
// against the room's doc without applying it. Locks are enforced with this: a participant's
// update that touches a locked entry is dropped at the relay.
import * as Y from 'yjs';
import { rootKeys } from '../shared/doc/layout';

export interface UpdateScope {
  /** root types touched (meta, cards, items, links, votes…) */
  roots: Set<string>;
  /** ids of entries under cards/items/links that are touched */
  entries: Set<string>;
}

const entryRoots = new Set<string>([rootKeys.cards, rootKeys.items, rootKeys.links]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs internals are loosely typed
type AnyType = Y.AbstractType<any>;

/** The root key and entry id an existing item lives under, walking up the doc's tree. */
function locateInDoc(doc: Y.Doc, item: Y.Item): { root: string | null; entry: string | null } {
  let child: Y.Item | null = item;
  let entry: string | null = null;
  while (child) {
    const parent = child.parent as AnyType;
    if (!parent._item) {
      const root = Y.findRootTypeKey(parent);
      if (entryRoots.has(root)) entry = child.parentSub;
      return { root, entry };
    }
    child = parent._item;
  }
  return { root: null, entry: null };
}

function findItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const clientStructs = doc.store.clients.get(id.client);
  if (!clientStructs || clientStructs.length === 0) return null;
  const last = clientStructs[clientStructs.length - 1]!;
  if (id.clock >= last.id.clock + last.length) return null;
  const s = Y.getItem(doc.store, id);
  return s instanceof Y.Item ? s : null;
}

export function updateScope(doc: Y.Doc, update: Uint8Array): UpdateScope {
  const { structs, ds } = Y.decodeUpdate(update);
  const scope: UpdateScope = { roots: new Set(), entries: new Set() };
  // Structs in the update itself, so a new entry's fields can be traced to the new entry.
  const own = new Map<string, Y.Item>();
  for (const s of structs) if (s instanceof Y.Item) own.set(`${s.id.client}:${s.id.clock}`, s);
  const ownAt = (id: Y.ID): Y.Item | undefined => {
    for (const s of own.values()) if (s.id.client === id.client && id.clock >= s.id.clock && id.clock < s.id.clock + s.length) return s;
    return undefined;
  };

  const trace = (start: Y.Item) => {
    let item: Y.Item | undefined = start;
    for (let guard = 0; item && guard < 64; guard++) {
      const parent = item.parent as unknown;
      if (typeof parent === 'string') {
        scope.roots.add(parent);
        if (entryRoots.has(parent) && item.parentSub) scope.entries.add(item.parentSub);
        return;
      }
      if (parent && typeof parent === 'object' && 'client' in parent && 'clock' in parent) {
        const pid = parent as Y.ID;
        const next = ownAt(pid);
        if (next) {
          item = next;
          continue;
        }
        const existing = findItem(doc, pid);
        if (existing) {
          const where = locateInDoc(doc, existing);
          if (where.root) scope.roots.add(where.root);
          if (where.entry) scope.entries.add(where.entry);
        }
        return;
      }
      if (parent && typeof parent === 'object' && '_item' in parent) {
        // Already integrated type (not expected in a decoded update, handled for safety).
        const p = parent as AnyType;
        if (p._item) {
          const where = locateInDoc(doc, p._item);
          if (where.root) scope.roots.add(where.root);
          if (where.entry) scope.entries.add(where.entry);
        } else scope.roots.add(Y.findRootTypeKey(p));
        return;
      }
      return;
    }
  };

  for (const s of structs) if (s instanceof Y.Item) trace(s);
  for (const [client, ranges] of ds.clients) {
    const clientStructs = doc.store.clients.get(client);
    if (!clientStructs) continue;
    for (const range of ranges) {
      // A deleted range can cover several items (say two cards one person made in a row), so
      // every struct in it is traced. Ranges are bounded by what the doc holds.
      const end = range.clock + range.len;
      const last = clientStructs[clientStructs.length - 1]!;
      if (range.clock >= last.id.clock + last.length) continue;
      for (let i = Y.findIndexSS(clientStructs, range.clock); i < clientStructs.length && clientStructs[i]!.id.clock < end; i++) {
        const item = clientStructs[i];
        // Updates built from a whole doc carry its entire delete history; only deletions the
        // room has not seen yet are changes.
        if (!(item instanceof Y.Item) || item.deleted) continue;
        const where = locateInDoc(doc, item);
        if (where.root) scope.roots.add(where.root);
        if (where.entry) scope.entries.add(where.entry);
      }
    }
  }
  return scope;
}
