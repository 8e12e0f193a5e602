// The templates a facilitator can start from: a few built in, and the ones saved (or opened
// from a shared file) in this browser. The chosen one goes to the host with "Create", which
// writes it into the new workshop (server/starting-content.ts).
import { z } from 'zod';
import { templateSchema, type WorkshopTemplate } from '../../../shared/doc/template';
import { suggestedAgenda } from '../facilitation/AgendaPanel';

const SAVED_KEY = 'slc.templates';
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
