// What a new workshop starts with, written into it by the host when it is created: the worked
// example, or a template's cards, plan items and agenda. Done here rather than by the creator's
// browser, so the workshop has it whoever opens it first, and wherever.
import type * as Y from 'yjs';
import { loadSample } from '../shared/doc/sample';
import { applyTemplate, type WorkshopTemplate } from '../shared/doc/template';
import { frameworkIndex } from '../shared/framework';
import sampleWorkshop from '../resources/sample-workshop.json';

/** A template the host cannot lay out (it names a domain the framework does not have). */
export class TemplateError extends Error {}

export type StartFrom = 'empty' | 'worked-example' | { template: WorkshopTemplate };

export interface StartingContent {
  /** writes the starting cards and plan items into the new doc */
  seed?: (doc: Y.Doc) => void;
  /** the relay's control state to begin with (a template's agenda), as the room keeps it */
  control?: string;
}

export function startingContent(from: StartFrom): StartingContent {
  if (from === 'empty') return {};
  if (from === 'worked-example') return { seed: (doc) => loadSample(doc, sampleWorkshop, frameworkIndex, null, false) };
  const t = from.template;
  return {
    seed: (doc) => {
      try {
        applyTemplate(doc, frameworkIndex, t);
      } catch (err) {
        throw new TemplateError((err as Error).message);
      }
    },
    control: t.agenda?.length ? JSON.stringify({ agenda: { steps: t.agenda, current: null } }) : undefined,
  };
}
