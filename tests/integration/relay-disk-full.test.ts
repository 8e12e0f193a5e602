// A host whose disk fills up mid-session: the relay keeps every edit in memory, tells every
// connected client (and its embedder) within seconds that it cannot save and why, never
// announces as saved what is not on disk, and resumes saving by itself once space is freed.
// The data folder is a real 2 MB tmpfs (the tests run as root); filled with a real file.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { startHarness, waitFor, connectClient, trackSaved, type Harness } from '../support/relay-harness';
import { MessageType } from '../../shared/protocol';
import { decodeSaveStatus, type SaveStatus } from '../../shared/relay-messages';
import { addCard, addPlanItem, cardsMap, itemsMap, itemText, replaceItemText } from '../../shared/doc';

const dir = mkdtempSync(join(tmpdir(), 'slc-tmpfs-'));
let mounted = false;
let mountError = '';
beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    mounted = true;
  } catch (err) {
    mountError = (err as Error).message.split('\n')[0] ?? 'mount failed';
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a file until the disk is full; returns its path. */
function fillDisk(): string {
  const path = join(dir, 'filler.bin');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(16 * 1024, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  // The last bytes too, so not even a page is left.
  try {
    for (;;) writeSync(fd, chunk.subarray(0, 512));
  } catch {
    // full
  }
  closeSync(fd);
  return path;
}

function followSaveStatus(provider: WebsocketProvider): SaveStatus[] {
  const seen: SaveStatus[] = [];
  provider.messageHandlers[MessageType.saveStatus] = (_enc, decoder) => void seen.push(decodeSaveStatus(decoder));
  return seen;
}

describe('a host whose disk fills up', () => {
  it('tells clients it cannot save, loses nothing acknowledged, and resumes by itself', async (ctx) => {
    if (!mounted) {
      ctx.skip(`tmpfs cannot be mounted here (${mountError}); the disk-full test needs root`);
      return;
    }
    const statuses: Array<{ workshopId: string; ok: boolean; error?: string }> = [];
    const h: Harness = await startHarness({ onSaveStatus: (s) => statuses.push(s) }, dir);
    try {
      const { id, tokens } = h.relay.store.create({ title: 'Disk', footprint: '', academyId: '', date: '' });
      const doc = new Y.Doc();
      const editor = connectClient(h.wsUrl, id, tokens.participant, doc, { ext: true });
      const saved = trackSaved(editor);
      const editorStatus = followSaveStatus(editor);
      const other = connectClient(h.wsUrl, id, tokens.participant, new Y.Doc(), { ext: true });
      const otherStatus = followSaveStatus(other);
      // A stock client that did not ask for the relay's extra messages still syncs normally.
      const plain = connectClient(h.wsUrl, id, tokens.participant);
      await waitFor(() => editor.synced && other.synced && plain.synced, 5000, 'synced');
      const before = addCard(doc, { kind: 'people', text: 'before the disk filled', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
      await waitFor(() => saved.clock() === Y.getState(doc.store, doc.clientID), 5000, 'first edit saved');
      const acknowledged = saved.clock();

      const filler = fillDisk();
      const during: string[] = [];
      // Edits big enough that the file must grow (the WAL cannot absorb them in place): plan
      // items with long descriptions (a card holds only a few words).
      for (let i = 0; i < 32; i++) {
        const item = addPlanItem(doc, { interventionId: null, customTitle: `during ${i}`, domainId: 'individual-effectiveness', position: { x: i, y: 0 } });
        replaceItemText(doc, item, 'description', 'x'.repeat(9_900));
        during.push(item);
      }
      const started = Date.now();
      await waitFor(() => editorStatus.some((s) => !s.ok) && otherStatus.some((s) => !s.ok), 5000, 'clients told the host cannot save');
      expect(Date.now() - started).toBeLessThan(5000);
      const problem = editorStatus.find((s) => !s.ok)!;
      expect(problem.ok === false && problem.reason).toMatch(/disk is full/);
      expect(statuses.some((s) => s.workshopId === id && !s.ok && /disk is full/.test(s.error ?? ''))).toBe(true);
      // Nothing is announced as saved that is not on disk…
      expect(saved.clock()).toBeLessThan(Y.getState(doc.store, doc.clientID));
      // …and the edits are still live for everyone.
      await waitFor(() => during.every((c) => itemsMap(plain.doc).has(c)), 5000, 'edits reach others');
      // A client joining now hears about the problem straight away.
      const late = connectClient(h.wsUrl, id, tokens.viewer, new Y.Doc(), { ext: true });
      const lateStatus = followSaveStatus(late);
      await waitFor(() => lateStatus.some((s) => !s.ok), 5000, 'late joiner told');

      rmSync(filler);
      await waitFor(() => editorStatus.at(-1)?.ok === true && otherStatus.at(-1)?.ok === true, 15_000, 'saving resumes by itself');
      await waitFor(() => saved.clock() === Y.getState(doc.store, doc.clientID), 10_000, 'everything saved');
      expect(saved.clock()).toBeGreaterThan(acknowledged);
      expect(statuses.at(-1)).toEqual({ workshopId: id, ok: true });
      for (const p of [editor, other, plain, late]) p.destroy();
      await h.stop();

      // Everything is in the file.
      const file = h.relay.store.open(id);
      const reloaded = new Y.Doc();
      file.loadInto(reloaded);
      file.close();
      expect(cardsMap(reloaded).has(before)).toBe(true);
      for (const item of during) expect(itemsMap(reloaded).has(item), item).toBe(true);
      expect(itemText(reloaded, during[7]!, 'description').length).toBe(9_900);
    } finally {
      await h.stop().catch(() => {});
    }
  }, 60_000);
});
