// The workshop doc's schema, declared once: every record, every field, its type, its bounds and
// who may write it. Everything else is derived from this file: the relay's gate
// (server/schema-gate.ts) refuses whatever it does not declare, the typed writers create entries
// from it (createEntry), migrations add the fields a version introduced, the import check holds
// a file to it (docProblems), and the field lists in layout.ts are read from it. Adding a field
// is one edit here.
//
// Who writes: 'editor' is anyone admitted with an edit link (participants and facilitators);
// 'facilitator' only facilitators; 'relay' nobody but the relay itself (revealed votes, the
// schema version), so a link holder can never forge them.
import * as Y from 'yjs';
import { z } from 'zod';
import { lensIds } from '../framework/schema';

export type Writer = 'editor' | 'facilitator' | 'relay';

/**
 * The version of the doc this schema describes; a field's `since` says which version added it
 * (or gave it its present shape: see `before`).
 */
export const SCHEMA_VERSION = 4;

/** The deepest a workshop's content nests below a root: entry, field, and a field's own entries. */
export const MAX_DOC_DEPTH = 3;

/** a plain value, replaced whole */
export type ValueSpec = { type: 'value'; value: z.ZodType; writer: Writer; initial?: unknown; since?: number };
/**
 * a Y.Text of plain characters, merged as people type; `before`, with `since`, is the plain
 * value the field held in docs older than `since` (a migration turns it into a text)
 */
export type TextSpec = { type: 'text'; maxLength: number; writer: Writer; since?: number; before?: ValueSpec };
/** a Y.Map of flags (key → true), e.g. the roles and behaviours a card is tagged with */
export type FlagsSpec = { type: 'flags'; maxKeys: number; keyLength: number; writer: Writer; since?: number };
/** a Y.Array of plain values */
export type ListSpec = { type: 'list'; item: z.ZodType; maxItems: number; writer: Writer; since?: number };
/** a Y.Map of plain values, each replaced whole */
export type RecordMapSpec = { type: 'record'; value: z.ZodType; maxKeys: number; keyLength: number; writer: Writer; since?: number };
export type FieldSpec = ValueSpec | TextSpec | FlagsSpec | ListSpec | RecordMapSpec;

export type Fields = Readonly<Record<string, FieldSpec>>;

export type RecordSpec =
  /** the root holds named fields (meta) */
  | { kind: 'fields'; fields: Fields }
  /** the root maps entry ids to Y.Maps of fields (cards, plan items, links, measures) */
  | { kind: 'entries'; maxEntries: number; idLength: number; writer: Writer; fields: Fields }
  /** the root maps entry ids to plain values written once, whole (outcomes) */
  | { kind: 'values'; maxEntries: number; idLength: number; writer: Writer; value: z.ZodType }
  /** kept so old files still open; nothing may be written into it */
  | { kind: 'retired' };

// Constructors that keep the declarations below short.
const str = (max: number, writer: Writer = 'editor', since?: number): ValueSpec => ({ type: 'value', value: z.string().max(max), writer, initial: '', since });
const oneOf = <T extends readonly [string, ...string[]]>(values: T, initial: T[number], writer: Writer = 'editor'): ValueSpec => ({
  type: 'value',
  value: z.enum(values),
  writer,
  initial,
});
const coordinate: ValueSpec = { type: 'value', value: z.number().min(-1e7).max(1e7), writer: 'editor', initial: 0 };
const timestamp: ValueSpec = { type: 'value', value: z.number().min(0).max(1e14), writer: 'editor', initial: 0 };
const text = <S extends number | undefined = undefined>(maxLength: number, since?: S) =>
  ({ type: 'text', maxLength, writer: 'editor', since }) as TextSpec & { since: S };
const tags: FlagsSpec = { type: 'flags', maxKeys: 64, keyLength: 80, writer: 'editor' };
/** Revealed dot-vote results: written by the relay on reveal, by nobody else. */
const votes: ValueSpec = {
  type: 'value',
  value: z.strictObject({ dots: z.number().int().min(0).max(100_000), voters: z.array(z.string().max(80)).max(1000) }),
  writer: 'relay',
};

export const organisationTypes = ['NHS trust', 'ICB', 'Local authority', 'Primary care', 'Voluntary sector', 'Patient or citizen', 'Other'] as const;
export const planStatuses = ['proposed', 'agreed', 'in delivery', 'evaluated'] as const;
export const outcomeRatings = ['not yet', 'partly met', 'met', 'exceeded'] as const;

/** The most characters a Start Anywhere card holds: a card is a few words on a sticky note. */
export const CARD_TEXT_MAX = 500;
/** The most characters of one follow-up text (a measure's field, an outcome's note): a paragraph, not a document. */
export const FOLLOW_UP_TEXT_MAX = 2000;
export const TABLE_NAME_MAX = 60;
export const TABLE_BRIEF_MAX = 300;
const ITEM_TEXT_MAX = 10_000;
const ENTRY_ID_MAX = 64;
/** Text typed into a plan item's short fields (owner, partner, cost…). */
const SHORT_TEXT_MAX = 500;

const entryIdField = (writer: Writer = 'editor'): ValueSpec => str(ENTRY_ID_MAX, writer);

export const cardRecord = {
  kind: 'entries',
  maxEntries: 5000,
  idLength: ENTRY_ID_MAX,
  writer: 'editor',
  fields: {
    kind: oneOf(lensIds, 'people'),
    // Schema 3: a card's words are shared as they are typed; before, they were replaced whole.
    text: { type: 'text', maxLength: CARD_TEXT_MAX, writer: 'editor', since: 3, before: str(CARD_TEXT_MAX) },
    domainId: str(80),
    x: coordinate,
    y: coordinate,
    tags,
    author: str(80),
    organisation: str(120),
    createdAt: timestamp,
    votes,
    // Schema 4 (tables): the table group a card was written at; '' for the whole room.
    tableId: str(ENTRY_ID_MAX, 'editor', 4),
    // ...and, once brought into the room's plan, the table it came from.
    fromTableId: str(ENTRY_ID_MAX, 'editor', 4),
  },
} as const satisfies RecordSpec;

export const itemRecord = {
  kind: 'entries',
  maxEntries: 1000,
  idLength: ENTRY_ID_MAX,
  writer: 'editor',
  fields: {
    interventionId: { type: 'value', value: z.string().max(80).nullable(), writer: 'editor', initial: null },
    customTitle: str(200),
    domainId: str(80),
    x: coordinate,
    y: coordinate,
    status: oneOf(planStatuses, 'proposed'),
    description: text(ITEM_TEXT_MAX),
    audience: text(ITEM_TEXT_MAX),
    organisations: {
      type: 'list',
      item: z.strictObject({ name: z.string().max(200), type: z.enum(organisationTypes) }),
      maxItems: 200,
      writer: 'editor',
    },
    tags,
    criteria: {
      type: 'record',
      value: z.strictObject({ met: z.boolean().nullable(), note: z.string().max(FOLLOW_UP_TEXT_MAX) }),
      maxKeys: 16,
      keyLength: 80,
      writer: 'editor',
    },
    deliveryRoute: str(40),
    partner: str(SHORT_TEXT_MAX),
    owner: str(SHORT_TEXT_MAX),
    start: str(40),
    end: str(40),
    cost: str(SHORT_TEXT_MAX),
    funding: str(SHORT_TEXT_MAX),
    measuresOfSuccess: text(ITEM_TEXT_MAX),
    expectedImpacts: text(ITEM_TEXT_MAX),
    // Schema 2 (follow-up): what was learned once an item is evaluated.
    learned: text(ITEM_TEXT_MAX, 2),
    createdAt: timestamp,
    votes,
    // Schema 4 (tables): the table that proposed the item; '' for the whole room.
    tableId: str(ENTRY_ID_MAX, 'editor', 4),
    // ...and, in the room's plan, every table that proposed it (two tables' one intervention is one item).
    fromTables: { type: 'flags', maxKeys: 40, keyLength: ENTRY_ID_MAX, writer: 'editor', since: 4 },
  },
} as const satisfies RecordSpec;

/** A table group (schema 4): the facilitator sets tables up and gives each a brief. */
export const tableRecord = {
  kind: 'entries',
  maxEntries: 40,
  idLength: ENTRY_ID_MAX,
  writer: 'facilitator',
  fields: {
    name: str(TABLE_NAME_MAX, 'facilitator'),
    brief: str(TABLE_BRIEF_MAX, 'facilitator'),
    order: { type: 'value', value: z.number().int().min(0).max(1000), writer: 'facilitator', initial: 0 },
  },
} as const satisfies RecordSpec;

/**
 * Who sits at which table (schema 4), one entry per person (their name and organisation, as
 * they joined), so a seat outlasts a reconnect. People pick their own table; the facilitator
 * places and mixes them.
 */
export const seatRecord = {
  kind: 'entries',
  maxEntries: 1000,
  idLength: ENTRY_ID_MAX,
  writer: 'editor',
  fields: {
    tableId: str(ENTRY_ID_MAX),
    name: str(80),
    organisation: str(120),
    organisationType: oneOf(organisationTypes, 'Other'),
  },
} as const satisfies RecordSpec;

export const linkRecord = {
  kind: 'entries',
  maxEntries: 10_000,
  // A link's id is its two ends' ids.
  idLength: 2 * ENTRY_ID_MAX + 1,
  writer: 'editor',
  fields: { from: entryIdField(), to: entryIdField() },
} as const satisfies RecordSpec;

export const measureRecord = {
  kind: 'entries',
  maxEntries: 5000,
  idLength: ENTRY_ID_MAX,
  writer: 'editor',
  fields: {
    itemId: entryIdField(),
    what: str(FOLLOW_UP_TEXT_MAX),
    baseline: str(FOLLOW_UP_TEXT_MAX),
    target: str(FOLLOW_UP_TEXT_MAX),
    how: str(FOLLOW_UP_TEXT_MAX),
    reviewDate: str(10),
    createdAt: timestamp,
  },
} as const satisfies RecordSpec;

export const outcomeRecord = {
  kind: 'values',
  maxEntries: 20_000,
  idLength: ENTRY_ID_MAX,
  writer: 'editor',
  value: z.strictObject({
    measureId: z.string().max(ENTRY_ID_MAX),
    date: z.string().max(10),
    value: z.number().nullable(),
    rating: z.enum(['', ...outcomeRatings]),
    note: z.string().max(FOLLOW_UP_TEXT_MAX),
    recordedBy: z.string().max(120),
    recordedAt: z.number().min(0).max(1e14),
  }),
} as const satisfies RecordSpec;

export const metaRecord = {
  kind: 'fields',
  fields: {
    title: str(200, 'facilitator'),
    footprint: str(200, 'facilitator'),
    academyId: str(80, 'facilitator'),
    date: str(10, 'facilitator'),
    schemaVersion: { type: 'value', value: z.number().int().min(0).max(1000), writer: 'relay', initial: SCHEMA_VERSION },
  },
} as const satisfies RecordSpec;

/** Every top-level type a workshop has, by its name in the doc. Nothing else may exist. */
export const workshopSchema = {
  meta: metaRecord,
  cards: cardRecord,
  items: itemRecord,
  links: linkRecord,
  // Follow-up (schema 2): measures are maps of fields; outcomes are plain records, only ever added or removed.
  measures: measureRecord,
  outcomes: outcomeRecord,
  // Table groups (schema 4).
  tables: tableRecord,
  seats: seatRecord,
  // Kept for workshops saved before votes moved to the relay's control state.
  votes: { kind: 'retired' },
} as const satisfies Readonly<Record<string, RecordSpec>>;

export type RootName = keyof typeof workshopSchema;
export const rootNames = Object.keys(workshopSchema) as RootName[];

export function recordOf(root: string): RecordSpec | undefined {
  return Object.hasOwn(workshopSchema, root) ? (workshopSchema as Record<string, RecordSpec>)[root] : undefined;
}

type FieldsOf<R> = R extends { fields: infer F } ? F : never;
/**
 * The names of a record's fields of one type, e.g. the Y.Text fields of a plan item; with
 * `Later` true only those a later version added (`since`), with false only the original ones.
 */
export type FieldNamesOfType<R, T extends FieldSpec['type'], Later extends boolean | null = null> = {
  [K in keyof FieldsOf<R>]: FieldsOf<R>[K] extends { type: T; since?: infer S }
    ? Later extends null
      ? K
      : Later extends true
        ? S extends number
          ? K
          : never
        : S extends undefined
          ? K
          : never
    : never;
}[keyof FieldsOf<R>] &
  string;

export function fieldNamesOfType<R extends { fields: Fields }, T extends FieldSpec['type'], Later extends boolean | null = null>(
  record: R,
  type: T,
  later: Later = null as Later,
): FieldNamesOfType<R, T, Later>[] {
  return Object.entries(record.fields)
    .filter(([, f]) => f.type === type && (later === null || (f.since !== undefined) === later))
    .map(([name]) => name as FieldNamesOfType<R, T, Later>);
}

/** Whether a connection with this role may write what `writer` guards. */
export function mayWrite(writer: Writer, role: 'facilitator' | 'participant' | 'viewer'): boolean {
  if (writer === 'editor') return role === 'facilitator' || role === 'participant';
  if (writer === 'facilitator') return role === 'facilitator';
  return false;
}

/** A field's starting value in a new entry (new shared types for the collaborative fields). */
export function initialValue(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'text':
      return new Y.Text();
    case 'flags':
    case 'record':
      return new Y.Map();
    case 'list':
      return new Y.Array();
    case 'value':
      return spec.initial;
  }
}

/**
 * A new entry of `record` as a Y.Map: every declared field, from `values` where given (plain
 * values; an array for a list, keys for flags) and its starting value otherwise. Throws for a
 * field the record does not declare.
 */
export function createEntry(record: { fields: Fields }, values: Readonly<Record<string, unknown>>): Y.Map<unknown> {
  for (const key of Object.keys(values)) if (!Object.hasOwn(record.fields, key)) throw new Error(`No field “${key}” in this record`);
  const entry = new Y.Map<unknown>();
  for (const [name, spec] of Object.entries(record.fields)) {
    if (spec.writer === 'relay') continue;
    const given = values[name];
    if (given === undefined && spec.type === 'value' && spec.initial === undefined) continue;
    const value = initialValue(spec);
    if (given !== undefined) {
      if (spec.type === 'value') {
        entry.set(name, given);
        continue;
      }
      if (spec.type === 'flags') for (const key of given as readonly string[]) (value as Y.Map<true>).set(key, true);
      else if (spec.type === 'list') (value as Y.Array<unknown>).push([...(given as readonly unknown[])]);
      else if (spec.type === 'text') (value as Y.Text).insert(0, given as string);
    }
    entry.set(name, value);
  }
  return entry;
}
