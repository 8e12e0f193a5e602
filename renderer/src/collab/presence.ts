// What each person shares through awareness (never the doc): who they are, where their
// pointer is, what they have selected or are editing, and live drag positions.
import type { Awareness } from 'y-protocols/awareness';
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
  /** an entry being dragged right now and where it is; written to the doc only on drop */
  drag: { id: string; x: number; y: number } | null;
  /** where this person is looking on the board */
  viewport?: { x: number; y: number; zoom: number } | null;
  /** client id of the person whose view this person follows */
  following?: number | null;
  lastActive: number;
}

export interface Participant extends PresenceState {
  clientId: number;
  isSelf: boolean;
  idle: boolean;
}

const IDLE_AFTER_MS = 60_000;

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

export function readParticipants(awareness: Awareness, now = Date.now()): Participant[] {
  const out: Participant[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (!isPresenceState(state)) continue;
    out.push({ ...state, clientId, isSelf: clientId === awareness.clientID, idle: now - (state.lastActive ?? 0) > IDLE_AFTER_MS });
  }
  return out.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name));
}

export function updatePresence(awareness: Awareness, patch: Partial<PresenceState>): void {
  const current = awareness.getLocalState();
  if (!isPresenceState(current)) return;
  awareness.setLocalState({ ...current, ...patch, lastActive: Date.now() });
}
