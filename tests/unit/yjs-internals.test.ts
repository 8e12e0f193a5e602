// The one file that reads Yjs internals has its own tests, so a Yjs upgrade that changes them
// fails here first, by name.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import {
  pathOf,
  valueAt,
  liveKeyCount,
  contentKind,
  insertedStructs,
  deletedItems,
  deletedWithParent,
  pendingState,
  leftPending,
  restorePending,
  updateShape,
  structsOnly,
  deletionRanges,
  deletionUpdate,
  liveItemsIn,
  rangesCover,
  overwrittenValues,
} from '../../shared/doc/yjs-internals';

function afterNext(doc: Y.Doc, change: () => void): Y.Transaction {
  let tr: Y.Transaction | null = null;
  const on = (t: Y.Transaction) => (tr = t);
  doc.on('afterTransaction', on);
  change();
  doc.off('afterTransaction', on);
  if (!tr) throw new Error('no transaction');
  return tr;
}

describe('Yjs internals', () => {
  it('places a type by its keys from the root, and stops at a depth', () => {
    const doc = new Y.Doc();
    const card = doc.getMap('cards').set('c1', new Y.Map<unknown>());
    const tags = card.set('tags', new Y.Map<unknown>());
    expect(pathOf(tags, 3)).toEqual({ root: 'cards', keys: ['c1', 'tags'], tooDeep: false });
    expect(pathOf(doc.getMap('cards'), 3)).toEqual({ root: 'cards', keys: [], tooDeep: false });
    let deep: Y.Map<unknown> = tags;
    for (let i = 0; i < 10; i++) deep = deep.set('n', new Y.Map<unknown>());
    expect(pathOf(deep, 3).tooDeep).toBe(true);
  });

  it('reads map values and counts only live keys', () => {
    const doc = new Y.Doc();
    const m = doc.getMap('meta');
    m.set('a', 1);
    m.set('b', 2);
    m.delete('b');
    expect(valueAt(m, 'a')).toBe(1);
    expect(valueAt(m, 'b')).toBeUndefined();
    expect(liveKeyCount(m)).toBe(1);
  });

  it('lists what a transaction inserted and deleted, with the kind of each content', () => {
    // Without garbage collection, so what the transaction deleted is still there to look at.
    const doc = new Y.Doc({ gc: false });
    const items = doc.getMap('items');
    items.set('i1', new Y.Map<unknown>());
    const tr = afterNext(doc, () =>
      doc.transact(() => {
        const text = (items.get('i1') as Y.Map<unknown>).set('description', new Y.Text());
        text.insert(0, 'hello');
        text.format(0, 2, { bold: true });
        items.delete('i1');
      }),
    );
    const kinds = [...insertedStructs(tr)].map((s) => ('gc' in s ? 'gc' : contentKind(s.item)));
    expect(kinds).toEqual(expect.arrayContaining(['type', 'string', 'other']));
    const deleted = deletedItems(tr);
    expect(deleted.length).toBeGreaterThan(0);
    // The description's characters go with their entry.
    expect(deleted.some((item) => deletedWithParent(item, tr))).toBe(true);
  });

  it('outlines an update before it is applied: clocks per client, gaps, deletions', () => {
    const doc = new Y.Doc();
    doc.getMap('cards').set('a', 1);
    const sv = Y.encodeStateVector(doc);
    doc.getMap('cards').set('b', 2);
    doc.getMap('cards').delete('a');
    const shape = updateShape(Y.encodeStateAsUpdate(doc, sv));
    expect(shape.structs.get(doc.clientID)).toEqual({ first: 1, end: 2 });
    expect(shape.hasGaps).toBe(false);
    expect(shape.deletionsEnd.get(doc.clientID)).toBe(1);
    // Two updates of one client with a gap between them, merged: Yjs writes a skip.
    const other = new Y.Doc();
    other.clientID = 42;
    other.getMap('cards').set('a', 1);
    const early = Y.encodeStateAsUpdate(other);
    other.getMap('cards').set('b', 2);
    const middle = Y.encodeStateVector(other);
    other.getMap('cards').set('c', 3);
    const withGap = Y.mergeUpdates([early, Y.encodeStateAsUpdate(other, middle)]);
    expect(updateShape(withGap).hasGaps).toBe(true);
    expect(updateShape(Y.encodeStateAsUpdate(other, middle)).structs.get(42)).toEqual({ first: 2, end: 3 });
    expect(() => updateShape(new Uint8Array([1, 2, 3]))).toThrow();
  });

  it('sees what an update left parked, and puts the parking back', () => {
    const source = new Y.Doc();
    source.getMap('cards').set('a', 1);
    const sv = Y.encodeStateVector(source);
    source.getMap('cards').set('b', 2);
    const later = Y.encodeStateAsUpdate(source, sv);
    const room = new Y.Doc();
    const before = pendingState(room);
    Y.applyUpdate(room, later);
    expect(leftPending(room, before)).toBe(true);
    restorePending(room, before);
    expect(room.store.pendingStructs).toBeNull();
    expect(leftPending(room, before)).toBe(false);
  });

  it('takes an update apart into its structs and its deletions, which together do what it does', () => {
    const source = new Y.Doc();
    const map = source.getMap<unknown>('cards');
    const text = new Y.Text('hello world');
    map.set('a', text);
    map.set('b', 1);
    const sv = Y.encodeStateVector(source);
    const room = new Y.Doc();
    Y.applyUpdate(room, Y.encodeStateAsUpdate(source));
    source.transact(() => {
      text.delete(0, 6);
      text.insert(5, '!');
      map.set('b', 2);
      map.set('c', 3);
      map.delete('c');
    });
    const update = Y.encodeStateAsUpdate(source, sv);
    const decoded = Y.decodeUpdate(update);
    const ranges = deletionRanges(decoded)!;
    const structs = structsOnly(update, decoded)!;
    expect(Y.decodeUpdate(structs).ds.clients.size).toBe(0);
    expect(Y.decodeUpdate(structs).structs.length).toBe(decoded.structs.length);
    // Before anything is applied: the value under "b" is what would be written over.
    expect(overwrittenValues(room, decoded).map((o) => [o.value.content.getContent(), o.blind])).toEqual([[[1], false]]);
    Y.applyUpdate(room, structs);
    // Its structs in, what the deletions would remove is in the run of characters holding
    // "hello " (items are not split to be looked at). The old "b" was written over by now, and
    // the new "c", deleted where it was made, arrived deleted.
    const live = liveItemsIn(room, ranges);
    expect(live.map((i) => i.content.getContent().join(''))).toEqual(['hello world']);
    expect(live.every((i) => rangesCover(ranges, i.id))).toBe(true);
    Y.applyUpdate(room, deletionUpdate(ranges));
    expect(room.getMap('cards').toJSON()).toEqual(source.getMap('cards').toJSON());
    expect(Y.equalSnapshots(Y.snapshot(room), Y.snapshot(source))).toBe(true);
  });

  it('merges overlapping delete ranges, so walking them is linear', () => {
    const ds = Y.createDeleteSet();
    ds.clients.set(7, [
      { clock: 10, len: 5 },
      { clock: 0, len: 3 },
      { clock: 12, len: 10 },
      { clock: 3, len: 1 },
      { clock: 40, len: 0 },
    ] as never);
    const ranges = deletionRanges({ structs: [], ds });
    expect(ranges!.get(7)).toEqual([
      { clock: 0, len: 4 },
      { clock: 10, len: 12 },
    ]);
    expect(rangesCover(ranges!, Y.createID(7, 21))).toBe(true);
    expect(rangesCover(ranges!, Y.createID(7, 22))).toBe(false);
    expect(deletionRanges({ structs: [], ds: Y.createDeleteSet() })).toBeNull();
  });

  it('sees a value written over from an explicit parent and key too, as a crafted update names them', () => {
    const room = new Y.Doc();
    const inner = new Y.Map<unknown>();
    room.getMap<unknown>('items').set('p1', inner);
    inner.set('description', new Y.Text('typed'));
    // An update from a client that never saw the key's value: no left neighbour, the parent named.
    const stranger = new Y.Doc();
    stranger.clientID = 99;
    Y.applyUpdate(stranger, Y.encodeStateAsUpdate(room));
    const fresh = new Y.Doc();
    fresh.getMap<unknown>('items').set('p1', 'not a map');
    const over = overwrittenValues(room, Y.decodeUpdate(Y.encodeStateAsUpdate(fresh)));
    // Made without seeing the value there: written over blind.
    expect(over).toEqual([{ value: room.getMap('items')._map.get('p1'), blind: true }]);
    expect(overwrittenValues(room, Y.decodeUpdate(Y.encodeStateAsUpdate(room)))).toEqual([]);
  });
});
