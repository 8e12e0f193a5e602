// Turns other people's edits into plain facts a screen reader can say ("Grace Okafor moved a
// card to Innovation and Improvement"). Only transactions that arrive from the relay count: my
// own edits, my local copy loading and undo are never announced. No React here.
import * as Y from 'yjs';
import { cardsMap, itemsMap, tablesMap, readCard, readPlanItem, rootKeys } from '../../../shared/doc';
import { changedEntries } from '../../../shared/doc/changed-entries';
import type { FrameworkIndex } from '../../../shared/framework/load';
import type { LensId } from '../../../shared/framework/schema';

export type ActivityVerb = 'added' | 'removed' | 'moved' | 'edited';

export interface ActivityChange {
  /** the person's name, or null when the change cannot be traced to someone present */
  actor: string | null;
  verb: ActivityVerb;
  what: 'card' | 'item';
  entryId: string;
  /** the card's text or the plan item's title, as it was when it changed */
  label: string;
  lens: LensId | null;
  domainId: string;
  /** the table it is at, by name ('' for the room's own) */
  table: string;
  /** for a move: the table it was at before ('' for the room's own) */
  fromTable?: string;
}

interface Known {
  what: 'card' | 'item';
  label: string;
  lens: LensId | null;
  domainId: string;
  table: string;
}

/**
 * The clients whose clocks advanced in a transaction: whoever inserted or set something in it.
 * A pure deletion advances no clock, so a removal cannot be traced to a person here; the
 * announcer asks the remover's presence instead (see collab/own-removals.ts).
 */
export function authorsOf(tr: Y.Transaction): number[] {
  const out: number[] = [];
  for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) < clock) out.push(client);
  return out;
}

/**
 * Calls `onChanges` with what each remote transaction did to cards and plan items.
 * `isRemote` decides which transactions count (the session passes "came from the relay after the
 * first sync"), `nameOf` maps a Yjs client id to a person through presence.
 */
export function watchRemoteChanges(
  doc: Y.Doc,
  fw: FrameworkIndex,
  isRemote: (tr: Y.Transaction) => boolean,
  nameOf: (clientId: number) => string | null,
  onChanges: (changes: ActivityChange[]) => void,
): () => void {
  const roots = { card: cardsMap(doc), item: itemsMap(doc) } as const;
  const rootNames = { card: rootKeys.cards, item: rootKeys.items } as const;
  const tables = tablesMap(doc);
  const tableName = (tableId: string) => {
    const name = tableId ? tables.get(tableId)?.get('name') : undefined;
    return typeof name === 'string' ? name : '';
  };
  const describe = (what: 'card' | 'item', id: string): Known | null => {
    const e = roots[what].get(id);
    if (!(e instanceof Y.Map)) return null;
    if (what === 'card') {
      const c = readCard(id, e);
      return { what, label: c.text, lens: c.kind, domainId: c.domainId, table: tableName(c.tableId) };
    }
    const i = readPlanItem(id, e, fw);
    return { what, label: i.title, lens: null, domainId: i.domainId, table: tableName(i.tableId) };
  };
  // What each entry was before a change, so a removal or a move can still be described.
  const known = new Map<string, Known>();
  const remember = () => {
    for (const what of ['card', 'item'] as const)
      for (const id of roots[what].keys()) {
        const k = describe(what, id);
        if (k) known.set(id, k);
      }
  };
  remember();

  const onAfterTransaction = (tr: Y.Transaction) => {
    const touched = new Map<string, { what: 'card' | 'item'; added: boolean; removed: boolean; keys: Set<string> }>();
    const changed = changedEntries(tr);
    for (const what of ['card', 'item'] as const) {
      for (const [id, change] of changed.get(rootNames[what]) ?? []) {
        if (change.whole) {
          const had = known.has(id);
          const has = roots[what].has(id);
          if (!had && has) touched.set(id, { what, added: true, removed: false, keys: new Set() });
          else if (had && !has) touched.set(id, { what, added: false, removed: true, keys: new Set() });
          continue;
        }
        if (touched.get(id)?.added || touched.get(id)?.removed) continue;
        const entry = touched.get(id) ?? { what, added: false, removed: false, keys: new Set<string>() };
        for (const field of change.fields) entry.keys.add(field);
        touched.set(id, entry);
      }
    }
    if (touched.size === 0) return;
    const remote = isRemote(tr);
    const changes: ActivityChange[] = [];
    const authors = remote ? authorsOf(tr) : [];
    const actor = authors.length === 1 ? nameOf(authors[0]!) : null;
    for (const [id, t] of touched) {
      const before = known.get(id);
      const after = t.removed ? null : describe(t.what, id);
      if (after) known.set(id, after);
      else known.delete(id);
      if (!remote) continue;
      const now = after ?? before;
      if (!now) continue;
      const base = { actor, what: t.what, entryId: id, label: now.label, lens: now.lens, domainId: now.domainId, table: now.table };
      if (t.added) changes.push({ ...base, verb: 'added', actor: actor ?? authorFromEntry(t.what, id) });
      else if (t.removed) changes.push({ ...base, verb: 'removed' });
      else if (before && after && (before.domainId !== after.domainId || before.table !== after.table))
        changes.push({ ...base, verb: 'moved', fromTable: before.table });
      else if ([...t.keys].some((k) => !['x', 'y', 'domainId', 'votes', 'tableId', 'fromTableId', 'fromTables'].includes(k)))
        changes.push({ ...base, verb: 'edited' });
    }
    if (changes.length > 0) onChanges(changes);
  };
  // A card names its author; for additions traced to nobody present, that is the next best thing.
  const authorFromEntry = (what: 'card' | 'item', id: string): string | null => {
    if (what !== 'card') return null;
    const e = roots.card.get(id);
    return e instanceof Y.Map ? readCard(id, e).author || null : null;
  };
  doc.on('afterTransaction', onAfterTransaction);
  return () => doc.off('afterTransaction', onAfterTransaction);
}
