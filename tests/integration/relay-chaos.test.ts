// Six stock y-websocket clients edit one workshop at random through the shared doc writers
// while dropping and restoring their connections at random. When the storm is over, every
// client, the relay's room and the file the room reloads from must hold the same workshop.
import { describe, it, expect, afterEach } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { startHarness, connectClient, waitFor, sleep, removeDir, type Harness } from '../support/relay-harness';
import { frameworkIndex } from '../../shared/framework';
import { lensIds } from '../../shared/framework/schema';
import {
  addCard,
  addLink,
  addPlanItem,
  cardsMap,
  itemsMap,
  linksMap,
  deleteEntry,
  moveEntry,
  readCard,
  readLink,
  readMeta,
  readPlanItem,
  replaceItemText,
  setCardText,
  setItemScalar,
  setTag,
} from '../../shared/doc';
import { prng } from '../support/prng';

const CLIENTS = 6;
const STORM_MS = 3000;
const SEED = Number(process.env.SLC_CHAOS_SEED ?? 20261126);

const domains = frameworkIndex.framework.domains;
const interventions = domains.flatMap((d) => d.interventions.map((i) => ({ id: i.id, domainId: d.id })));
const tagsByDomain = new Map(domains.map((d) => [d.id, [...d.roles, ...d.behaviours].map((e) => e.id)]));

function pick<T>(rand: () => number, list: readonly T[]): T | undefined {
  return list.length ? list[Math.floor(rand() * list.length)] : undefined;
}

/** The workshop as the app reads it: plain snapshots, sorted, so two docs can be compared. */
function snapshot(doc: Y.Doc): unknown {
  const sortById = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    cards: sortById(new Map(cardsMap(doc))).map(([id, e]) => readCard(id, e)),
    items: sortById(new Map(itemsMap(doc))).map(([id, e]) => readPlanItem(id, e, frameworkIndex)),
    links: sortById(new Map(linksMap(doc))).map(([id, e]) => readLink(id, e)),
    meta: readMeta(doc),
    // Raw content too, so nothing the readers skip can differ unnoticed.
    raw: { cards: cardsMap(doc).toJSON(), items: itemsMap(doc).toJSON(), links: linksMap(doc).toJSON() },
  };
}

function stateVector(doc: Y.Doc): Record<string, number> {
  return Object.fromEntries([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b));
}

/** One random user action through the shared writers, as the app would make it. */
function randomEdit(doc: Y.Doc, rand: () => number, n: number): string {
  const cardIds = [...cardsMap(doc).keys()];
  const itemIds = [...itemsMap(doc).keys()];
  const entryIds = [...cardIds, ...itemIds];
  const domain = pick(rand, domains)!;
  const r = rand();
  if (r < 0.22 || entryIds.length < 3) {
    addCard(doc, { kind: pick(rand, lensIds)!, text: `card ${n}`, domainId: domain.id, position: { x: rand() * 800, y: rand() * 600 } });
    return 'addCard';
  }
  if (r < 0.3) {
    const iv = pick(rand, interventions)!;
    addPlanItem(doc, { interventionId: iv.id, domainId: iv.domainId, position: { x: rand() * 800, y: rand() * 600 } });
    return 'addPlanItem';
  }
  if (r < 0.48) {
    moveEntry(doc, pick(rand, entryIds)!, { x: rand() * 800, y: rand() * 600 }, domain.id);
    return 'moveEntry';
  }
  if (r < 0.62 && cardIds.length) {
    setCardText(doc, pick(rand, cardIds)!, `text ${n} ${rand().toString(36).slice(2, 8)}`);
    return 'setCardText';
  }
  if (r < 0.74) {
    const id = pick(rand, entryIds)!;
    const entryDomain = String((cardsMap(doc).get(id) ?? itemsMap(doc).get(id))?.get('domainId') ?? domain.id);
    setTag(doc, id, pick(rand, tagsByDomain.get(entryDomain) ?? tagsByDomain.get(domain.id)!)!, rand() < 0.7);
    return 'setTag';
  }
  if (r < 0.84) {
    addLink(doc, pick(rand, entryIds)!, pick(rand, entryIds)!);
    return 'addLink';
  }
  if (r < 0.9 && itemIds.length) {
    const id = pick(rand, itemIds)!;
    if (rand() < 0.5) replaceItemText(doc, id, 'measuresOfSuccess', `measure ${n}`);
    else setItemScalar(doc, id, 'owner', `owner ${n}`);
    return 'editPlanItem';
  }
  if (r < 0.96) {
    deleteEntry(doc, pick(rand, entryIds)!);
    return 'deleteEntry';
  }
  setCardText(doc, pick(rand, cardIds.length ? cardIds : entryIds)!, '');
  return 'setCardText';
}

let h: Harness;
afterEach(async () => {
  await h?.stop();
  if (h) removeDir(h.dataDir);
});

describe('relay under random edits and reconnects', () => {
  it(`${CLIENTS} clients converge with each other, the relay and the saved file`, async () => {
    h = await startHarness();
    const { id, tokens } = h.relay.store.create({ title: 'Chaos', footprint: 'Riverside', academyId: '', date: '' });
    const rand = prng(SEED);
    const providers: WebsocketProvider[] = [];
    for (let i = 0; i < CLIENTS; i++) providers.push(connectClient(h.wsUrl, id, tokens.participant, new Y.Doc(), { ext: i % 2 === 0, maxBackoffTime: 100 }));
    await waitFor(() => providers.every((p) => p.synced), 5000, 'all synced');

    const counts = new Map<string, number>();
    let reconnects = 0;
    let n = 0;
    let wentDark = false;
    const started = Date.now();
    while (Date.now() - started < STORM_MS) {
      if (!wentDark && Date.now() - started > STORM_MS / 2) {
        // Halfway, everyone drops at once: the room is saved and unloaded while clients keep
        // editing offline, and reloaded from its file when they come back one by one.
        wentDark = true;
        for (const p of providers) p.disconnect();
        await waitFor(() => !h.relay.rooms.has(id), 5000, 'room unloaded mid-storm');
      }
      const p = pick(rand, providers)!;
      if (rand() < 0.06) {
        if (p.shouldConnect) p.disconnect();
        else {
          p.connect();
          reconnects++;
        }
      } else {
        const kind = randomEdit(p.doc, rand, n++);
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
      // Mostly back-to-back edits, with pauses that let some syncs finish in between.
      if (rand() < 0.3) await sleep(Math.floor(rand() * 6));
      else await new Promise((resolve) => setImmediate(resolve));
    }

    if (process.env.SLC_CHAOS_DEBUG) console.log(n, reconnects, counts);
    for (const p of providers) if (!p.shouldConnect) p.connect();
    const room = () => h.relay.rooms.get(id);
    const target = () => JSON.stringify(stateVector(room()!.doc));
    await waitFor(
      () =>
        providers.every((p) => p.wsconnected && p.synced) && room() !== undefined && providers.every((p) => JSON.stringify(stateVector(p.doc)) === target()),
      15_000,
      'every client to reach the relay’s state',
    );

    const expected = snapshot(room()!.doc);
    for (const p of providers) {
      expect(stateVector(p.doc)).toEqual(stateVector(room()!.doc));
      expect(snapshot(p.doc)).toEqual(expected);
    }
    // The storm really exercised every writer and reconnects, not just a few calls.
    for (const kind of ['addCard', 'addPlanItem', 'moveEntry', 'setCardText', 'setTag', 'addLink', 'deleteEntry', 'editPlanItem']) {
      expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(5);
    }
    expect(reconnects).toBeGreaterThan(10);
    expect(wentDark).toBe(true);
    expect(cardsMap(room()!.doc).size).toBeGreaterThan(0);

    // Everyone leaves: the room is saved and unloaded, and what it reloads is the same workshop.
    for (const p of providers) p.destroy();
    await waitFor(() => room() === undefined, 5000, 'room unloaded');
    const fresh = connectClient(h.wsUrl, id, tokens.viewer);
    await waitFor(() => fresh.synced, 5000, 'fresh client synced');
    expect(snapshot(fresh.doc)).toEqual(expected);
    fresh.destroy();
  });
});
