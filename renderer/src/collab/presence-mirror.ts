// Other people's presence as plain, structurally shared snapshots, kept outside React. Every
// awareness message (most of them a pointer moving) is read once here; a slice is replaced only
// when what it holds changed, so a component reading the participant list does not re-render
// because someone moved their cursor, and the board re-lays nodes only when a drag moved.
import type { Awareness } from 'y-protocols/awareness';
import { IDLE_AFTER_MS, isPresenceState, readDrags, type Participant, type PresenceState } from './presence';

export interface RemoteCursor {
  clientId: number;
  x: number;
  y: number;
  name: string;
  colour: string;
}

export interface RemoteDrag {
  x: number;
  y: number;
  colour: string;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface PresenceView {
  /** everyone here, you first, then by name */
  participants: readonly Participant[];
  /** other people's pointers, in board coordinates */
  cursors: readonly RemoteCursor[];
  /** entries other people are dragging right now, by entry id */
  remoteDrags: ReadonlyMap<string, RemoteDrag>;
  /** where each person is looking, by client id (for following) */
  viewports: ReadonlyMap<number, Viewport>;
}

export const EMPTY_PRESENCE: PresenceView = { participants: [], cursors: [], remoteDrags: new Map(), viewports: new Map() };

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameParticipant(a: Participant, b: Participant): boolean {
  return (
    a.clientId === b.clientId &&
    a.isSelf === b.isSelf &&
    a.idle === b.idle &&
    a.editing === b.editing &&
    a.following === b.following &&
    sameList(a.selection, b.selection) &&
    a.user.name === b.user.name &&
    a.user.organisation === b.user.organisation &&
    a.user.organisationType === b.user.organisationType &&
    a.user.colour === b.user.colour &&
    a.user.role === b.user.role
  );
}

/** Keeps `prev`'s objects wherever the new values equal them; returns `prev` itself if nothing changed. */
function share<T>(prev: readonly T[], next: T[], key: (t: T) => unknown, same: (a: T, b: T) => boolean): readonly T[] {
  const old = new Map(prev.map((t) => [key(t), t]));
  const out = next.map((t) => {
    const o = old.get(key(t));
    return o !== undefined && same(o, t) ? o : t;
  });
  return sameList(prev, out) ? prev : out;
}

function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>, same: (x: V, y: V) => boolean): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !same(v, w)) return false;
  }
  return true;
}

/** Reads awareness into a PresenceView, sharing every unchanged part with `prev`. */
export function readPresence(awareness: Awareness, prev: PresenceView, now = Date.now()): PresenceView {
  const participants: Participant[] = [];
  const cursors: RemoteCursor[] = [];
  const drags = new Map<string, RemoteDrag>();
  const viewports = new Map<number, Viewport>();
  for (const [clientId, raw] of awareness.getStates()) {
    if (!isPresenceState(raw)) continue;
    const state = raw as PresenceState;
    const isSelf = clientId === awareness.clientID;
    participants.push({
      clientId,
      isSelf,
      idle: now - (state.lastActive ?? 0) > IDLE_AFTER_MS,
      user: state.user,
      selection: Array.isArray(state.selection) ? state.selection.filter((s) => typeof s === 'string') : [],
      editing: typeof state.editing === 'string' ? state.editing : null,
      following: typeof state.following === 'number' ? state.following : null,
    });
    const v = state.viewport;
    if (v && Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.zoom)) viewports.set(clientId, { x: v.x, y: v.y, zoom: v.zoom });
    if (isSelf) continue;
    const c = state.cursor;
    if (c && Number.isFinite(c.x) && Number.isFinite(c.y)) cursors.push({ clientId, x: c.x, y: c.y, name: state.user.name, colour: state.user.colour });
    for (const d of readDrags(state.drag)) drags.set(d.id, { x: d.x, y: d.y, colour: state.user.colour });
  }
  participants.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
  cursors.sort((a, b) => a.clientId - b.clientId);
  const sameDrag = (a: RemoteDrag, b: RemoteDrag) => a.x === b.x && a.y === b.y && a.colour === b.colour;
  const sameView = (a: Viewport, b: Viewport) => a.x === b.x && a.y === b.y && a.zoom === b.zoom;
  const next: PresenceView = {
    participants: share(prev.participants, participants, (p) => p.clientId, sameParticipant),
    cursors: share(
      prev.cursors,
      cursors,
      (c) => c.clientId,
      (a, b) => a.x === b.x && a.y === b.y && a.name === b.name && a.colour === b.colour,
    ),
    remoteDrags: sameMap(prev.remoteDrags, drags, sameDrag) ? prev.remoteDrags : drags,
    viewports: sameMap(prev.viewports, viewports, sameView) ? prev.viewports : viewports,
  };
  const unchanged = (Object.keys(next) as (keyof PresenceView)[]).every((k) => next[k] === prev[k]);
  return unchanged ? prev : next;
}

/**
 * Follows awareness and reports only the slices that changed. Idle is a matter of time passing,
 * not of a message arriving, so presence is also re-read now and then.
 */
export function mirrorPresence(awareness: Awareness, onChange: (changed: Partial<PresenceView>) => void, idleCheckMs = 15_000): () => void {
  let view = EMPTY_PRESENCE;
  const refresh = () => {
    const next = readPresence(awareness, view);
    if (next === view) return;
    const changed: Partial<PresenceView> = {};
    for (const k of Object.keys(next) as (keyof PresenceView)[]) if (next[k] !== view[k]) (changed as Record<string, unknown>)[k] = next[k];
    view = next;
    onChange(changed);
  };
  awareness.on('change', refresh);
  refresh();
  const timer = setInterval(refresh, idleCheckMs);
  return () => {
    awareness.off('change', refresh);
    clearInterval(timer);
  };
}
