// The one place that maps this window's local state onto what others see of it. Selection,
// editing, view and following come from the store as they change; the broadcast sends them at
// its fixed rate together with the pointer and any live drag.
import type { StoreApi } from 'zustand/vanilla';
import type { PresenceBroadcast, PresencePatch } from '../collab/presence-broadcast';
import type { WorkshopState } from './workshop-store';

export function broadcastLocalState(store: StoreApi<WorkshopState>, broadcast: PresenceBroadcast): () => void {
  return store.subscribe((s, prev) => {
    const patch: PresencePatch = {};
    if (s.selection !== prev.selection) patch.selection = [...s.selection];
    if (s.editingId !== prev.editingId) patch.editing = s.editingId;
    if (s.viewport !== prev.viewport) patch.viewport = s.viewport;
    if (s.following !== prev.following) patch.following = s.following;
    if (Object.keys(patch).length > 0) broadcast.set(patch);
  });
}

/** Following someone: go where they go; if they left, stop following. */
export function followLeader(store: StoreApi<WorkshopState>): () => void {
  return store.subscribe((s, prev) => {
    if (s.following === null || (s.viewports === prev.viewports && s.participants === prev.participants && s.following === prev.following)) return;
    if (!s.participants.some((p) => p.clientId === s.following)) return s.actions.follow(null);
    const target = s.viewports.get(s.following);
    const asked = s.viewportRequest;
    if (target && (!asked || asked.x !== target.x || asked.y !== target.y || asked.zoom !== target.zoom)) s.actions.goToViewport(target);
  });
}
