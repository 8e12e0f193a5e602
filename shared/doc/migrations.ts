// Brings a doc written by an older schema up to SCHEMA_VERSION. Each step is idempotent and
// runs in one transaction, so two clients migrating the same old doc at once converge.
import * as Y from 'yjs';
import { SCHEMA_VERSION, itemEvaluationTextFields } from './layout';
import { metaMap, itemsMap } from './workshop-doc';

type Migration = (doc: Y.Doc) => void;

/** migrations[n] upgrades a doc from version n to n + 1. Version 0 is a doc with no version. */
const migrations: Record<number, Migration> = {
  0: (doc) => {
    const meta = metaMap(doc);
    if (typeof meta.get('title') !== 'string') meta.set('title', 'Untitled workshop');
    for (const key of ['footprint', 'academyId', 'date']) if (typeof meta.get(key) !== 'string') meta.set(key, '');
  },
  // Schema 2 (follow-up): plan items gain "what was learned". Measures and outcomes live in
  // top-level maps that need no creating. Two clients migrating at once each add an empty
  // text; one wins and nothing typed is lost, because nobody can type before the step runs.
  1: (doc) => {
    for (const item of itemsMap(doc).values()) for (const f of itemEvaluationTextFields) if (!(item.get(f) instanceof Y.Text)) item.set(f, new Y.Text());
  },
};

export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}

export function docSchemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/** Upgrades in place; returns the versions it passed through. Throws for a doc from a newer app. */
export function migrate(doc: Y.Doc, origin: unknown = 'migration'): number[] {
  const from = docSchemaVersion(doc);
  if (from > SCHEMA_VERSION) {
    throw new NewerSchemaError(
      `This workshop was saved by a newer version of the app (schema ${from}; this app reads up to ${SCHEMA_VERSION}). Update the app to open it.`,
    );
  }
  const passed: number[] = [];
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new Error(`No migration from schema ${v}`);
    doc.transact(() => {
      step(doc);
      metaMap(doc).set('schemaVersion', v + 1);
    }, origin);
    passed.push(v + 1);
  }
  return passed;
}
