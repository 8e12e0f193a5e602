// Reads an entry's fields as the schema (schema.ts) declares them, so what the app shows is held
// to the same types and bounds as what the relay admits: a plain value that does not fit its
// field reads as the field's starting value, a shared field of the wrong kind reads as empty,
// and list or record values that do not fit are left out. A file from before a field existed,
// or one a buggy client wrote, shows sensible defaults instead of breaking a screen.
import * as Y from 'yjs';
import type { z } from 'zod';
import type { Fields, FieldSpec } from './schema';

type Record_ = { fields: Fields };
type FieldName<R extends Record_> = keyof R['fields'] & string;

function specOf(record: Record_, name: string): FieldSpec {
  const spec = Object.hasOwn(record.fields, name) ? record.fields[name] : undefined;
  if (!spec) throw new Error(`No field “${name}” in this record`);
  return spec;
}

/** A plain value field: the value if it fits its declaration, the field's starting value if not. */
export function valueOf<R extends Record_>(record: R, entry: Y.Map<unknown>, name: FieldName<R>): unknown {
  const spec = specOf(record, name);
  if (spec.type !== 'value') throw new Error(`“${name}” is not a plain value`);
  const v = entry.get(name);
  return v !== undefined && spec.value.safeParse(v).success ? v : spec.initial;
}

/** A text field's characters; a field still in its older plain form (`before`) reads as that string. */
export function textOf<R extends Record_>(record: R, entry: Y.Map<unknown>, name: FieldName<R>): string {
  const spec = specOf(record, name);
  if (spec.type !== 'text') throw new Error(`“${name}” is not a text`);
  const v = entry.get(name);
  if (v instanceof Y.Text) return v.toString();
  return spec.before && typeof v === 'string' && spec.before.value.safeParse(v).success ? v : '';
}

/** A flags field's names, sorted. */
export function flagsOf<R extends Record_>(record: R, entry: Y.Map<unknown>, name: FieldName<R>): string[] {
  const spec = specOf(record, name);
  if (spec.type !== 'flags') throw new Error(`“${name}” is not a set of flags`);
  const v = entry.get(name);
  return v instanceof Y.Map ? [...v.keys()].filter((k) => k.length <= spec.keyLength).sort() : [];
}

/** A list field's items that fit its declaration, copied. */
export function listOf<R extends Record_, T>(record: R, entry: Y.Map<unknown>, name: FieldName<R>): T[] {
  const spec = specOf(record, name);
  if (spec.type !== 'list') throw new Error(`“${name}” is not a list`);
  const v = entry.get(name);
  if (!(v instanceof Y.Array)) return [];
  return v
    .toArray()
    .map((x) => (spec.item as z.ZodType<T>).safeParse(x))
    .flatMap((r) => (r.success ? [r.data] : []));
}

/** A record field's values that fit its declaration, copied (never the objects Yjs holds). */
export function recordValuesOf<R extends Record_, T>(record: R, entry: Y.Map<unknown>, name: FieldName<R>): Record<string, T> {
  const spec = specOf(record, name);
  if (spec.type !== 'record') throw new Error(`“${name}” is not a record`);
  const v = entry.get(name);
  if (!(v instanceof Y.Map)) return {};
  const out: Record<string, T> = {};
  for (const [k, x] of v.entries()) {
    const r = (spec.value as z.ZodType<T>).safeParse(x);
    if (r.success) out[k] = r.data;
  }
  return out;
}
