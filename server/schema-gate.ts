// Holds a peer's edit to the workshop schema (shared/doc/schema.ts), read from the transaction
// that integrated it: every item the edit inserted must sit where the schema declares a field
// and hold what that field may hold, every item it deleted must be one the sender may remove,
// and every container it grew must stay within its bounds. An entry is added or removed, never
// replaced under its id; a plain field may be given a new value but not removed from its entry;
// a shared field (text, list, map) is only edited inside. Anything the schema does not
// declare (a new top-level type, an unknown field, a nested type anywhere but a declared
// collaborative field, formatting marks in a text) is refused, and so is anything the sender's
// role may not write (vote results and the schema version are the relay's alone).
//
// The walk never recurses: each item is placed by walking up from it at most MAX_DOC_DEPTH
// levels, so an edit nested thousands of levels deep is refused after a handful of steps.
import * as Y from 'yjs';
import { MAX_DOC_DEPTH, recordOf, mayWrite, type FieldSpec, type RecordSpec, type Writer } from '../shared/doc/schema';
import {
  pathOf,
  parentOf,
  contentKind,
  itemValues,
  itemType,
  insertedStructs,
  deletedItems,
  deletedWithParent,
  liveKeyCount,
  valueAt,
  existedBefore,
  type AnyType,
  type Overwrite,
} from '../shared/doc/yjs-internals';
import { CloseCode, type Role } from '../shared/protocol';
import type { GateJudge, GateVerdict } from './update-gate';
import { clip } from '../shared/doc/doc-check';

/** Which entries an edit touched, for the lock policy (lock-policy.ts). */
export interface EditScope {
  /** root types touched (meta, cards, items, links…) */
  roots: Set<string>;
  /** ids of entries touched under cards, items, links, measures, outcomes */
  entries: Set<string>;
  /** tables that cards or items the edit removed, or moved away, were at (where they are now is read from the doc) */
  formerTables: Set<string>;
  /** seats the edit touched (seat-owners.ts holds a participant to their own) */
  seats: Set<string>;
}

/** Records whose entries sit at a table (their `tableId`), which a table's lock covers. */
const atTables: ReadonlySet<string> = new Set(['cards', 'items']);

/** Where an item sits in the schema: the record, the entry, and the field (if any) it is part of. */
type Place =
  | { at: 'root-field'; root: string; spec: FieldSpec }
  | { at: 'entry'; root: string; record: Extract<RecordSpec, { kind: 'entries' | 'values' }>; entry: string }
  | { at: 'field'; root: string; entry: string; spec: FieldSpec; name: string }
  | { at: 'inside'; root: string; entry: string; spec: FieldSpec; name: string };

class Refusal extends Error {}

const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

/** Places an item (or a container, with `parentSub` the key it is written under) in the schema. */
function place(parent: AnyType, parentSub: string | null): Place {
  const path = pathOf(parent, MAX_DOC_DEPTH);
  if (path.tooDeep) return refuse('it nests deeper than a workshop does');
  const root = path.root;
  if (root === null) return refuse('it is not part of the workshop');
  const record = recordOf(root);
  if (!record) return refuse(`a workshop has no top-level “${root}”`);
  if (record.kind === 'retired') return refuse(`“${root}” is kept only for old files`);
  const keys = path.keys;
  if (keys.length === 0) {
    if (parentSub === null) return refuse(`“${root}” is not a list`);
    if (record.kind === 'fields') {
      const spec = Object.hasOwn(record.fields, parentSub) ? record.fields[parentSub] : undefined;
      if (!spec) return refuse(`${root} has no field “${clip(parentSub)}”`);
      return { at: 'root-field', root, spec };
    }
    if (parentSub.length === 0 || parentSub.length > record.idLength) return refuse(`an id in ${root} is not a valid id`);
    return { at: 'entry', root, record, entry: parentSub };
  }
  if (record.kind !== 'entries') return refuse(`${root} holds no nested values`);
  const entry = keys[0];
  if (typeof entry !== 'string') return refuse(`“${root}” is not a list`);
  if (keys.length === 1) {
    if (parentSub === null) return refuse(`an entry in ${root} is not a list`);
    const spec = Object.hasOwn(record.fields, parentSub) ? record.fields[parentSub] : undefined;
    if (!spec) return refuse(`${root} entries have no field “${clip(parentSub)}”`);
    return { at: 'field', root, entry, spec, name: parentSub };
  }
  const name = keys[1];
  const spec = typeof name === 'string' && Object.hasOwn(record.fields, name) ? record.fields[name] : undefined;
  if (keys.length > 2 || !spec || !name) return refuse('it nests deeper than a workshop does');
  return { at: 'inside', root, entry, spec, name };
}

function writerOf(p: Place): Writer {
  return p.at === 'entry' ? p.record.writer : p.spec.writer;
}

const sharedTypeFor: Record<Exclude<FieldSpec['type'], 'value'>, new () => AnyType> = { text: Y.Text, flags: Y.Map, list: Y.Array, record: Y.Map };

/** Checks what an inserted item holds against the place it was put. */
function checkContent(item: Y.Item, p: Place): void {
  const kind = contentKind(item);
  // Content already deleted when it arrived (a placeholder for a refused or removed edit) holds nothing.
  if (kind === 'deleted') return;
  if (p.at === 'entry') {
    if (p.record.kind === 'values') {
      if (kind !== 'values') return refuse(`an entry in ${p.root} must be a plain record`);
      for (const v of itemValues(item)) if (!p.record.value.safeParse(v).success) return refuse(`an entry in ${p.root} does not have the right shape`);
      return;
    }
    if (kind !== 'type' || !(itemType(item) instanceof Y.Map)) return refuse(`an entry in ${p.root} must be a map of fields`);
    return;
  }
  const spec = p.spec;
  const where = p.at === 'root-field' ? `${p.root}.${nameOfRootField(item)}` : `${p.root} field “${p.name}”`;
  if (p.at === 'root-field' || p.at === 'field') {
    if (spec.type === 'value') {
      if (kind !== 'values') return refuse(`${where} must be a plain value`);
      for (const v of itemValues(item)) if (!spec.value.safeParse(v).success) return refuse(`${where} cannot hold that value`);
      return;
    }
    if (kind !== 'type' || !(itemType(item) instanceof sharedTypeFor[spec.type])) return refuse(`${where} must be a shared ${spec.type}`);
    return;
  }
  // Inside a collaborative field: characters of a text, flags, list items, record values.
  switch (spec.type) {
    case 'text':
      if (item.parentSub !== null || kind !== 'string') return refuse(`${where} holds plain text only`);
      return;
    case 'flags':
      if (item.parentSub === null || item.parentSub.length > spec.keyLength) return refuse(`${where} holds short named flags only`);
      if (kind !== 'values' || itemValues(item).some((v) => v !== true)) return refuse(`${where} holds flags (true) only`);
      return;
    case 'list':
      if (item.parentSub !== null || kind !== 'values') return refuse(`${where} is a list of plain values`);
      for (const v of itemValues(item)) if (!spec.item.safeParse(v).success) return refuse(`${where} cannot hold that value`);
      return;
    case 'record':
      if (item.parentSub === null || item.parentSub.length > spec.keyLength) return refuse(`${where} holds short named values only`);
      if (kind !== 'values') return refuse(`${where} holds plain values only`);
      for (const v of itemValues(item)) if (!spec.value.safeParse(v).success) return refuse(`${where} cannot hold that value`);
      return;
    case 'value':
      return refuse(`${where} holds no nested values`);
  }
}

function nameOfRootField(item: Y.Item): string {
  return clip(item.parentSub ?? '');
}

/** Checks a container the edit grew against its bounds. */
function checkBounds(container: AnyType): void {
  const path = pathOf(container, MAX_DOC_DEPTH);
  if (path.tooDeep || path.root === null) return refuse('it nests deeper than a workshop does');
  const record = recordOf(path.root);
  if (!record) return refuse(`a workshop has no top-level “${path.root}”`);
  if (path.keys.length === 0) {
    if ((record.kind === 'entries' || record.kind === 'values') && liveKeyCount(container) > record.maxEntries)
      return refuse(`${path.root} would hold more than ${record.maxEntries} entries`);
    return;
  }
  if (path.keys.length !== 2 || record.kind !== 'entries') return;
  const name = path.keys[1];
  const spec = typeof name === 'string' && Object.hasOwn(record.fields, name) ? record.fields[name] : undefined;
  if (!spec) return;
  if (spec.type === 'text' && (container as Y.Text).length > spec.maxLength)
    return refuse(`${path.root} field “${name}” would be longer than ${spec.maxLength} characters`);
  if (spec.type === 'list' && (container as Y.Array<unknown>).length > spec.maxItems)
    return refuse(`${path.root} field “${name}” would hold more than ${spec.maxItems} items`);
  if ((spec.type === 'flags' || spec.type === 'record') && liveKeyCount(container) > spec.maxKeys)
    return refuse(`${path.root} field “${name}” would hold more than ${spec.maxKeys} entries`);
}

function noteScope(scope: EditScope, p: Place): void {
  scope.roots.add(p.root);
  if (p.at === 'root-field') return;
  scope.entries.add(p.entry);
  if (p.root === 'seats') scope.seats.add(p.entry);
}

/** Refuses with a reason (and a close code when no person's client would send it). */
const refusal = (reason: string, close?: number): GateVerdict => (close === undefined ? { ok: false, reason } : { ok: false, reason, close });

/**
 * Holds one peer's update to the schema, step by step as the gate applies it (update-gate.ts),
 * and gathers which entries it touched for the locks. Never throws for anything a peer can send:
 * whatever cannot be placed is refused.
 */
export class SchemaCheck {
  readonly scope: EditScope = { roots: new Set(), entries: new Set(), formerTables: new Set(), seats: new Set() };
  /** the texts, lists and maps the update's structs grew, to be held to their bounds once its deletions are in too */
  private readonly grown = new Set<AnyType>();

  constructor(private readonly role: Role) {}

  /** The gate's judge: these checks at each step, then the bounds and `complete` on the whole. */
  judge(complete: () => GateVerdict = () => ({ ok: true })): GateJudge {
    return {
      overwriting: (values) => this.overwriting(values),
      inserted: (tr) => this.inserted(tr),
      deleting: (items, withParent) => this.deleting(items, withParent),
      complete: () => {
        const bounded = this.bounds();
        return bounded.ok ? complete() : bounded;
      },
    };
  }

  /**
   * Before anything is integrated: an entry or a shared text, list or map is edited inside, never
   * written over. Replacing one would drop, for good, what others were typing into it. Two
   * people creating the same entry at once (a link between the same two cards, one person's
   * seat) write blind, without having seen each other's; that is judged once integrated, where
   * a refusal is reverted and the sender's copy converges.
   */
  overwriting(values: Overwrite[]): GateVerdict {
    return this.guard(() => {
      for (const { value: item, blind } of values) {
        if (contentKind(item) !== 'type') continue;
        const parent = parentOf(item);
        if (!parent) return refusal('it refers to something that is not in the workshop', CloseCode.notAllowed);
        const p = place(parent, item.parentSub);
        if (p.at === 'entry') {
          if (blind) continue;
          return refusal(`it replaces an entry in ${p.root} instead of editing it`, CloseCode.notAllowed);
        }
        if (p.at === 'field' || p.at === 'root-field')
          return refusal(
            `it replaces the shared “${clip(item.parentSub ?? '')}” of ${p.root === 'meta' ? 'the workshop' : `an entry in ${p.root}`} instead of editing it`,
            CloseCode.notAllowed,
          );
      }
      return { ok: true };
    }, CloseCode.notAllowed);
  }

  /** The update's structs, integrated by `tr`: each sits where the schema declares it, and values written over are ones the sender may change. */
  inserted(tr: Y.Transaction): GateVerdict {
    return this.guard(() => {
      for (const s of insertedStructs(tr)) {
        // A bare GC range under the sender's own (new) client id holds nothing; the relay has
        // already refused any under someone else's id.
        if ('gc' in s) continue;
        const item = s.item;
        const parent = parentOf(item);
        if (!parent) return refusal('it refers to something that is not in the workshop');
        const p = place(parent, item.parentSub);
        if (!mayWrite(writerOf(p), this.role)) return refusal(`a ${this.role} may not change that (${p.root})`);
        checkContent(item, p);
        // A shared text, list or map is part of its entry from the start and is edited inside,
        // never swapped for a new one (a new one under a key that held none is refused here).
        if (p.at === 'field' && p.spec.type !== 'value' && existedBefore(parent, tr))
          return refusal(`it replaces the shared “${clip(p.name)}” of an entry in ${p.root} instead of editing it`);
        noteScope(this.scope, p);
        if (!item.deleted) this.grown.add(parent);
      }
      // What integrating deleted: the values the new ones were written over.
      for (const item of deletedItems(tr)) {
        if (item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0) || deletedWithParent(item, tr)) continue;
        const left = this.removal(item, item.parentSub !== null && valueAt(parentOf(item)!, item.parentSub) === undefined);
        if (left) return left;
      }
      return { ok: true };
    });
  }

  /** Once the whole update is in: every container it grew is within its bounds (a text replaced is measured without its old words). */
  bounds(): GateVerdict {
    return this.guard(() => {
      for (const container of this.grown) checkBounds(container);
      return { ok: true };
    });
  }

  /**
   * Before the update's deletions are applied: each live item they would remove must be one the
   * sender may remove. A map value removed leaves its key empty, since the update's own new
   * value for a key (if any) is integrated by now and is what a deletion of that key removes.
   */
  deleting(items: Y.Item[], withParent: (item: Y.Item) => boolean): GateVerdict {
    return this.guard(() => {
      for (const item of items) {
        // An entry's fields go with the entry, and so does what is inside a text or list removed with it.
        if (withParent(item)) continue;
        const refused = this.removal(item, item.parentSub !== null);
        if (refused) return { ...refused, close: CloseCode.notAllowed };
      }
      return { ok: true };
    }, CloseCode.notAllowed);
  }

  /** Whether the sender may remove `item` (`leftEmpty`: its key holds no value afterwards); notes the scope. */
  private removal(item: Y.Item, leftEmpty: boolean): Extract<GateVerdict, { ok: false }> | null {
    const parent = parentOf(item);
    if (!parent) return { ok: false, reason: 'it removes something that is not in the workshop' };
    const p = place(parent, item.parentSub);
    if (!mayWrite(writerOf(p), this.role)) return { ok: false, reason: `a ${this.role} may not remove that (${p.root})` };
    // An entry is added or removed, never replaced by another under its id: a replacement
    // would silently drop every edit others were making to the one it replaced.
    if (p.at === 'entry' && item.parentSub !== null && !leftEmpty) return { ok: false, reason: `it replaces an entry in ${p.root} instead of editing it` };
    // A field is replaced, never taken away: an entry missing its text would leave every
    // editor bound to it with nothing to type into. Only the relay removes what it wrote.
    if ((p.at === 'field' || p.at === 'root-field') && writerOf(p) !== 'relay' && item.parentSub !== null && leftEmpty)
      return { ok: false, reason: `it would leave ${p.root === 'meta' ? 'the workshop' : `an entry in ${p.root}`} without its “${clip(item.parentSub)}”` };
    noteScope(this.scope, p);
    this.noteFormerTable(item, p);
    return null;
  }

  /** The table a card or item was at, when `item` (the entry, or its table) is removed or written over. */
  private noteFormerTable(item: Y.Item, p: Place): void {
    if (!atTables.has(p.root)) return;
    const entry = p.at === 'entry' ? itemType(item) : null;
    const was = p.at === 'entry' ? (entry ? valueAt(entry, 'tableId') : undefined) : item.parentSub === 'tableId' ? itemValues(item)[0] : undefined;
    if (typeof was === 'string' && was) this.scope.formerTables.add(was);
  }

  /** Runs a step, failing closed: a check that breaks refuses the edit rather than letting it through. */
  private guard(step: () => GateVerdict, close?: number): GateVerdict {
    try {
      return step();
    } catch (err) {
      if (err instanceof Refusal) return refusal(`it does not fit the workshop (${err.message})`, close);
      return { ok: false, reason: `it could not be checked (${(err as Error).message})`, close: CloseCode.malformed };
    }
  }
}
