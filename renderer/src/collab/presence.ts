// What each person shares through awareness (never the doc): who they are, where their
// pointer is, what they have selected or are editing, and live drag positions.
import type { Role } from '../../../shared/protocol';
import type { OrganisationType } from '../../../shared/doc/layout';

export interface Profile {
  name: string;
  organisation: string;
  organisationType: OrganisationType;
}

export interface PresenceState {
  user: Profile & { colour: string; role: Role | null };
  /** pointer in board (flow) coordinates */
  cursor: { x: number; y: number } | null;
  selection: string[];
  editing: string | null;
  /** the entries being dragged right now and where they are; written to the doc only on drop */
  drag: DragPosition[] | null;
  /** where this person is looking on the board */
  viewport?: { x: number; y: number; zoom: number } | null;
  /** client id of the person whose view this person follows */
  following?: number | null;
  /**
   * ids of the entries this person removed lately, newest last. A deletion in Yjs carries no
   * author, so this is how others can say who removed something; a person can only ever claim
   * removals for themselves (the relay lets each connection write only its own presence).
   */
  removed?: string[] | null;
  lastActive: number;
}

/** How many recent removals a person's presence lists. */
export const MAX_REMOVED = 20;

/** The removed-entry ids from a presence state, whatever a client sent. */
export function readRemoved(removed: unknown): string[] {
  if (!Array.isArray(removed)) return [];
  return (removed as unknown[]).slice(-MAX_REMOVED).filter((id): id is string => typeof id === 'string' && id.length <= 64);
}

export interface DragPosition {
  id: string;
  x: number;
  y: number;
}

/** Who is here and what they are doing, without the parts that change every frame (pointer, drags, view). */
export interface Participant {
  clientId: number;
  isSelf: boolean;
  idle: boolean;
  user: PresenceState['user'];
  selection: readonly string[];
  editing: string | null;
  following: number | null;
}

export const IDLE_AFTER_MS = 60_000;
/** a multi-card drag shares at most this many positions (presence states are capped in size) */
export const MAX_DRAG_POSITIONS = 100;

/** Colour-blind-safe palette with enough contrast for white text labels. */
const palette = ['#0b5cad', '#b5175a', '#1d7a46', '#8a4b00', '#6b3fa0', '#00737a', '#a8321e', '#4d5b00', '#3b4a9c', '#8c2f6e'];

export function colourFor(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length]!;
}

export function isPresenceState(v: unknown): v is PresenceState {
  if (!v || typeof v !== 'object') return false;
  const u = (v as { user?: unknown }).user;
  return !!u && typeof u === 'object' && typeof (u as { name?: unknown }).name === 'string';
}

/** Drag positions from a presence state, also in the one-entry form older clients send. */
export function readDrags(drag: unknown): DragPosition[] {
  const list = Array.isArray(drag) ? (drag as unknown[]) : drag ? [drag] : [];
  const out: DragPosition[] = [];
  for (const d of list.slice(0, MAX_DRAG_POSITIONS)) {
    const { id, x, y } = (d ?? {}) as Partial<DragPosition>;
    if (typeof id === 'string' && Number.isFinite(x) && Number.isFinite(y)) out.push({ id, x: x!, y: y! });
  }
  return out;
}
