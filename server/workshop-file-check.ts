// Reading a workshop file we did not write (an upload, an email, a USB stick) as rows, and
// refusing any file that is not exactly the format: two plain tables, meta and updates, as the
// app creates them, holding rows. SQLite runs code that a schema declares (a generated column,
// a CHECK, a view, a trigger, an expression index) whenever it reads or checks the rows, so a
// 16 kB file with a column GENERATED ALWAYS AS (zeroblob(...)) could hold a host for seconds and
// gigabytes: the schema is compared with the app's own before a single row is read or checked.
//
// `createFileReader` must stay self-contained (only its parameters and JavaScript globals): its
// source text is also the import worker (import-worker.ts), as the save worker's is.
import type { DatabaseSync, constants as sqliteConstants } from 'node:sqlite';

/** What a file must be and how much of it may be read; made by importRules in workshop-content.ts. */
export interface FileRules {
  applicationId: number;
  /** the newest file format this app reads */
  formatVersion: number;
  /** every schema object a workshop file may hold, as the app's own schema makes them */
  objects: { type: string; name: string; tbl_name: string; sql: string | null }[];
  /** each table's columns, as PRAGMA table_xinfo lists them for the app's own schema */
  columns: Record<string, unknown[]>;
  maxMetaRows: number;
  maxMetaValueChars: number;
  maxUpdateRows: number;
  maxUpdateBytes: number;
  /** Date.now() past which reading gives up */
  deadline: number;
}

/** The rows of a file that passed, or the sentence that says why it did not. */
export type FileRows = { ok: true; meta: [string, string][]; updates: { seq: number; data: Uint8Array }[] } | { ok: false; message: string };

export function createFileReader(Database: typeof DatabaseSync, sqlite: typeof sqliteConstants) {
  const TABLES = ['meta', 'updates'];
  class Refusal extends Error {}
  const refuse = (message: string): never => {
    throw new Refusal(message);
  };
  const squash = (sql: string | null) => (sql === null ? null : sql.replace(/\s+/g, ' ').trim());

  /**
   * A read-only connection: schema code in it may call only harmless functions, SQLite's
   * defensive mode is on, and the connection cannot write.
   */
  function openUntrusted(path: string): DatabaseSync {
    const db = new Database(path, { readOnly: true, allowExtension: false });
    try {
      db.exec('PRAGMA trusted_schema = OFF');
      db.enableDefensive(true);
      db.exec('PRAGMA query_only = ON');
    } catch (err) {
      db.close();
      throw err;
    }
    return db;
  }

  /** From here on the connection may read our two tables (and count rows) and nothing else. */
  function onlyReadKnownTables(db: DatabaseSync): void {
    db.setAuthorizer((action, a, b) => {
      if (action === sqlite.SQLITE_SELECT) return sqlite.SQLITE_OK;
      if (action === sqlite.SQLITE_FUNCTION && b === 'count') return sqlite.SQLITE_OK;
      if (action === sqlite.SQLITE_READ && a !== null && TABLES.includes(a)) return sqlite.SQLITE_OK;
      return sqlite.SQLITE_DENY;
    });
  }

  function checkHeader(db: DatabaseSync, rules: FileRules): void {
    const appId = (db.prepare('PRAGMA application_id').get() as { application_id: number }).application_id;
    if (appId !== rules.applicationId) refuse('This file is not a Systems Leadership Canvas workshop.');
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version > rules.formatVersion) refuse(`This workshop file was written by a newer version of the app (format ${version}).`);
  }

  /** Exactly the app's tables, columns and indexes: nothing declared in the file can run. */
  function checkSchema(db: DatabaseSync, rules: FileRules): void {
    const found = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as FileRules['objects'];
    for (const table of TABLES) {
      const row = found.find((r) => r.name === table);
      if (!row) refuse(`The file is damaged: it has no ${table} table.`);
      else if (row.type !== 'table') refuse(`The file is not a plain workshop: its ${table} is a ${row.type}, not a table.`);
    }
    for (const table of TABLES) {
      const columns = db.prepare(`PRAGMA table_xinfo(${table})`).all() as { name: string; hidden: number }[];
      const odd = columns.find((c) => c.hidden !== 0);
      if (odd) refuse(`The file is not a plain workshop: its ${table} table has a generated or hidden column "${String(odd.name).slice(0, 60)}".`);
      if (JSON.stringify(columns) !== JSON.stringify(rules.columns[table]))
        refuse(`The file is not a plain workshop: the columns of its ${table} table are not the app's.`);
    }
    for (const row of found) {
      const ours = rules.objects.find((o) => o.type === row.type && o.name === row.name);
      if (!ours)
        refuse(
          `The file is not a plain workshop: it holds ${/^[aeiou]/.test(row.type) ? 'an' : 'a'} ${row.type} "${String(row.name).slice(0, 60)}", which a workshop file never has.`,
        );
      else if (ours.tbl_name !== row.tbl_name || squash(ours.sql) !== squash(row.sql))
        refuse(`The file is not a plain workshop: its ${row.type} ${row.name} is not declared as the app declares it.`);
    }
  }

  /** Only now, with nothing in the schema that could run, is every page of the file checked. */
  function checkPages(db: DatabaseSync): void {
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
    if (problems.length > 0) refuse(`The file is damaged or incomplete (${problems.slice(0, 3).join('; ').slice(0, 300)}).`);
  }

  function readMeta(db: DatabaseSync, rules: FileRules): [string, string][] {
    const rows = db.prepare(`SELECT key, value FROM meta LIMIT ${rules.maxMetaRows + 1}`).all() as { key: unknown; value: unknown }[];
    if (rows.length > rules.maxMetaRows) refuse('The file is not a plain workshop: its metadata is far too long.');
    const meta: [string, string][] = [];
    for (const { key, value } of rows)
      if (typeof key === 'string' && typeof value === 'string' && value.length <= rules.maxMetaValueChars) meta.push([key, value]);
    return meta;
  }

  function readUpdates(db: DatabaseSync, rules: FileRules): { seq: number; data: Uint8Array }[] {
    const count = Number((db.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n);
    if (count > rules.maxUpdateRows) refuse(`The file holds ${count} stored edits, more than a workshop ever needs.`);
    const updates: { seq: number; data: Uint8Array }[] = [];
    let bytes = 0;
    for (const row of db.prepare('SELECT seq, data FROM updates ORDER BY seq').iterate() as Iterable<{ seq: unknown; data: unknown }>) {
      if (!(row.data instanceof Uint8Array)) refuse(`The file is damaged: stored edit ${String(row.seq)} is not binary data.`);
      const data = row.data as Uint8Array;
      bytes += data.byteLength;
      if (bytes > rules.maxUpdateBytes)
        refuse(`The file's stored edits come to more than ${Math.round(rules.maxUpdateBytes / 1024 / 1024)} MB, more than a workshop may hold.`);
      if (Date.now() > rules.deadline) refuse('The file took too long to read; it was not imported.');
      updates.push({ seq: Number(row.seq), data });
    }
    return updates;
  }

  /** The file's metadata and stored edits, or why the file is refused. Never throws. */
  function readRows(path: string, rules: FileRules): FileRows {
    let db: DatabaseSync | undefined;
    try {
      db = openUntrusted(path);
      checkHeader(db, rules);
      checkSchema(db, rules);
      checkPages(db);
      onlyReadKnownTables(db);
      return { ok: true, meta: readMeta(db, rules), updates: readUpdates(db, rules) };
    } catch (err) {
      if (err instanceof Refusal) return { ok: false, message: err.message };
      return { ok: false, message: `The file is damaged or incomplete (${String((err as Error).message ?? err).slice(0, 200)}).` };
    } finally {
      if (db?.isOpen) db.close();
    }
  }

  return { openUntrusted, onlyReadKnownTables, readRows };
}
