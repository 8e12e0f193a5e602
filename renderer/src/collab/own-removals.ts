// The entries this person removed lately, for presence. A Yjs deletion writes nothing new, so
// nothing in it says who made it; others read this list to say "Grace Okafor removed the card …"
// instead of "Someone removed …". Every way of removing counts (Delete, the outline, the phone
// view, Undo of an addition), because it watches this doc's own transactions, not one action.
import type * as Y from 'yjs';
import { cardsMap, itemsMap } from '../../../shared/doc';
import { MAX_REMOVED } from './presence';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
type AnyType = Y.AbstractType<any>;

export function watchOwnRemovals(doc: Y.Doc, onChange: (recent: string[]) => void): () => void {
  const roots = [cardsMap(doc), itemsMap(doc)];
  let recent: string[] = [];
  const onTransaction = (tr: Y.Transaction) => {
    // Only this person's own edits (and undo): what arrives from the relay or the local copy is not theirs.
    if (!tr.local) return;
    const gone: string[] = [];
    for (const root of roots) for (const key of tr.changed.get(root as unknown as AnyType) ?? []) if (key && !root.has(key)) gone.push(key);
    if (gone.length === 0) return;
    recent = [...recent.filter((id) => !gone.includes(id)), ...gone].slice(-MAX_REMOVED);
    onChange(recent);
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}
