// What this browser or desktop profile remembers between visits: who I am, and the workshops
// I have opened with the link (token) I opened them with.
import { z } from 'zod';
import { organisationTypes } from '../../../shared/doc/layout';
import type { Profile } from '../collab/presence';

const PROFILE_KEY = 'slc.profile';
const RECENT_KEY = 'slc.recent';

const profileSchema = z.object({ name: z.string().min(1), organisation: z.string(), organisationType: z.enum(organisationTypes) });

const recentSchema = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    /** the token this browser opens the workshop with */
    token: z.string(),
    /** every link token, known only to whoever created the workshop here */
    tokens: z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() }).optional(),
    /** the role the relay admitted this token with, last time */
    role: z.enum(['facilitator', 'participant', 'viewer']).optional(),
    openedAt: z.number(),
  }),
);
export type RecentWorkshop = z.infer<typeof recentSchema>[number];

function read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return fallback;
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

const VOTER_KEY = 'slc.voterId';

/** A random id for this browser profile, made once; it identifies your dots in a vote. */
export function voterId(): string {
  let id = localStorage.getItem(VOTER_KEY);
  if (!id || !/^[a-z0-9]{8,32}$/.test(id)) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => (b % 36).toString(36)).join('');
    localStorage.setItem(VOTER_KEY, id);
  }
  return id;
}

export function loadProfile(): Profile | null {
  return read(PROFILE_KEY, profileSchema.nullable(), null);
}

export function saveProfile(p: Profile): void {
  localStorage.setItem(PROFILE_KEY, JSON.stringify(p));
}

export function loadRecent(): RecentWorkshop[] {
  return read(RECENT_KEY, recentSchema, []).sort((a, b) => b.openedAt - a.openedAt);
}

export function rememberWorkshop(entry: Omit<RecentWorkshop, 'openedAt'>): void {
  const others = loadRecent().filter((r) => r.id !== entry.id);
  const previous = loadRecent().find((r) => r.id === entry.id);
  const merged: RecentWorkshop = { ...previous, ...entry, tokens: entry.tokens ?? previous?.tokens, openedAt: Date.now() };
  localStorage.setItem(RECENT_KEY, JSON.stringify([merged, ...others].slice(0, 30)));
}

export function recentWorkshop(id: string): RecentWorkshop | undefined {
  return loadRecent().find((r) => r.id === id);
}
