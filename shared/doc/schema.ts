// The shape of a workshop's doc as data: the top-level types a workshop has and the kind of
// value each known field holds. The relay refuses an update that creates any other top-level
// type or writes a value of the wrong kind into a known field. A new field is covered by adding
// it here (unknown fields inside an entry are let through, so an older relay does not refuse a
// newer app's additions).
import { rootKeys, itemTextFields, itemScalarFields, itemEvaluationTextFields, measureFields } from './layout';

/** The kind of a value as stored in the doc. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'text' | 'map' | 'array';

export interface FieldRule {
  kinds: readonly ValueKind[];
  /** for a nested map or array: the kinds its values may have */
  children?: readonly ValueKind[];
}

export interface RootRule {
  /** true: the root maps entry ids to entries (cards, items, links); false: fields directly */
  entries: boolean;
  /** what an entry may be: a map of fields (the default), or a plain value written once, whole */
  entryKinds?: readonly ValueKind[];
  fields: Readonly<Record<string, FieldRule>>;
}

const text: FieldRule = { kinds: ['string'] };
const number: FieldRule = { kinds: ['number'] };
/** revealed dot-vote results, written by the relay */
const votes: FieldRule = { kinds: ['object'] };

export const docSchema: Readonly<Record<string, RootRule>> = {
  [rootKeys.meta]: {
    entries: false,
    fields: { title: text, footprint: text, academyId: text, date: text, schemaVersion: number },
  },
  [rootKeys.cards]: {
    entries: true,
    fields: {
      kind: text,
      text,
      domainId: text,
      x: number,
      y: number,
      tags: { kinds: ['map'], children: ['boolean'] },
      author: text,
      organisation: text,
      createdAt: number,
      votes,
    },
  },
  [rootKeys.items]: {
    entries: true,
    fields: {
      interventionId: { kinds: ['string', 'null'] },
      domainId: text,
      x: number,
      y: number,
      ...Object.fromEntries(itemScalarFields.map((f) => [f, text])),
      ...Object.fromEntries([...itemTextFields, ...itemEvaluationTextFields].map((f) => [f, { kinds: ['text'] } satisfies FieldRule])),
      organisations: { kinds: ['array'], children: ['object'] },
      tags: { kinds: ['map'], children: ['boolean'] },
      criteria: { kinds: ['map'], children: ['object'] },
      createdAt: number,
      votes,
    },
  },
  [rootKeys.links]: { entries: true, fields: { from: text, to: text } },
  // Follow-up (schema 2): measures are maps of fields; outcomes are plain records, only ever added or removed.
  [rootKeys.measures]: {
    entries: true,
    fields: { itemId: text, ...Object.fromEntries(measureFields.map((f) => [f, text])), createdAt: number },
  },
  [rootKeys.outcomes]: { entries: true, entryKinds: ['object'], fields: {} },
  // Kept for workshops saved before votes moved to the relay's control state.
  [rootKeys.votes]: { entries: false, fields: {} },
};
