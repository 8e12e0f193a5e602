// Holds a whole doc to the schema (schema.ts): what an imported workshop file must pass before
// it becomes a workshop, the same rules the relay's gate applies to each edit. The walk follows
// the schema, never the data: it descends only into declared collaborative fields, one level,
// so no nesting in a file can make it slow or overflow the stack.
import * as Y from 'yjs';
import { recordOf, type FieldSpec, type RecordSpec } from './schema';
import { valueAt, liveKeyCount, contentKind, type AnyType } from './yjs-internals';

/** At most this many problems are listed: one is enough to refuse, a few help to explain. */
const MAX_PROBLEMS = 5;

/** A name from the doc shortened for a message (a hostile key may be kilobytes long). */
export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Why a value does not fit its field in a doc of schema `version`, or null. */
function fieldProblem(where: string, spec: FieldSpec, value: unknown, version: number): string | null {
  // A doc older than the field's present shape may hold the shape it had then.
  if (spec.type === 'text' && spec.before && spec.since !== undefined && version < spec.since && !(value instanceof Y.Text))
    return fieldProblem(where, spec.before, value, version);
  switch (spec.type) {
    case 'value':
      return spec.value.safeParse(value).success ? null : `${where} does not hold a valid value`;
    case 'text': {
      if (!(value instanceof Y.Text)) return `${where} is not a text`;
      if (value.length > spec.maxLength) return `${where} is longer than ${spec.maxLength} characters`;
      for (let item = value._start; item; item = item.right) {
        const kind = contentKind(item);
        if (!item.deleted && kind !== 'string' && kind !== 'deleted') return `${where} holds more than plain text`;
      }
      return null;
    }
    case 'flags':
    case 'record': {
      if (!(value instanceof Y.Map)) return `${where} is not a map`;
      if (liveKeyCount(value as AnyType) > spec.maxKeys) return `${where} holds more than ${spec.maxKeys} entries`;
      for (const [key, v] of value.entries()) {
        if (key.length > spec.keyLength) return `${where} has a key longer than ${spec.keyLength} characters`;
        if (spec.type === 'flags' ? v !== true : !spec.value.safeParse(v).success) return `${where}.${clip(key)} does not hold a valid value`;
      }
      return null;
    }
    case 'list': {
      if (!(value instanceof Y.Array)) return `${where} is not a list`;
      if (value.length > spec.maxItems) return `${where} holds more than ${spec.maxItems} items`;
      return value.toArray().every((v) => spec.item.safeParse(v).success) ? null : `${where} holds a value of the wrong shape`;
    }
  }
}

function* entryProblems(root: string, record: RecordSpec, type: AnyType, version: number): Generator<string> {
  if (record.kind === 'retired') return;
  if (record.kind === 'fields') {
    for (const key of type._map.keys()) {
      const value = valueAt(type, key);
      if (value === undefined) continue;
      const spec = Object.hasOwn(record.fields, key) ? record.fields[key] : undefined;
      if (!spec) yield `${root} has a field “${clip(key)}” the workshop does not have`;
      else {
        const problem = fieldProblem(`${root}.${key}`, spec, value, version);
        if (problem) yield problem;
      }
    }
    return;
  }
  if (liveKeyCount(type) > record.maxEntries) yield `${root} holds more than ${record.maxEntries} entries`;
  for (const id of type._map.keys()) {
    const entry = valueAt(type, id);
    if (entry === undefined) continue;
    const where = `${root}.${clip(id)}`;
    if (id.length > record.idLength) yield `${root} has an id longer than ${record.idLength} characters`;
    if (record.kind === 'values') {
      if (!record.value.safeParse(entry).success) yield `${where} does not have the right shape`;
      continue;
    }
    if (!(entry instanceof Y.Map)) {
      yield `${where} is not a map of fields`;
      continue;
    }
    for (const key of entry.keys()) {
      const spec = Object.hasOwn(record.fields, key) ? record.fields[key] : undefined;
      if (!spec) yield `${where} has a field “${clip(key)}” the workshop does not have`;
      else {
        const problem = fieldProblem(`${where}.${key}`, spec, entry.get(key), version);
        if (problem) yield problem;
      }
    }
  }
}

/** What in `doc` breaks the schema (at most a few problems), or [] when it all fits. */
export function docProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  const saved = valueAt(doc.getMap('meta') as AnyType, 'schemaVersion');
  const version = typeof saved === 'number' ? saved : 0;
  for (const [root, type] of doc.share) {
    const record = recordOf(root);
    if (!record) {
      // A root nobody ever wrote to (a type an app version asked for by name) holds nothing.
      if (type._map.size > 0 || type._start !== null) problems.push(`a workshop has no top-level “${clip(root)}”`);
    } else {
      // Read every declared root with its declared kind before walking it.
      const typed = doc.getMap(root) as AnyType;
      for (const problem of entryProblems(root, record, typed, version)) {
        problems.push(problem);
        if (problems.length >= MAX_PROBLEMS) return problems;
      }
    }
    if (problems.length >= MAX_PROBLEMS) return problems;
  }
  return problems;
}
