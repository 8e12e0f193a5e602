// How the workshop doc model (shared/doc) copes with a board far larger than a real workshop:
// 2,000 cards and 50,000 edits, each written the way the app writes them (one transaction per
// user action). Run with `npm run bench -- doc`; results go to docs/benchmarks.md.
import * as Y from 'yjs';
import { frameworkIndex } from '../../shared/framework';
import { lensIds } from '../../shared/framework/schema';
import { initWorkshop, addCard, moveEntry, setCardText, setTag, cardsMap, readCard, type CardView } from '../../shared/doc';
import type { BenchResult, BenchCell } from './bench-types';
import { prng } from '../support/prng';

const CARDS = 2_000;
const EDITS = 50_000;
const PARTICIPANTS = 12;
const FAST_RUNS = 5;
const SLOW_RUNS = 3;

const domains = frameworkIndex.framework.domains;
const tagsByDomain = new Map(domains.map((d) => [d.id, [...d.roles, ...d.behaviours].map((e) => e.id)]));

function pick<T>(rand: () => number, list: readonly T[]): T {
  const v = list[Math.floor(rand() * list.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const now = (): number => performance.now();

interface Timing {
  runs: number;
  median: number;
  min: number;
  max: number;
}

function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runs: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Runs `setup` untimed and `step` timed, `runs` times, with a gc before each timed step. */
function measure<S, R>(runs: number, setup: () => S, step: (state: S) => R): { timing: Timing; last: R } {
  const samples: number[] = [];
  let last: R | undefined;
  for (let i = 0; i < runs; i++) {
    const state = setup();
    gc();
    const t0 = now();
    last = step(state);
    samples.push(now() - t0);
  }
  return { timing: summarise(samples), last: last as R };
}

const ms = (n: number): number => Math.round(n * 10) / 10;
const kib = (bytes: number): string => `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} KiB`;
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MiB`;

function row(step: string, timing: Timing | null, result: string): Record<string, BenchCell> {
  if (!timing) return { step, result }; // untimed rows leave the timing cells empty
  return { step, runs: timing.runs, 'median (ms)': ms(timing.median), 'min–max (ms)': `${ms(timing.min)}–${ms(timing.max)}`, result };
}

function createBoard(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Benchmark workshop', footprint: 'Bench ICS', academyId: '', date: '2024-01-01' });
  const rand = prng(1);
  const ids: string[] = [];
  for (let i = 0; i < CARDS; i++) {
    const domain = pick(rand, domains);
    ids.push(
      addCard(
        doc,
        {
          kind: pick(rand, lensIds),
          text: `Card ${i}: ${pick(rand, ['Director of public health', 'Reduce delayed discharges', 'West Cumbria', 'Joined-up urgent care'])}`,
          domainId: domain.id,
          position: { x: Math.round(rand() * 1200), y: Math.round(rand() * 800) },
          author: `Participant ${i % PARTICIPANTS}`,
          organisation: `Organisation ${i % 10}`,
        },
        'local',
      ),
    );
  }
  return { doc, ids };
}

/** The edit mix: 40% moves (a third of them into another domain), 35% text edits, 25% tag toggles. */
function applyEdits(doc: Y.Doc, ids: readonly string[], participants: number): void {
  const rand = prng(2);
  // Random 32-bit ids like Yjs's own (small ids would encode shorter and flatter the sizes).
  const clients = Array.from({ length: participants }, () => Math.floor(rand() * 2 ** 32) >>> 0);
  for (let i = 0; i < EDITS; i++) {
    // Many participants: each edit is written under one of their client ids, as the merged doc
    // of a real session would hold them (Yjs packs consecutive edits of one client tighter).
    if (participants > 1) doc.clientID = pick(rand, clients);
    const id = pick(rand, ids);
    const r = rand();
    if (r < 0.4) {
      const current = cardsMap(doc).get(id)!.get('domainId') as string;
      const domainId = rand() < 1 / 3 ? pick(rand, domains).id : current;
      moveEntry(doc, id, { x: rand() * 1200, y: rand() * 800 }, domainId, 'local');
    } else if (r < 0.75) {
      setCardText(doc, id, `Edited ${i}: ${pick(rand, ['people', 'priority', 'place', 'purpose'])} ${Math.floor(rand() * 1e6)}`, 'local');
    } else {
      const domainId = cardsMap(doc).get(id)!.get('domainId') as string;
      setTag(doc, id, pick(rand, tagsByDomain.get(domainId) ?? ['tag']), rand() < 0.6, 'local');
    }
  }
}

function readAll(doc: Y.Doc): CardView[] {
  const out: CardView[] = [];
  for (const [id, e] of cardsMap(doc)) out.push(readCard(id, e));
  return out;
}

/** Steps 1–5; returns the edited doc's update and nothing else, so the heap figure is not inflated by docs kept alive here. */
function timedSteps(rows: Array<Record<string, BenchCell>>): Uint8Array {
  // 1. Create 2,000 cards, one transaction each.
  const created = measure(
    FAST_RUNS,
    () => null,
    () => createBoard(),
  );
  const board = created.last;
  const createdUpdate = Y.encodeStateAsUpdate(board.doc);
  rows.push(row(`Create ${CARDS.toLocaleString('en-GB')} cards (addCard, one transaction each)`, created.timing, `${kib(createdUpdate.byteLength)} encoded`));

  // 2. Apply 50,000 edits to that board, one transaction each: by one participant, then spread over twelve.
  const fresh = (): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, createdUpdate);
    return doc;
  };
  let edited: Y.Doc | undefined;
  for (const participants of [1, PARTICIPANTS]) {
    const m = measure(SLOW_RUNS, fresh, (doc) => {
      applyEdits(doc, board.ids, participants);
      return doc;
    });
    const size = Y.encodeStateAsUpdate(m.last).byteLength;
    const who = participants === 1 ? 'one participant' : `${participants} participants`;
    rows.push(
      row(
        `Apply ${EDITS.toLocaleString('en-GB')} edits from ${who} (move/setCardText/setTag, one transaction each)`,
        m.timing,
        `${((m.timing.median * 1000) / EDITS).toFixed(1)} µs/edit; ${kib(size)} encoded after`,
      ),
    );
    edited = m.last; // the twelve-participant doc is the realistic one: later steps use it
  }
  const doc = edited!;

  // 3. Encode the edited doc.
  const encoded = measure(
    FAST_RUNS,
    () => null,
    () => Y.encodeStateAsUpdate(doc),
  );
  const update = encoded.last;
  const v2 = Y.encodeStateAsUpdateV2(doc).byteLength;
  rows.push(row('Encode (Y.encodeStateAsUpdate) the edited doc', encoded.timing, `${kib(update.byteLength)} (V2 encoding: ${kib(v2)})`));

  // 4. Load it into a fresh doc.
  const loaded = measure(
    FAST_RUNS,
    () => new Y.Doc(),
    (target) => {
      Y.applyUpdate(target, update);
      return target;
    },
  );
  rows.push(row('Load (Y.applyUpdate into a fresh doc)', loaded.timing, `${cardsMap(loaded.last).size.toLocaleString('en-GB')} cards`));

  // 5. Read every card as a snapshot.
  const read = measure(
    FAST_RUNS,
    () => null,
    () => readAll(loaded.last),
  );
  rows.push(
    row(
      `Read all snapshots (readCard × ${read.last.length.toLocaleString('en-GB')})`,
      read.timing,
      `${((read.timing.median * 1000) / read.last.length).toFixed(2)} µs/card`,
    ),
  );
  return update;
}

export default async function run(): Promise<BenchResult> {
  const rows: Array<Record<string, BenchCell>> = [];
  const update = timedSteps(rows);

  // 6. Heap after load: what one loaded copy of this doc costs.
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = new Y.Doc();
  Y.applyUpdate(held, update);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  rows.push(row('Heap used after load (process.memoryUsage().heapUsed after gc)', null, `${mib(after)} (the loaded doc ≈ ${mib(after - before)} of it)`));
  if (cardsMap(held).size !== CARDS) throw new Error('the loaded doc lost cards');

  return {
    title: 'Workshop doc model (Yjs): 2,000 cards, 50,000 edits',
    method: [
      `Real doc model from \`shared/doc\`, bundled with esbuild, run in its own \`node --expose-gc\` process.`,
      `Cards are added with \`addCard\` and edited with \`moveEntry\` (40%, a third of them into another domain), \`setCardText\` (35%) and \`setTag\` (25%) on random cards from a seeded PRNG, each call its own transaction as a user action would be.`,
      `The edits are timed twice, written by one client id and spread over ${PARTICIPANTS} client ids (as in a live session; encode/load/read use this doc).`,
      `Each timed step runs ${FAST_RUNS} times (edits ${SLOW_RUNS} times, each on a fresh copy of the 2,000-card board) after a gc; the table gives the median and range.`,
    ].join(' '),
    rows,
    notes: [
      `A real workshop holds tens of cards (the sample has 30 cards and 8 plan items), so these sizes are ~70× a real board and ~100× its edits.`,
      'Encoded sizes include the tombstones of overwritten values (Yjs keeps deleted items as compact deletion ranges); that history is what makes offline merges possible.',
      'Heap: `heapUsed` with only the encoded update and the loaded doc alive (the rest is the framework data, Yjs and the runtime); "the loaded doc" is the growth from loading it (two gc passes either side). Memory outside the JS heap is not counted.',
    ],
  };
}
