// Brings a doc written by an older schema up to SCHEMA_VERSION. Each step is idempotent and
// runs in one transaction, so two clients migrating the same old doc at once converge. The
// relay migrates a workshop when it opens the room (the schema version is the relay's to
// write); the steps come from the schema: a version's step adds (or reshapes) the fields
// declared `since` it.
import * as Y from 'yjs';
import { SCHEMA_VERSION, workshopSchema, initialValue, metaRecord, type RecordSpec } from './schema';
import { metaMap } from './workshop-doc';
import { MIGRATION_ORIGIN } from './origins';

type Migration = (doc: Y.Doc) => void;

/** Version 0 is a doc with no version: its meta fields may be missing. */
const giveMetaDefaults: Migration = (doc) => {
  const meta = metaMap(doc);
  if (typeof meta.get('title') !== 'string') meta.set('title', 'Untitled workshop');
  for (const key of ['footprint', 'academyId', 'date'] as const) if (typeof meta.get(key) !== 'string') meta.set(key, metaRecord.fields[key].initial);
};

/**
 * Gives every entry the fields a version introduced or reshaped: plan items' "what was learned"
 * (schema 2) arrives empty; a card's plain text (schema 3) becomes a shared text holding the
 * same words. Two clients migrating at once each write a value; one wins and nothing typed is
 * lost, because nobody can type before the step runs.
 */
function fieldsSince(version: number): Migration {
  return (doc) => {
    for (const [root, record] of Object.entries(workshopSchema) as Array<[string, RecordSpec]>) {
      if (record.kind !== 'entries') continue;
      const changed = Object.entries(record.fields).filter(([, f]) => f.since === version);
      if (changed.length === 0) continue;
      for (const entry of doc.getMap<Y.Map<unknown>>(root).values()) {
        if (!(entry instanceof Y.Map)) continue;
        for (const [name, spec] of changed) {
          const old = entry.get(name);
          if (spec.type === 'text' && old instanceof Y.Text) continue;
          if (spec.type === 'text' && spec.before && typeof old === 'string') entry.set(name, new Y.Text(old.slice(0, spec.maxLength)));
          else if (!entry.has(name)) entry.set(name, initialValue(spec));
        }
      }
    }
  };
}

/** migrations[n] upgrades a doc from version n to n + 1. */
function migrationFrom(version: number): Migration {
  return version === 0 ? giveMetaDefaults : fieldsSince(version + 1);
}

export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}

export function docSchemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/** Upgrades in place; returns the versions it passed through. Throws for a doc from a newer app. */
export function migrate(doc: Y.Doc, origin: unknown = MIGRATION_ORIGIN): number[] {
  const from = docSchemaVersion(doc);
  if (from > SCHEMA_VERSION) {
    throw new NewerSchemaError(
      `This workshop was saved by a newer version of the app (schema ${from}; this app reads up to ${SCHEMA_VERSION}). Update the app to open it.`,
    );
  }
  const passed: number[] = [];
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = migrationFrom(v);
    doc.transact(() => {
      step(doc);
      metaMap(doc).set('schemaVersion', v + 1);
    }, origin);
    passed.push(v + 1);
  }
  return passed;
}
