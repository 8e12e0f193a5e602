// The board's nodes and edges for React: reads the workshop store and hands the pure builders
// (board-elements.ts) long-lived identity caches, so unchanged nodes keep their objects.
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Position } from '../../../shared/doc/layout';
import { useWorkshop } from '../store/context';
import type { BoardNode, BoardEdge } from './node-types';
import { buildNodes, buildEdges, overlayDrags, linkCounts, createIdentityCache, type IdentityCache, type Measured } from './board-elements';

function useIdentityCache<T>(): IdentityCache<T> {
  const ref = useRef<IdentityCache<T> | null>(null);
  ref.current ??= createIdentityCache<T>();
  return ref.current;
}

const NO_DRAGS: ReadonlyMap<string, Position> = new Map();

/**
 * Other people's live drags, as the same object until one of them really moves. Every awareness
 * update (a cursor, our own drag broadcast) hands the store a new map, and passing that on would
 * make React Flow re-adopt every node twenty times a second for nothing.
 */
function useStableDrags(next: ReadonlyMap<string, Position>): ReadonlyMap<string, Position> {
  const last = useRef<ReadonlyMap<string, Position>>(NO_DRAGS);
  const prev = last.current;
  const same = next.size === prev.size && [...next].every(([id, p]) => prev.get(id)?.x === p.x && prev.get(id)?.y === p.y);
  if (!same) last.current = next.size === 0 ? NO_DRAGS : next;
  return last.current;
}

export function useBoardElements(localDrag: ReadonlyMap<string, Position>, measured: ReadonlyMap<string, Measured>) {
  const { cards, items, links } = useWorkshop(useShallow((s) => ({ cards: s.snapshot.cards, items: s.snapshot.items, links: s.snapshot.links })));
  const selection = useWorkshop((s) => s.selection);
  const editingId = useWorkshop((s) => s.editingId);
  const targetDomainId = useWorkshop((s) => s.targetDomainId);
  const participants = useWorkshop((s) => s.participants);
  const remoteDrags = useStableDrags(useWorkshop((s) => s.remoteDrags));
  const canEdit = useWorkshop((s) => s.canEdit);
  const nodeCache = useIdentityCache<BoardNode>();
  const dragCache = useIdentityCache<BoardNode>();
  const edgeCache = useIdentityCache<BoardEdge>();

  // Keyed by a string, so awareness updates that leave every selection as it was (cursor
  // moves, say) rebuild nothing.
  const watchersKey = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of participants) {
      if (p.isSelf) continue;
      for (const id of p.selection ?? []) m.set(id, [...(m.get(id) ?? []), p.user.colour]);
    }
    return JSON.stringify([...m]);
  }, [participants]);
  const watchersById = useMemo(() => new Map<string, string[]>(JSON.parse(watchersKey) as [string, string[]][]), [watchersKey]);
  const linkCount = useMemo(() => linkCounts({ cards, items, links }), [cards, items, links]);

  const baseNodes = useMemo(
    () => buildNodes({ cards, items, links, selection, targetDomainId, measured, editingId, watchersById, canEdit }, linkCount, nodeCache),
    [cards, items, links, selection, targetDomainId, measured, editingId, watchersById, linkCount, canEdit, nodeCache],
  );
  const nodes = useMemo(() => overlayDrags(baseNodes, localDrag, remoteDrags, dragCache), [baseNodes, localDrag, remoteDrags, dragCache]);
  const edges = useMemo(() => buildEdges({ cards, items, links, canEdit }, edgeCache), [cards, items, links, canEdit, edgeCache]);
  return { nodes, edges };
}
