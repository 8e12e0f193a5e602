import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { updateScope } from '../../server/update-scope';
import { addCard, addPlanItem, addLink, setCardText, setTag, deleteEntry, moveEntry, replaceItemText, setMeta } from '../../shared/doc';

const at = { x: 0, y: 0 };

/** The update a change makes on a copy of `base`, and the scope the relay reads from it. */
function scopeOf(base: Y.Doc, change: (d: Y.Doc) => void) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return updateScope(base, Y.encodeStateAsUpdate(copy, before));
}

describe('update scope', () => {
  const base = new Y.Doc();
  const a = addCard(base, { kind: 'people', text: 'A', domainId: 'd', position: at });
  const b = addCard(base, { kind: 'place', text: 'B', domainId: 'd', position: at });
  const item = addPlanItem(base, { interventionId: null, customTitle: 'X', domainId: 'd', position: at });

  it('names the entry behind a field change, a tag and a Y.Text edit', () => {
    expect([...scopeOf(base, (d) => setCardText(d, a, 'A2')).entries]).toEqual([a]);
    expect([...scopeOf(base, (d) => setTag(d, b, 'ie-role-1', true)).entries]).toEqual([b]);
    expect([...scopeOf(base, (d) => replaceItemText(d, item, 'description', 'hello')).entries]).toEqual([item]);
    expect([...scopeOf(base, (d) => moveEntry(d, a, { x: 5, y: 5 }, 'e')).entries]).toEqual([a]);
  });

  it('names new entries, links, deletions of several entries at once, and meta', () => {
    const created = scopeOf(base, (d) => addCard(d, { kind: 'purpose', text: 'New', domainId: 'd', position: at }, null, 'newcard0000'));
    expect([...created.entries]).toEqual(['newcard0000']);
    const linked = scopeOf(base, (d) => addLink(d, a, b));
    expect(linked.roots.has('links')).toBe(true);
    const removed = scopeOf(base, (d) => {
      deleteEntry(d, a);
      deleteEntry(d, b);
    });
    expect([...removed.entries].sort()).toEqual([a, b].sort());
    const meta = scopeOf(base, (d) => setMeta(d, 'title', 'Renamed'));
    expect([...meta.roots]).toEqual(['meta']);
    expect(meta.entries.size).toBe(0);
  });
});

describe('update scope and delete history', () => {
  it('does not count deletions the doc has already seen', () => {
    const base = new Y.Doc();
    const a = addCard(base, { kind: 'people', text: 'A', domainId: 'd', position: at });
    setCardText(base, a, 'A2'); // leaves a deleted value behind in a's history
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
    const before = Y.encodeStateVector(copy);
    addCard(copy, { kind: 'place', text: 'B', domainId: 'd', position: at }, null, 'othercard000');
    // encodeStateAsUpdate carries the whole delete set, including a's old text.
    const scope = updateScope(base, Y.encodeStateAsUpdate(copy, before));
    expect([...scope.entries]).toEqual(['othercard000']);
  });
});
