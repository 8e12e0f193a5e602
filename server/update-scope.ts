// Which workshop entries (cards, plan items, links) an update changed, read from the Yjs
// transaction that integrated it. Reading the transaction rather than the encoded update means
// every kind of change is attributed the way Yjs itself resolved it: an insertion in the middle
// of a Y.Text or Y.Array (whose encoding names only its neighbours, not its parent), a nested
// map's field, a deletion anywhere. Locks are enforced with this (see lock-policy.ts).
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
export type AnyType = Y.AbstractType<any>;

/**
 * The keys from the root down to `type`: [root name, key in root, key in that…]. A list element
 * has no key and shows as null.
 */
export function pathOf(type: AnyType): Array<string | null> {
  const path: Array<string | null> = [];
  let t: AnyType = type;
  for (let guard = 0; t._item && guard < 256; guard++) {
    path.push(t._item.parentSub);
    t = t._item.parent as AnyType;
  }
  path.push(Y.findRootTypeKey(t));
  return path.reverse();
}

/** What the transaction changed, by root and entry. */
export function transactionScope(tr: Y.Transaction): UpdateScope {
  const scope: UpdateScope = { roots: new Set(), entries: new Set() };
  for (const [type, keys] of tr.changed) {
    const path = pathOf(type);
    const root = path[0];
    if (typeof root !== 'string') continue;
    scope.roots.add(root);
    if (!entryRoots.has(root)) continue;
    if (path.length === 1) {
      for (const key of keys) if (key !== null) scope.entries.add(key);
    } else if (typeof path[1] === 'string') scope.entries.add(path[1]);
  }
  return scope;
}

/**
 * The scope of an update against `doc`, worked out on a copy so `doc` is untouched. For tests
 * and tools; the relay reads the scope of the transaction it is applying instead.
 */
export function updateScope(doc: Y.Doc, update: Uint8Array): UpdateScope {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let scope: UpdateScope = { roots: new Set(), entries: new Set() };
  copy.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === 'scope') scope = transactionScope(tr);
  });
  Y.applyUpdate(copy, update, 'scope');
  copy.destroy();
  return scope;
}
