// The templates a facilitator can start from: a few built in, and the ones saved (or opened
// from a shared file) in this browser. A chosen template is applied once the new workshop's
// board has synced, by the person who created it, like the worked example.
import { z } from 'zod';
import { templateSchema, type WorkshopTemplate } from '../../../shared/doc/template';
import { suggestedAgenda } from '../facilitation/AgendaPanel';
import type { WorkshopSession } from '../collab/session';

const SAVED_KEY = 'slc.templates';
const PENDING_KEY = 'slc.pendingTemplate';
/** The built-in choice that loads the worked example through its own path. */
export const WORKED_EXAMPLE = 'builtin:worked-example';

export interface TemplateChoice {
  id: string;
  label: string;
  /** null for the worked example and the empty board (nothing to apply) */
  template: WorkshopTemplate | null;
}

export function builtInTemplates(): TemplateChoice[] {
  return [
    { id: 'builtin:empty', label: 'Empty board', template: null },
    {
      id: 'builtin:suggested-agenda',
      label: 'Empty board with a suggested agenda',
      template: { format: 'slc-template', version: 1, name: 'Empty board with a suggested agenda', description: '', agenda: suggestedAgenda },
    },
    { id: WORKED_EXAMPLE, label: 'Worked example (30 cards, 8 interventions)', template: null },
  ];
}

export function savedTemplates(): WorkshopTemplate[] {
  try {
    const r = z.array(templateSchema).safeParse(JSON.parse(localStorage.getItem(SAVED_KEY) ?? '[]'));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

/** Keeps a template in this browser's list; one of the same name is replaced. */
export function keepTemplate(t: WorkshopTemplate): void {
  localStorage.setItem(SAVED_KEY, JSON.stringify([...savedTemplates().filter((x) => x.name !== t.name), t]));
}

export function templateChoices(): TemplateChoice[] {
  return [...builtInTemplates(), ...savedTemplates().map((t) => ({ id: `saved:${t.name}`, label: t.name, template: t }))];
}

export function requestTemplate(workshopId: string, t: WorkshopTemplate): void {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ workshopId, template: t }));
}

/**
 * Applies the template chosen for this workshop, once, when its board has synced. `apply` is the
 * store's action that writes it (the one way to write); the agenda goes to the relay.
 */
export function applyPendingTemplate(workshopId: string, session: WorkshopSession, apply: (t: WorkshopTemplate) => void): void {
  const raw = sessionStorage.getItem(PENDING_KEY);
  if (!raw) return;
  let pending: { workshopId: string; template: WorkshopTemplate };
  try {
    const parsed = JSON.parse(raw) as { workshopId: unknown; template: unknown };
    pending = { workshopId: String(parsed.workshopId), template: templateSchema.parse(parsed.template) };
  } catch {
    sessionStorage.removeItem(PENDING_KEY);
    return;
  }
  if (pending.workshopId !== workshopId || !session.canEdit) return;
  sessionStorage.removeItem(PENDING_KEY);
  const t = pending.template;
  apply(t);
  if (t.agenda?.length) sendAgenda(session, t.agenda);
}

// The agenda lives with the relay, which only takes it from a facilitator it has welcomed:
// try a few times while the connection settles.
function sendAgenda(session: WorkshopSession, steps: NonNullable<WorkshopTemplate['agenda']>, tries = 20): void {
  if (session.status.role === 'facilitator' && session.control.send({ type: 'agenda.set', steps: [...steps] })) return;
  if (tries > 0) setTimeout(() => sendAgenda(session, steps, tries - 1), 250);
}
