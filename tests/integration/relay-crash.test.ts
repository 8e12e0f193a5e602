// kill -9 of the relay in the middle of an edit burst. The relay reports an edit as saved only
// once SQLite has committed it with synchronous=FULL, so every edit it acknowledged must be in
// the workshop when the relay starts again on the same data folder; the client, which kept
// its own copy, then brings back the rest.
import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { connectClient, createWorkshop, removeDir, sleep, trackSaved, waitFor } from '../support/relay-harness';
import { bundleRelay, startRelayProcess, type RelayProcess } from '../support/relay-process';
import { addCard, cardsMap, setCardText } from '../../shared/doc';

let bundle: string;
const running: RelayProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  bundle = await bundleRelay();
}, 60_000);

afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGKILL');
      await r.exited;
    }
  }
  for (const d of dirs.splice(0)) removeDir(d);
});

async function start(dataDir: string): Promise<RelayProcess> {
  const r = await startRelayProcess(bundle, dataDir);
  running.push(r);
  return r;
}

/** edits the burst may run ahead of what the relay has acknowledged */
const MAX_AHEAD = 600;

interface Edit {
  /** the client's own clock once the edit was made */
  clock: number;
  cardId: string;
  text: string;
}

describe('relay crash', () => {
  it('loses no saved edit when killed with SIGKILL mid-burst', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'slc-crash-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const { id, tokens } = await createWorkshop(first.url, 'Crash');

    const doc = new Y.Doc();
    const editor = connectClient(first.wsUrl, id, tokens.participant, doc, { ext: true });
    const saved = trackSaved(editor);
    await waitFor(() => editor.synced, 5000, 'editor synced');

    // A burst: new cards and rewrites of earlier ones, a few per event-loop turn, so the relay
    // is always mid-batch. The kill lands once a good number of edits are known to be saved.
    const edits: Edit[] = [];
    const latestText = new Map<string, Edit>();
    let killedAt = -1;
    let n = 0;
    while (killedAt < 0 || n < killedAt + 50) {
      for (let k = 0; k < 3; k++, n++) {
        let edit: Edit;
        const cards = [...latestText.keys()];
        if (cards.length > 5 && n % 4 === 0) {
          const cardId = cards[n % cards.length]!;
          setCardText(doc, cardId, `rewrite ${n}`);
          edit = { clock: Y.getState(doc.store, doc.clientID), cardId, text: `rewrite ${n}` };
        } else {
          const cardId = addCard(doc, { kind: 'priority', text: `edit ${n}`, domainId: 'innovation-and-improvement', position: { x: n, y: 0 } });
          edit = { clock: Y.getState(doc.store, doc.clientID), cardId, text: `edit ${n}` };
        }
        edits.push(edit);
        latestText.set(edit.cardId, edit);
      }
      // Keep at most a few hundred edits ahead of the relay's acknowledgements. On a loaded
      // machine the burst would otherwise run thousands of edits ahead, and the catch-up after
      // the restart would outgrow one message (the relay refuses those with 1009).
      const ahead = edits.length - edits.filter((e) => e.clock <= saved.clock()).length;
      await (ahead > MAX_AHEAD ? sleep(5) : new Promise((resolve) => setImmediate(resolve)));
      if (killedAt < 0 && saved.clock() > 0 && edits.filter((e) => e.clock <= saved.clock()).length >= 300) {
        first.child.kill('SIGKILL');
        killedAt = n;
      }
      if (n > 20_000) throw new Error('the relay never acknowledged enough edits');
    }
    expect(await first.exited).toBe('SIGKILL');
    // The bundled relay committed on its save worker thread, not a main-thread fallback.
    expect(first.output()).not.toMatch(/save worker|main thread/);
    await waitFor(() => !editor.wsconnected, 5000, 'editor to notice the relay is gone');
    // Stop the editor from bringing its copy back, so the restarted relay shows only its file.
    editor.disconnect();
    const savedClock = saved.clock();
    const acknowledged = edits.filter((e) => e.clock <= savedClock);
    const unacknowledged = edits.length - acknowledged.length;
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(unacknowledged, 'edits made after the last acknowledgement (the kill was mid-burst)').toBeGreaterThan(0);

    const second = await start(dataDir);
    const checker = connectClient(second.wsUrl, id, tokens.viewer);
    await waitFor(() => checker.synced, 5000, 'checker synced');
    const restored = checker.doc;
    expect(Y.getState(restored.store, doc.clientID)).toBeGreaterThanOrEqual(savedClock);
    // Every acknowledged edit is there: each card it made exists, and each card's text is at
    // least as new as the newest acknowledged edit of it.
    const newestSaved = new Map<string, Edit>();
    for (const e of acknowledged) newestSaved.set(e.cardId, e);
    const lost: string[] = [];
    for (const [cardId, e] of newestSaved) {
      const card = cardsMap(restored).get(cardId);
      const text = card?.get('text')?.toString();
      const laterEdit = edits.find((x) => x.cardId === cardId && x.clock > e.clock && x.text === text);
      if (!card || (text !== e.text && !laterEdit)) lost.push(`${cardId}: expected "${e.text}", found ${card ? `"${String(text)}"` : 'no card'}`);
    }
    expect(lost).toEqual([]);

    // The client kept everything, saved or not: reconnecting brings the rest to the new relay.
    // The same person (the ticket the first relay issued) with the same doc, as the app reconnects.
    const back = connectClient(second.wsUrl, id, tokens.participant, doc, { ext: true, voter: editor.params.voter });
    const savedAgain = trackSaved(back);
    const catchUpBytes = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(restored)).length;
    await waitFor(
      () => savedAgain.clock() >= Y.getState(doc.store, doc.clientID),
      10_000,
      `all edits saved after restart (${unacknowledged} unacknowledged, a ${catchUpBytes}-byte catch-up)`,
    );
    await waitFor(() => cardsMap(restored).size === cardsMap(doc).size, 5000, 'checker sees every card');
    for (const [cardId, e] of latestText) expect(cardsMap(restored).get(cardId)?.get('text')?.toString()).toBe(e.text);
    checker.destroy();
    back.destroy();
    editor.destroy();
    await sleep(50);
  });
});
