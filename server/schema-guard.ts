// Holds the doc to its schema (shared/doc/schema.ts): an update that creates a top-level type
// the workshop does not have, or writes a value of the wrong kind into a known field, is
// refused. Read from the transaction that integrated the update, like the lock policy.
import * as Y from 'yjs';
import { docSchema, type FieldRule, type ValueKind } from '../shared/doc/schema';
import { pathOf, type AnyType } from './update-scope';

/** The current value under `key` in a map-like type (undefined when absent or deleted). */
function valueAt(type: AnyType, key: string): unknown {
  const item = type._map.get(key);
  if (!item || item.deleted) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

function kindOf(value: unknown): ValueKind | 'other' {
  if (value === null) return 'null';
  if (value instanceof Y.Text) return 'text';
  if (value instanceof Y.Map) return 'map';
  if (value instanceof Y.Array) return 'array';
  if (value instanceof Y.AbstractType || value instanceof Uint8Array) return 'other';
  if (Array.isArray(value)) return 'other';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return t === 'object' ? 'object' : 'other';
}

function wrongKind(value: unknown, allowed: readonly ValueKind[]): string | null {
  if (value === undefined) return null; // a deletion
  const kind = kindOf(value);
  return (allowed as readonly string[]).includes(kind) ? null : kind;
}

/** Why the changes in this transaction break the schema, or null if they do not. */
export function schemaViolation(tr: Y.Transaction): string | null {
  for (const [type, keys] of tr.changed) {
    const path = pathOf(type);
    const rootName = path[0];
    const rule = typeof rootName === 'string' ? docSchema[rootName] : undefined;
    if (!rule) return `a workshop has no top-level “${String(rootName)}”`;
    const named = [...keys].filter((k): k is string => k !== null);
    const listChange = keys.has(null);
    if (path.length === 1) {
      if (listChange) return `“${rootName}” is not a list`;
      for (const key of named) {
        const value = valueAt(type, key);
        const wrong = rule.entries ? wrongKind(value, rule.entryKinds ?? ['map']) : rule.fields[key] ? wrongKind(value, rule.fields[key].kinds) : null;
        if (wrong) return `${rootName}.${key} cannot hold a ${wrong}`;
      }
      continue;
    }
    if (!rule.entries) continue;
    if (path.length === 2) {
      if (listChange) return `an entry in “${rootName}” is not a list`;
      for (const key of named) {
        const field = rule.fields[key];
        const wrong = field ? wrongKind(valueAt(type, key), field.kinds) : null;
        if (wrong) return `${rootName} field “${key}” cannot hold a ${wrong}`;
      }
      continue;
    }
    if (path.length === 3 && typeof path[2] === 'string') {
      const field: FieldRule | undefined = rule.fields[path[2]];
      if (!field?.children) continue;
      const values = type instanceof Y.Array ? type.toArray() : named.map((k) => valueAt(type, k));
      for (const value of values) {
        const wrong = wrongKind(value, field.children);
        if (wrong) return `${rootName} field “${path[2]}” cannot contain a ${wrong}`;
      }
    }
  }
  return null;
}
