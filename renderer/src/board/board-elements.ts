// Builds React Flow nodes and edges from workshop snapshots plus local view state, as plain
// functions (no React), so the identity rules can be checked and timed on their own (see
// tests/bench/canvas.bench.ts). Each node object is reused until something it shows changes, so
// React Flow re-renders only the nodes that really changed (the xyflow multiplayer pattern).
// Live drag positions are laid over the finished list in one cheap pass: a drag frame costs one
// map over the nodes and one new object per dragged node, never a rebuild of the rest.
import { frameworkIndex } from '../../../shared/framework';
import { shownPosition, type BoardLayout } from '../../../shared/doc/board-geometry';
import { shownLayout, domainIndexOf } from './shown-layout';
import { isOutsideHomeDomain } from '../../../shared/doc/views';
import type { CardView, PlanItemView, LinkView, Position } from '../../../shared/doc/layout';
import type { BoardNode, BoardEdge, DomainNode, CardNode, ItemNode, Typist } from './node-types';
import { cardDescription, itemDescription } from './describe';
import type { Participant } from '../collab/presence';

export type Measured = { width: number; height: number };
type Attrs = Record<string, string | undefined>;

/** A per-id memo: returns the cached value while every dependency is identical. */
export function createIdentityCache<T>() {
  const cache = new Map<string, { deps: readonly unknown[]; value: T }>();
  let live = new Set<string>();
  return {
    get(id: string, deps: readonly unknown[], make: () => T): T {
      live.add(id);
      const hit = cache.get(id);
      if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.value;
      const value = make();
      cache.set(id, { deps, value });
      return value;
    },
    /** Forgets entries not asked for since the last sweep (deleted cards must not stay cached forever). */
    sweep() {
      for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
      live = new Set();
    },
  };
}
export type IdentityCache<T> = ReturnType<typeof createIdentityCache<T>>;

export interface BoardInput {
  cards: ReadonlyMap<string, CardView>;
  items: ReadonlyMap<string, PlanItemView>;
  links: ReadonlyMap<string, LinkView>;
  selection: readonly string[];
  targetDomainId: string;
  measured: ReadonlyMap<string, Measured>;
  /** the card whose text is open for editing here */
  editingId: string | null;
  /** other people's colours, by the id they have selected */
  watchersById: ReadonlyMap<string, readonly string[]>;
  /** who else is typing in which card */
  typistsById: ReadonlyMap<string, Typist>;
  canEdit: boolean;
  /** the board as shown; worked out from the entries when not given */
  layout?: BoardLayout;
}

const EMPTY: readonly string[] = [];
const nameOf = (id: string) => frameworkIndex.domainById.get(id)?.name ?? 'No domain';
const exists = (input: Pick<BoardInput, 'cards' | 'items'>, id: string) => input.cards.has(id) || input.items.has(id);

export function linkCounts(input: Pick<BoardInput, 'cards' | 'items' | 'links'>): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of input.links.values()) {
    if (!exists(input, l.from) || !exists(input, l.to)) continue;
    m.set(l.from, (m.get(l.from) ?? 0) + 1);
    m.set(l.to, (m.get(l.to) ?? 0) + 1);
  }
  return m;
}

/** Every node at its stored position: domains first (behind), then cards, then plan items. */
export function buildNodes(input: BoardInput, linkCount: ReadonlyMap<string, number>, cache: IdentityCache<BoardNode>): BoardNode[] {
  const { cards, items, measured, watchersById, canEdit } = input;
  const layout = input.layout ?? shownLayout(cards, items);
  const selected = new Set(input.selection);
  const out: BoardNode[] = [];
  const counts = new Map<string, { cards: number; items: number }>();
  const count = (domainId: string) => {
    let c = counts.get(domainId);
    if (!c) counts.set(domainId, (c = { cards: 0, items: 0 }));
    return c;
  };
  for (const c of cards.values()) count(c.domainId).cards++;
  for (const i of items.values()) count(i.domainId).items++;

  frameworkIndex.framework.domains.forEach((domain, index) => {
    const r = layout.regions[index]!;
    const offset = layout.offsets[index]!;
    const c = counts.get(domain.id) ?? { cards: 0, items: 0 };
    const targeted = input.targetDomainId === domain.id;
    out.push(
      cache.get(`domain:${domain.id}`, [c.cards, c.items, targeted, r.x, r.y, r.width, r.height, offset.x, offset.y], (): DomainNode => ({
        id: `domain:${domain.id}`,
        type: 'domain',
        position: { x: r.x, y: r.y },
        data: { domain, index, cards: c.cards, items: c.items, targeted, offset },
        width: r.width,
        height: r.height,
        draggable: false,
        selectable: false,
        deletable: false,
        focusable: false,
        connectable: false,
        zIndex: -1,
        ariaRole: 'region',
        ariaLabel: domain.name,
        className: 'domain-node',
        // A region is described by its visible heading and counts, not by node instructions.
        domAttributes: { 'aria-describedby': undefined, 'aria-roledescription': 'domain' } as Attrs,
      })),
    );
  });

  for (const card of cards.values()) {
    const m = measured.get(card.id);
    const sel = selected.has(card.id);
    const watchers = watchersById.get(card.id) ?? EMPTY;
    const typist = input.typistsById.get(card.id) ?? null;
    const linked = linkCount.get(card.id) ?? 0;
    const editing = input.editingId === card.id;
    const offset = layout.offsets[domainIndexOf(card.domainId)]!;
    out.push(
      cache.get(card.id, [card, m, sel, watchers, typist, linked, canEdit, editing, offset.x, offset.y], (): CardNode => {
        const domainName = nameOf(card.domainId);
        return {
          id: card.id,
          type: 'card',
          position: shownPosition(layout, domainIndexOf(card.domainId), card.position),
          data: { card, domainName, watchers, typist, linked, canEdit, editing },
          selected: sel,
          measured: m,
          draggable: canEdit,
          deletable: canEdit,
          connectable: canEdit,
          ariaLabel: card.text || 'Empty card',
          // The card's own description replaces React Flow's generic one (aria-describedby
          // would win over aria-description); the keyboard help is on the board instead.
          domAttributes: {
            'aria-describedby': undefined,
            'aria-roledescription': 'card',
            'aria-description': cardDescription(card, domainName, linked),
          } as Attrs,
        };
      }),
    );
  }
  for (const item of items.values()) {
    const m = measured.get(item.id);
    const sel = selected.has(item.id);
    const watchers = watchersById.get(item.id) ?? EMPTY;
    const linked = linkCount.get(item.id) ?? 0;
    const offset = layout.offsets[domainIndexOf(item.domainId)]!;
    out.push(
      cache.get(item.id, [item, m, sel, watchers, linked, canEdit, offset.x, offset.y], (): ItemNode => {
        const domainName = nameOf(item.domainId);
        const homeDomainName =
          isOutsideHomeDomain(frameworkIndex, item) && item.interventionId
            ? (frameworkIndex.interventionById.get(item.interventionId)?.domain.name ?? null)
            : null;
        return {
          id: item.id,
          type: 'item',
          position: shownPosition(layout, domainIndexOf(item.domainId), item.position),
          data: { item, domainName, homeDomainName, watchers, linked },
          selected: sel,
          measured: m,
          draggable: canEdit,
          deletable: canEdit,
          connectable: canEdit,
          ariaLabel: item.title,
          domAttributes: {
            'aria-describedby': undefined,
            'aria-roledescription': 'intervention',
            'aria-description': itemDescription(item, domainName, homeDomainName, linked),
          } as Attrs,
        };
      }),
    );
  }
  cache.sweep();
  return out;
}

/** Whether two sets of live drags hold the same positions (awareness hands over a new map on every update). */
export const sameDrags = (a: ReadonlyMap<string, Position>, b: ReadonlyMap<string, Position>) =>
  a.size === b.size && [...a].every(([id, p]) => b.get(id)?.x === p.x && b.get(id)?.y === p.y);

/**
 * Other people's colours by the id they have selected, as a string: the same string while nobody's
 * selection changes, whatever else their presence says (cursors, drags, viewports).
 */
export function watchersKeyOf(participants: readonly Pick<Participant, 'isSelf' | 'selection' | 'user'>[]): string {
  const m = new Map<string, string[]>();
  for (const p of participants) {
    if (p.isSelf) continue;
    for (const id of p.selection ?? []) m.set(id, [...(m.get(id) ?? []), p.user.colour]);
  }
  return JSON.stringify([...m]);
}

/**
 * Who else has which card open for typing, as a string that changes only when that does (so
 * pointer moves in presence rebuild nothing). The first person to open a card is shown.
 */
export function typistsKeyOf(participants: readonly Pick<Participant, 'isSelf' | 'editing' | 'user'>[]): string {
  const m = new Map<string, Typist>();
  for (const p of participants) if (!p.isSelf && p.editing && !m.has(p.editing)) m.set(p.editing, { name: p.user.name, colour: p.user.colour });
  return JSON.stringify([...m]);
}

/** Lays live drag positions over the nodes: ours while we drag, other people's from awareness. */
export function overlayDrags(
  base: BoardNode[],
  localDrag: ReadonlyMap<string, Position>,
  remoteDrags: ReadonlyMap<string, Position>,
  cache: IdentityCache<BoardNode>,
): BoardNode[] {
  if (localDrag.size === 0 && remoteDrags.size === 0) {
    cache.sweep();
    return base;
  }
  const out = base.map((n) => {
    const p = localDrag.get(n.id) ?? remoteDrags.get(n.id);
    if (!p) return n;
    const remote = !localDrag.has(n.id);
    // Someone else's drag is drawn in their colour (see live-board.css).
    const colour = remote ? (p as { colour?: string }).colour : undefined;
    return cache.get(
      n.id,
      [n, p.x, p.y, remote, colour],
      () =>
        ({
          ...n,
          position: { x: p.x, y: p.y },
          className: remote ? 'is-remote-drag' : undefined,
          style: colour ? { ...n.style, '--remote-colour': colour } : n.style,
        }) as BoardNode,
    );
  });
  cache.sweep();
  return out;
}

export function buildEdges(input: Pick<BoardInput, 'cards' | 'items' | 'links' | 'canEdit'>, cache: IdentityCache<BoardEdge>): BoardEdge[] {
  const { cards, items, links, canEdit } = input;
  const out: BoardEdge[] = [];
  const label = (id: string) => cards.get(id)?.text || items.get(id)?.title || 'Empty card';
  for (const l of links.values()) {
    if (!exists(input, l.from) || !exists(input, l.to)) continue;
    const from = label(l.from);
    const to = label(l.to);
    out.push(
      cache.get(l.id, [l, from, to, canEdit], () => ({
        id: l.id,
        source: l.from,
        target: l.to,
        deletable: canEdit,
        // 'arrowclosed' is React Flow's MarkerType.ArrowClosed, spelled out to keep React out of this module.
        markerEnd: { type: 'arrowclosed' as const, width: 14, height: 14, color: '#2f4356' },
        className: 'link-edge',
        ariaLabel: `Link between ${from} and ${to}`,
        domAttributes: { 'aria-describedby': undefined, 'aria-roledescription': 'link' } as Attrs,
      })),
    );
  }
  cache.sweep();
  return out;
}
