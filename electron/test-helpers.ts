// Real workshop files in temporary folders, for the main-process unit tests. Content is kept to
// "notes": cards named by their text, as small as a file that passes the schema can be.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WorkshopFile } from '../server/workshop-file';
import { newTokenSet, type TokenSet } from '../server/tokens';
import { newWorkshopId } from '../shared/doc/ids';
import { cardsMap } from '../shared/doc/workshop-doc';
import { createEntry, cardRecord } from '../shared/doc/schema';

const made: string[] = [];

/** A note is a card whose id and text are the note. */
function addNote(doc: Y.Doc, note: string): void {
  cardsMap(doc).set(note, createEntry(cardRecord, { text: note }));
}

export function tempDir(prefix = 'slc-electron-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Creates a workshop file the way the relay's store does (metadata, join links, a first update). */
export function makeWorkshopFile(path: string, options: { id?: string; title?: string; notes?: string[] } = {}): { id: string; tokens: TokenSet } {
  const id = options.id ?? newWorkshopId();
  const tokens = newTokenSet();
  const file = WorkshopFile.create(path, { id, title: options.title ?? 'Discharge to assess' });
  try {
    file.setMeta('tokens', JSON.stringify(tokens));
    file.setMeta('revoked', '[]');
    const doc = new Y.Doc();
    doc.getMap<string>('meta').set('title', options.title ?? 'Discharge to assess');
    for (const n of options.notes ?? []) addNote(doc, n);
    file.append([Y.encodeStateAsUpdate(doc)]);
    doc.destroy();
  } finally {
    file.close();
  }
  return { id, tokens };
}

/** Adds notes to a workshop file as one more update, like an edit saved by the relay. */
export function addNotes(path: string, ...notes: string[]): void {
  const file = WorkshopFile.open(path);
  try {
    const doc = new Y.Doc();
    file.loadInto(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const n of notes) addNote(doc, n);
    // Keep the update's timestamp strictly later than the file's last one.
    const before = file.meta().updatedAt;
    while (Date.now() <= before) {
      /* wait a millisecond */
    }
    file.append(updates);
    doc.destroy();
  } finally {
    file.close();
  }
}

export function readNotes(path: string): string[] {
  const file = WorkshopFile.open(path);
  try {
    const doc = new Y.Doc();
    file.loadInto(doc);
    const notes = [...cardsMap(doc).keys()].sort();
    doc.destroy();
    return notes;
  } finally {
    file.close();
  }
}

export function readMetaOf(path: string): { id: string; title: string; tokens: TokenSet } {
  const file = WorkshopFile.open(path);
  try {
    return { id: file.meta().id, title: file.meta().title, tokens: JSON.parse(file.getMeta('tokens') ?? 'null') as TokenSet };
  } finally {
    file.close();
  }
}

/** Every file in a folder with its size and content, to show that nothing changed. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    out[name] = statSync(p).isDirectory() ? '<dir>' : readFileSync(p).toString('base64');
  }
  return out;
}
