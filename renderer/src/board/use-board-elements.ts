// The board's nodes and edges for React: reads the workshop store and hands the pure builders
// (board-elements.ts) long-lived identity caches, so unchanged nodes keep their objects.
import { useCallback, useMemo, useRef } from 'react';
import type { Position } from '../../../shared/doc/layout';
import type { BoardLayout } from '../../../shared/doc/board-geometry';
import { useShownEntries } from './use-shown-entries';
import { useWorkshop } from '../store/context';
import type { WorkshopState } from '../store/workshop-store';
import type { BoardNode, BoardEdge, Typist } from './node-types';
import {
  buildNodes,
  buildEdges,
  overlayDrags,
  linkCounts,
  createIdentityCache,
  sameDrags,
  watchersKeyOf,
  typistsKeyOf,
  type IdentityCache,
  type Measured,
} from './board-elements';

function useIdentityCache<T>(): IdentityCache<T> {
  const ref = useRef<IdentityCache<T> | null>(null);
  ref.current ??= createIdentityCache<T>();
  return ref.current;
}

const NO_DRAGS: ReadonlyMap<string, Position> = new Map();

/**
 * Other people's live drags, as the same object until one of them really moves. Every awareness
 * update (anyone's cursor, our own drag broadcast) hands the store a new map; the selector keeps
 * returning the previous one while it holds the same positions, so the board does not even
 * re-render for them (a re-render per awareness update is a frame's work lost in a drag).
 */
function useStableDrags(): ReadonlyMap<string, Position> {
  const last = useRef<ReadonlyMap<string, Position>>(NO_DRAGS);
  return useWorkshop(
    useCallback((s: WorkshopState) => {
      const next = s.remoteDrags;
      if (!sameDrags(next, last.current)) last.current = next.size === 0 ? NO_DRAGS : next;
      return last.current;
    }, []),
  );
}

const selectWatchersKey = (s: WorkshopState) => watchersKeyOf(s.participants);
const selectTypistsKey = (s: WorkshopState) => typistsKeyOf(s.participants);

export function useBoardElements(localDrag: ReadonlyMap<string, Position>, measured: ReadonlyMap<string, Measured>, layout: BoardLayout) {
  const { cards, items, links } = useShownEntries();
  const selection = useWorkshop((s) => s.selection);
  const editingId = useWorkshop((s) => s.editingId);
  const targetDomainId = useWorkshop((s) => s.targetDomainId);
  const remoteDrags = useStableDrags();
  const canEdit = useWorkshop((s) => s.canEdit);
  const nodeCache = useIdentityCache<BoardNode>();
  const dragCache = useIdentityCache<BoardNode>();
  const edgeCache = useIdentityCache<BoardEdge>();

  // Selected as a string, so awareness updates that leave every selection as it was (cursor
  // moves, live drags) neither re-render the board nor rebuild anything.
  const watchersKey = useWorkshop(selectWatchersKey);
  const watchersById = useMemo(() => new Map<string, string[]>(JSON.parse(watchersKey) as [string, string[]][]), [watchersKey]);
  const typistsKey = useWorkshop(selectTypistsKey);
  const typistsById = useMemo(() => new Map<string, Typist>(JSON.parse(typistsKey) as [string, Typist][]), [typistsKey]);
  const linkCount = useMemo(() => linkCounts({ cards, items, links }), [cards, items, links]);

  const baseNodes = useMemo(
    () => buildNodes({ cards, items, links, selection, targetDomainId, measured, editingId, watchersById, typistsById, canEdit, layout }, linkCount, nodeCache),
    [cards, items, links, selection, targetDomainId, measured, editingId, watchersById, typistsById, linkCount, canEdit, nodeCache, layout],
  );
  const nodes = useMemo(() => overlayDrags(baseNodes, localDrag, remoteDrags, dragCache), [baseNodes, localDrag, remoteDrags, dragCache]);
  const edges = useMemo(() => buildEdges({ cards, items, links, canEdit }, edgeCache), [cards, items, links, canEdit, edgeCache]);
  return { nodes, edges };
}
