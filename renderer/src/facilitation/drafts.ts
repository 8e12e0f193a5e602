// Private drafting: cards a participant writes before the group sees them. They live only in
// this browser (localStorage), never in the shared doc, until they are revealed.
import { z } from 'zod';
import { lensIds } from '../../../shared/framework/schema';
import { newEntryId } from '../../../shared/doc/ids';

const draftSchema = z.object({ id: z.string(), kind: z.enum(lensIds), domainId: z.string(), text: z.string().min(1).max(500) });
export type Draft = z.infer<typeof draftSchema>;

const key = (workshopId: string) => `slc.drafts.${workshopId}`;
const listeners = new Set<() => void>();

export function loadDrafts(workshopId: string): Draft[] {
  try {
    const r = z.array(draftSchema).safeParse(JSON.parse(localStorage.getItem(key(workshopId)) ?? '[]'));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

function save(workshopId: string, drafts: Draft[]): void {
  localStorage.setItem(key(workshopId), JSON.stringify(drafts));
  for (const l of listeners) l();
}

export function addDraft(workshopId: string, draft: Omit<Draft, 'id'>): void {
  save(workshopId, [...loadDrafts(workshopId), { ...draft, id: newEntryId() }]);
}

export function removeDraft(workshopId: string, id: string): void {
  save(
    workshopId,
    loadDrafts(workshopId).filter((d) => d.id !== id),
  );
}

/** Hands every draft to `publish` (which adds it to the board) and forgets the ones it took. */
export function revealDrafts(workshopId: string, publish: (d: Draft) => boolean): number {
  const drafts = loadDrafts(workshopId);
  const kept = drafts.filter((d) => !publish(d));
  save(workshopId, kept);
  return drafts.length - kept.length;
}

export function onDraftsChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
