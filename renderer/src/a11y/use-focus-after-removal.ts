// When the card or plan item that had focus (or was selected) goes away — deleted with the Delete
// key, the Details panel's button, or by someone else — focus moves to its neighbour in the same
// domain instead of falling to the top of the page. Focus that is somewhere real is left alone:
// nothing here takes focus from a person who is busy elsewhere.
import { useEffect } from 'react';
import { useWorkshopStore } from '../store/context';
import type { DocSnapshot } from '../collab/doc-mirror';
import { focusRegion, workspaceRegions } from './regions';

interface Placed {
  id: string;
  domainId: string;
  position: { x: number; y: number };
}

/** The entry to focus after `removedId` goes: the next one in its domain, else the one before. */
export function neighbourAfterRemoval(before: DocSnapshot, removedId: string, after: DocSnapshot): string | null {
  const all: Placed[] = [...before.cards.values(), ...before.items.values()];
  const removed = all.find((e) => e.id === removedId);
  if (!removed) return null;
  const inDomain = all
    .filter((e) => e.domainId === removed.domainId)
    .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x || a.id.localeCompare(b.id));
  const at = inDomain.findIndex((e) => e.id === removedId);
  const stillThere = (e: Placed) => after.cards.has(e.id) || after.items.has(e.id);
  return inDomain.slice(at + 1).find(stillThere)?.id ?? inDomain.slice(0, at).reverse().find(stillThere)?.id ?? null;
}

function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

export function useFocusAfterRemoval(): void {
  const store = useWorkshopStore();
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.snapshot === prev.snapshot) return;
        const exists = (id: string) => state.snapshot.cards.has(id) || state.snapshot.items.has(id);
        const existed = (id: string) => prev.snapshot.cards.has(id) || prev.snapshot.items.has(id);
        const focusedId = document.activeElement?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
        const gone = [...new Set([...(focusedId ? [focusedId] : []), ...prev.selection])].filter((id) => existed(id) && !exists(id));
        if (gone.length === 0) return;
        const next = neighbourAfterRemoval(prev.snapshot, gone[0]!, state.snapshot);
        // After React has removed the node: only then is it clear whether focus went with it.
        requestAnimationFrame(() => {
          if (!focusLost()) return;
          if (next) {
            state.actions.select([next]);
            const node = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`);
            if (node) return node.focus();
          }
          const board = workspaceRegions.find((r) => r.id === 'board');
          if (board) focusRegion(board);
        });
      }),
    [store],
  );
}
