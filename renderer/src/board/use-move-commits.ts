// Moving entries on the board: positions stay local while a drag or a burst of arrow keys lasts,
// and are written to the doc once, at the drop (or after a short pause in the arrow keys), as one
// undo step for everything that moved.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OnNodeDrag } from '@xyflow/react';
import type { Position } from '../../../shared/doc/layout';
import { useActions, useWorkshopStore } from '../store/context';
import type { BoardNode } from './node-types';

/** A pause after arrow-key moves before the new position is written (one doc update per burst). */
const KEY_MOVE_COMMIT_MS = 500;

export interface PositionChange {
  id: string;
  position: Position;
  /** true while a pointer drag is under way; false for a keyboard move */
  dragging: boolean;
}

export function useMoveCommits(domainOf: (id: string, p: Position) => string) {
  const actions = useActions();
  const store = useWorkshopStore();
  const [localDrag, setLocalDrag] = useState<ReadonlyMap<string, Position>>(new Map());
  const dragging = useRef(false);
  const keyMoves = useRef(new Map<string, Position>());
  const keyTimer = useRef(0);

  const forget = useCallback((ids: readonly string[] | null) => {
    setLocalDrag((prev) => {
      if (ids === null) return prev.size === 0 ? prev : new Map();
      const next = new Map(prev);
      for (const id of ids) next.delete(id);
      return next;
    });
  }, []);

  const commitKeyMoves = useCallback(() => {
    window.clearTimeout(keyTimer.current);
    const moves = [...keyMoves.current];
    keyMoves.current.clear();
    if (moves.length === 0) return;
    actions.moveMany(moves.map(([id, position]) => ({ id, position, domainId: domainOf(id, position) })));
    forget(moves.map(([id]) => id));
  }, [actions, domainOf, forget]);
  useEffect(() => () => window.clearTimeout(keyTimer.current), []);

  /** React Flow reported new positions: show them now; arrow-key moves are written after a pause. */
  const positionsChanged = useCallback(
    (changes: readonly PositionChange[]) => {
      if (changes.length === 0) return;
      setLocalDrag((prev) => {
        const next = new Map(prev);
        for (const c of changes) next.set(c.id, c.position);
        return next;
      });
      const keyed = changes.filter((c) => !c.dragging && !dragging.current);
      if (keyed.length === 0) return;
      for (const c of keyed) keyMoves.current.set(c.id, c.position);
      window.clearTimeout(keyTimer.current);
      keyTimer.current = window.setTimeout(commitKeyMoves, KEY_MOVE_COMMIT_MS);
    },
    [commitKeyMoves],
  );

  const onNodeDragStart: OnNodeDrag<BoardNode> = useCallback(() => {
    dragging.current = true;
    // Anything still waiting from the keyboard goes first, so the two never interleave.
    commitKeyMoves();
  }, [commitKeyMoves]);

  /** The drop: everything that really moved, in one transaction and one undo step. */
  const onNodeDragStop: OnNodeDrag<BoardNode> = useCallback(
    (_e, _node, dragged) => {
      dragging.current = false;
      const snapshot = store.getState().snapshot;
      const changed = dragged.filter((n) => {
        if (n.type === 'domain') return false;
        const was = snapshot.cards.get(n.id)?.position ?? snapshot.items.get(n.id)?.position;
        return !was || Math.round(was.x) !== Math.round(n.position.x) || Math.round(was.y) !== Math.round(n.position.y);
      });
      actions.moveMany(changed.map((n) => ({ id: n.id, position: n.position, domainId: domainOf(n.id, n.position) })));
      forget(null);
    },
    [actions, store, domainOf, forget],
  );

  return { localDrag, positionsChanged, onNodeDragStart, onNodeDragStop };
}
