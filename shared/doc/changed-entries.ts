// Which entries of the workshop a transaction changed, read from the types Yjs says it changed:
// the one walk from a changed type up to its entry, shared by the app's mirror of the doc, its
// announcements of others' changes and anything else that needs to know "what was touched".
import type * as Y from 'yjs';
import { MAX_DOC_DEPTH } from './schema';
import { pathOf, type AnyType } from './yjs-internals';

export interface EntryChange {
  /** the entry itself was set, replaced or removed (under its root) */
  whole: boolean;
  /** fields changed inside the entry (for meta, which has no entries: the fields changed) */
  fields: Set<string>;
}

/** root name → entry id → what changed. Meta's fields show as entries of 'meta' with whole true. */
export type ChangedEntries = Map<string, Map<string, EntryChange>>;

function note(out: ChangedEntries, root: string, id: string): EntryChange {
  let entries = out.get(root);
  if (!entries) out.set(root, (entries = new Map()));
  let change = entries.get(id);
  if (!change) entries.set(id, (change = { whole: false, fields: new Set() }));
  return change;
}

export function changedEntries(tr: Y.Transaction): ChangedEntries {
  const out: ChangedEntries = new Map();
  for (const [type, keys] of tr.changed) {
    // Types nested deeper than any workshop field are not part of the workshop.
    const path = pathOf(type as AnyType, MAX_DOC_DEPTH);
    if (path.tooDeep || path.root === null) continue;
    const [entry, field] = path.keys;
    if (entry === undefined) {
      for (const key of keys) if (key !== null) note(out, path.root, key).whole = true;
      continue;
    }
    if (typeof entry !== 'string') continue;
    const change = note(out, path.root, entry);
    if (typeof field === 'string') change.fields.add(field);
    else if (field === undefined) for (const key of keys) if (key !== null) change.fields.add(key);
  }
  return out;
}
