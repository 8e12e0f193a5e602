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

/** Where an entry shown at a point belongs: its domain, and its position as stored there. */
export type PlaceAt = (id: string, shown: Position) => { domainId: string; position: Position };

export function useMoveCommits(placeAt: PlaceAt) {
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
    actions.moveMany(moves.map(([id, position]) => ({ id, ...placeAt(id, position) })));
    forget(moves.map(([id]) => id));
  }, [actions, placeAt, forget]);
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
      const moves = dragged
        .filter((n) => n.type !== 'domain')
        .map((n) => ({ id: n.id, ...placeAt(n.id, n.position) }))
        .filter(({ id, position, domainId }) => {
          const was = snapshot.cards.get(id) ?? snapshot.items.get(id);
          return (
            !was || was.domainId !== domainId || Math.round(was.position.x) !== Math.round(position.x) || Math.round(was.position.y) !== Math.round(position.y)
          );
        });
      actions.moveMany(moves);
      forget(null);
    },
    [actions, store, placeAt, forget],
  );

  return { localDrag, positionsChanged, onNodeDragStart, onNodeDragStop };
}
