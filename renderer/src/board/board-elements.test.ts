// The board's pure node builders: what keeps a drag frame cheap (only the dragged node changes)
// and what keeps awareness traffic from re-rendering the board (selection-only watcher keys,
// drag maps compared by position).
import { describe, expect, it } from 'vitest';
import { frameworkIndex } from '../../../shared/framework';
import type { CardView } from '../../../shared/doc/layout';
import { buildNodes, createIdentityCache, overlayDrags, sameDrags, watchersKeyOf, type BoardInput } from './board-elements';
import type { BoardNode } from './node-types';

const domainId = frameworkIndex.framework.domains[0]!.id;
const card = (i: number): CardView => ({
  id: `c${i}`,
  kind: 'people',
  text: `Card ${i}`,
  domainId,
  position: { x: i * 10, y: i * 5 },
  tags: [],
  author: 'Test',
  organisation: '',
  createdAt: i,
  votes: null,
  tableId: '',
  fromTableId: '',
});

function input(n: number): BoardInput {
  return {
    cards: new Map(Array.from({ length: n }, (_, i) => [`c${i}`, card(i)] as const)),
    items: new Map(),
    links: new Map(),
    selection: [],
    targetDomainId: domainId,
    measured: new Map(),
    editingId: null,
    watchersById: new Map(),
    typistsById: new Map(),
    canEdit: true,
  };
}

const person = (isSelf: boolean, colour: string, selection: string[], cursor: { x: number; y: number } | null) => ({
  isSelf,
  selection,
  cursor,
  user: { name: 'P', organisation: 'O', organisationType: 'Other' as const, colour, role: null },
});

describe('board elements', () => {
  it('a drag frame gives a new object to the dragged node only', () => {
    const nodeCache = createIdentityCache<BoardNode>();
    const dragCache = createIdentityCache<BoardNode>();
    const board = input(50);
    const base = buildNodes(board, new Map(), nodeCache);
    const before = overlayDrags(base, new Map(), new Map(), dragCache);
    const frame1 = overlayDrags(base, new Map([['c7', { x: 1, y: 2 }]]), new Map(), dragCache);
    const changed = frame1.filter((n, i) => n !== before[i]);
    expect(changed.map((n) => n.id)).toEqual(['c7']);
    expect(changed[0]!.position).toEqual({ x: 1, y: 2 });
    // The same position again (a frame with no movement) reuses the object from the last frame.
    const frame2 = overlayDrags(base, new Map([['c7', { x: 1, y: 2 }]]), new Map(), dragCache);
    expect(frame2.every((n, i) => n === frame1[i])).toBe(true);
    // A rebuild with nothing changed (a doc update elsewhere) keeps every node.
    const again = buildNodes({ ...board, selection: [] }, new Map(), nodeCache);
    expect(again.every((n, i) => n === base[i])).toBe(true);
  });

  it('watcher keys change with selections only, never with cursors, and leave out myself', () => {
    const a = watchersKeyOf([person(false, '#111', ['c1'], { x: 0, y: 0 }), person(true, '#222', ['c2'], null)]);
    const cursorMoved = watchersKeyOf([person(false, '#111', ['c1'], { x: 40, y: 90 }), person(true, '#222', ['c2'], { x: 5, y: 5 })]);
    expect(cursorMoved).toBe(a);
    expect(JSON.parse(a)).toEqual([['c1', ['#111']]]);
    const reselected = watchersKeyOf([person(false, '#111', ['c3'], { x: 40, y: 90 }), person(true, '#222', ['c2'], null)]);
    expect(reselected).not.toBe(a);
    expect(JSON.parse(reselected)).toEqual([['c3', ['#111']]]);
  });

  it('drag maps are the same when their positions are, whatever the map object', () => {
    const one = new Map([['c1', { x: 1, y: 2 }]]);
    expect(sameDrags(one, new Map([['c1', { x: 1, y: 2 }]]))).toBe(true);
    expect(sameDrags(one, new Map([['c1', { x: 1, y: 3 }]]))).toBe(false);
    expect(sameDrags(one, new Map([['c2', { x: 1, y: 2 }]]))).toBe(false);
    expect(sameDrags(one, new Map())).toBe(false);
    expect(sameDrags(new Map(), new Map())).toBe(true);
  });
});
