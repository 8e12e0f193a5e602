// A structure-aware fuzz of the relay's edit admission (server/edit-admission.ts, schema-gate.ts,
// update-gate.ts), on loopback: the real relay runs in its own process (default limits), three
// honest stock y-websocket clients edit a workshop holding the worked example at a person's pace
// (each with its own voter ticket, so a reconnect is the same person), and one hostile link
// holder sends well over 10,000 mutated but well-formed Yjs updates, drawn from a seeded PRNG,
// reconnecting whenever it is closed. The point is what the honest people see at the end: every
// edit the relay acknowledged as saved is in the relay's doc, and all copies agree.
// Run with `npm run bench -- relay-fuzz`; results go to docs/benchmarks.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { startRelay } from '../../server/relay';
import { VoterTickets } from '../../server/voter-tickets';
import { MessageType } from '../../shared/protocol';
import { decodeControlJson } from '../../shared/relay-messages';
import { addCard, addPlanItem, cardsMap, itemsMap, itemText, metaMap, moveEntry, readCard, setCardText, setTag } from '../../shared/doc';
import type { AnyType } from '../../shared/doc/yjs-internals';
import { prng } from '../support/prng';
import { seedWithSample } from './relay-bench-support';
import { awarenessMessage, syncStep1Message, updateMessage } from '../support/raw-client';
import type { BenchCell, BenchResult } from './bench-types';

const SEED = Number(process.env.SLC_FUZZ_SEED ?? 20261201);
/** hostile messages to send at least */
const TARGET_MESSAGES = Number(process.env.SLC_FUZZ_MESSAGES ?? 10_000);
/** the fuzz phase stops here even if the target was not reached (reported as such) */
const FUZZ_LIMIT_MS = 300_000;
/** hostile messages built in one copy of the room before it is copied afresh */
const WORK_DOC_USES = 20;
/** pause after each hostile message (or until the relay answers it): keeps it under 200 messages/s */
const FUZZ_GAP_MS = 3;
const HONEST = 3;
const HONEST_CARDS = 6;
const HONEST_OFFLINE_EVERY_MS = 25_000;
const HONEST_OFFLINE_MS = 2_500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (line: string): void => void (process.env.SLC_BENCH_DEBUG && console.error(`[relay-fuzz] ${line}`));

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) return false;
    await sleep(20);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The relay process

type RelayRequest = { type: 'create' } | { type: 'state'; id: string };

async function relayProcess(): Promise<never> {
  process.setMaxListeners(0);
  // The bench that started this relay has gone (finished or crashed): so does the relay.
  process.on('disconnect', () => process.exit(0));
  const dataDir = process.env.SLC_FUZZ_DATA!;
  const unusual: string[] = [];
  let closings = 0;
  const relay = await startRelay({
    dataDir,
    log: (line) => {
      // A refusal closing a socket is the expected answer to most hostile messages; anything else is kept.
      if (/closing a \w+ connection \(\d+\)/.test(line)) closings++;
      else if (unusual.length < 200) unusual.push(line.slice(0, 600));
    },
  });
  process.on('message', (req: RelayRequest) => {
    if (req.type === 'create') {
      const created = relay.store.create({ title: 'Fuzz', footprint: 'Bench ICS', academyId: '', date: '' });
      seedWithSample(relay, created.id);
      process.send!({ type: 'created', workshop: created });
    } else if (req.type === 'state') {
      const room = relay.rooms.get(req.id);
      const m = process.memoryUsage();
      process.send!({
        type: 'state',
        update: room ? Buffer.from(Y.encodeStateAsUpdate(room.doc)).toString('base64') : null,
        relayClient: room?.doc.clientID ?? -1,
        unusual,
        closings,
        rss: m.rss,
      });
    }
  });
  process.send!({ type: 'ready', url: relay.url, wsUrl: relay.url.replace('http', 'ws') + '/ws' });
  return new Promise<never>(() => {});
}

class RelayChild {
  exit: { code: number | null; signal: string | null } | null = null;
  private waiting: ((m: Record<string, unknown>) => void) | null = null;
  private constructor(
    readonly child: ChildProcess,
    readonly wsUrl: string,
  ) {
    child.on('message', (m) => {
      const w = this.waiting;
      this.waiting = null;
      w?.(m as Record<string, unknown>);
    });
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      const w = this.waiting;
      this.waiting = null;
      w?.({ type: 'exited' });
    });
  }

  static async start(dataDir: string): Promise<RelayChild> {
    const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', process.argv[1]!], {
      env: { ...process.env, SLC_BENCH_ROLE: 'fuzz-relay', SLC_FUZZ_DATA: dataDir },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const ready = await new Promise<{ wsUrl: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { wsUrl: string }));
      child.once('exit', (code) => reject(new Error(`relay process exited (${code}) before it was ready`)));
    });
    return new RelayChild(child, ready.wsUrl);
  }

  request<T>(req: RelayRequest, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.exit) return reject(new Error('the relay process has exited'));
      const timer = setTimeout(() => reject(new Error(`no reply to ${req.type}`)), timeoutMs);
      this.waiting = (m) => {
        clearTimeout(timer);
        if (m.type === 'exited') reject(new Error('the relay process exited'));
        else resolve(m as T);
      };
      this.child.send(req);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Honest people

const domains = ['individual-effectiveness', 'innovation-and-improvement'];

class Honest {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly rand: () => number;
  /** what this person last wrote on each of their own cards */
  readonly cards = new Map<string, { text: string; x: number; y: number; domainId: string }>();
  itemId = '';
  /** everything this person typed into their plan item's description, in order */
  typed = '';
  /** the clocks of what they typed there: each insert's first clock and length */
  readonly typedClocks: Array<{ clock: number; len: number }> = [];
  savedClock = 0;
  edits = 0;
  /** the highest own clock at the time of each edit, to count how many the relay acknowledged */
  readonly editEnds: number[] = [];
  /** close codes of connections this person did not close themselves */
  readonly closes: number[] = [];
  private intentional = false;
  offline = false;

  constructor(
    readonly n: number,
    wsUrl: string,
    room: string,
    token: string,
    voter: string,
  ) {
    this.rand = prng(SEED + 1000 * (n + 1));
    this.provider = new WebsocketProvider(wsUrl, room, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token, ext: '1', voter },
      disableBc: true,
      maxBackoffTime: 300,
    });
    const p = this.provider;
    p.messageHandlers[MessageType.welcome] = (_enc, decoder) => void decoding.readVarString(decoder);
    p.messageHandlers[MessageType.saved] = (_enc, decoder) => {
      const sv = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      this.savedClock = Math.max(this.savedClock, sv.get(this.doc.clientID) ?? 0);
    };
    p.messageHandlers[MessageType.control] = (_enc, decoder) => {
      const msg = decodeControlJson(decoder) as { kind?: string; voterId?: string };
      if (msg.kind === 'voter' && msg.voterId) p.params = { ...p.params, voter: msg.voterId };
    };
    p.on('connection-close', (event: { code?: number } | null) => {
      if (!this.intentional) this.closes.push(event?.code ?? -1);
    });
    p.awareness.setLocalStateField('user', { name: `Honest ${n + 1}` });
  }

  get clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  acknowledged(): number {
    return this.editEnds.filter((end) => end <= this.savedClock).length;
  }

  /** One edit at a person's pace: a new card, a rename, a move, or a few words typed. */
  step(): void {
    for (const id of this.cards.keys()) if (!cardsMap(this.doc).has(id)) this.cards.delete(id);
    if (this.itemId && !itemsMap(this.doc).has(this.itemId)) this.itemId = '';
    const r = this.rand();
    if (!this.itemId) {
      this.itemId = addPlanItem(this.doc, {
        interventionId: null,
        customTitle: `Plan of honest ${this.n + 1}`,
        domainId: domains[0]!,
        position: { x: 0, y: 0 },
      });
      this.typed = '';
      this.typedClocks.length = 0;
    } else if (this.cards.size < HONEST_CARDS) {
      const card = {
        text: `Honest ${this.n + 1} card ${this.edits}`,
        x: Math.round(this.rand() * 800),
        y: Math.round(this.rand() * 600),
        domainId: domains[this.n % 2]!,
      };
      const id = addCard(this.doc, { kind: 'people', text: card.text, domainId: card.domainId, position: { x: card.x, y: card.y } });
      this.cards.set(id, card);
    } else {
      const ids = [...this.cards.keys()];
      const id = ids[Math.floor(this.rand() * ids.length)]!;
      const card = this.cards.get(id)!;
      if (r < 0.4) {
        card.text = `Honest ${this.n + 1} renamed ${this.edits}: ${['reduce waits', 'share data', 'join up care', 'listen first'][Math.floor(this.rand() * 4)]}`;
        setCardText(this.doc, id, card.text);
      } else if (r < 0.6) {
        card.x = Math.round(this.rand() * 800);
        card.y = Math.round(this.rand() * 600);
        card.domainId = domains[Math.floor(this.rand() * 2)]!;
        moveEntry(this.doc, id, { x: card.x, y: card.y }, card.domainId);
      } else {
        // Typing: a few characters at a time at the end of the description, as a person types.
        const word = `${['we', 'will', 'test', 'the', 'new', 'pathway', 'with', 'partners'][Math.floor(this.rand() * 8)]} `;
        for (let i = 0; i < word.length; i += 3) {
          const t = itemText(this.doc, this.itemId, 'description');
          const part = word.slice(i, i + 3);
          this.typedClocks.push({ clock: this.clock, len: part.length });
          t.insert(t.length, part);
        }
        this.typed += word;
      }
    }
    this.edits++;
    this.editEnds.push(this.clock);
  }

  disconnect(): void {
    this.intentional = true;
    this.offline = true;
    this.provider.disconnect();
  }

  connect(): void {
    this.offline = false;
    this.provider.connect();
    setTimeout(() => (this.intentional = false), 500);
  }

  destroy(): void {
    this.intentional = true;
    this.provider.destroy();
    this.provider.awareness.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The hostile client

const KINDS = [
  'foreign-id',
  'future-clock',
  'gap',
  'delete-future',
  'delete-existing',
  'bare-gc',
  'deep-nesting',
  'unknown-field',
  'unknown-root',
  'huge-string',
  'relay-only',
  'text-format',
  'type-confusion',
  'valid-edit',
  'byte-mutation',
  'frame-mutation',
  'presence-claim',
] as const;
type Kind = (typeof KINDS)[number];
const WEIGHTS: Record<Kind, number> = {
  'foreign-id': 8,
  'future-clock': 7,
  gap: 6,
  'delete-future': 7,
  'delete-existing': 3,
  'bare-gc': 6,
  'deep-nesting': 4,
  'unknown-field': 8,
  'unknown-root': 5,
  'huge-string': 3,
  'relay-only': 6,
  'text-format': 6,
  'type-confusion': 6,
  'valid-edit': 5,
  'byte-mutation': 12,
  'frame-mutation': 4,
  'presence-claim': 3,
};
const WEIGHT_SUM = KINDS.reduce((s, k) => s + WEIGHTS[k], 0);

/** A raw V1 update with no structs and one delete range. */
function deleteSetOnly(client: number, clock: number, len: number): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  encoding.writeVarUint(enc, 1);
  encoding.writeVarUint(enc, client);
  encoding.writeVarUint(enc, 1);
  encoding.writeVarUint(enc, clock);
  encoding.writeVarUint(enc, len);
  return encoding.toUint8Array(enc);
}

/** A raw V1 update holding one bare GC range (and, optionally, a delete range of it). */
function bareGc(client: number, clock: number, len: number, alsoDelete: boolean): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 1); // one client
  encoding.writeVarUint(enc, 1); // one struct
  encoding.writeVarUint(enc, client);
  encoding.writeVarUint(enc, clock);
  encoding.writeUint8(enc, 0); // info: GC
  encoding.writeVarUint(enc, len);
  encoding.writeVarUint(enc, alsoDelete ? 1 : 0);
  if (alsoDelete) {
    encoding.writeVarUint(enc, client);
    encoding.writeVarUint(enc, 1);
    encoding.writeVarUint(enc, clock);
    encoding.writeVarUint(enc, len);
  }
  return encoding.toUint8Array(enc);
}

class Fuzzer {
  readonly rand = prng(SEED);
  readonly mirror = new Y.Doc();
  readonly presence = new awarenessProtocol.Awareness(new Y.Doc());
  ws: WebSocket | null = null;
  sent = 0;
  connections = 0;
  connectFailures = 0;
  readonly sentByKind = new Map<Kind, number>();
  readonly closes = new Map<number, number>();
  readonly closesByKind = new Map<string, number>();
  readonly refusedControl = new Map<Kind, number>();
  /** the last messages sent, for a report if something goes wrong */
  readonly recent: Array<{ i: number; kind: Kind; bytes: Uint8Array }> = [];
  /** delete ranges sent under the honest people's ids for clocks that exist (a participant may delete) */
  readonly honestDeletes: Array<{ client: number; clock: number; len: number }> = [];
  readonly suspects: Array<{ i: number; kind: Kind; code: number; bytes: Uint8Array }> = [];
  private lastKind: Kind = 'valid-edit';
  private answered: (() => void) | null = null;
  /** a ticket the fuzzer sometimes comes back with (one person, whose client ids add up) */
  constructor(
    private readonly url: string,
    private readonly ticket: string,
    readonly honestIds: () => Set<number>,
  ) {
    this.mirror.on('update', () => (this.mirrorState = null));
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  private kind(): Kind {
    let r = this.rand() * WEIGHT_SUM;
    for (const k of KINDS) {
      r -= WEIGHTS[k];
      if (r < 0) return k;
    }
    return 'valid-edit';
  }

  /** client ids the fuzzer has learnt from the room: its structs and its presence */
  knownIds(): number[] {
    return [...new Set([...this.mirror.store.clients.keys(), ...this.presence.getStates().keys()])].filter((c) => c !== this.presence.clientID);
  }

  /** ids the fuzzer introduced itself: the only ones the relay can have admitted content under from it */
  readonly ownIds = new Set<number>();

  private freshId(): number {
    const id = 1 + this.int(0xfffffffe);
    this.ownIds.add(id);
    return id;
  }

  private someId(): number {
    const known = this.knownIds();
    const honest = [...this.honestIds()].filter((c) => known.includes(c));
    const r = this.rand();
    if (r < 0.4 && honest.length) return this.pick(honest);
    if (r < 0.7 && known.length) return this.pick(known);
    return this.freshId();
  }

  private mirrorState: Uint8Array | null = null;

  private work: Y.Doc | null = null;
  private workUses = 0;

  /**
   * The doc an update is built in: a copy of the room as the fuzzer last saw it, set to write
   * under `clientID`. Copying the room for every message costs more than sending it, so one
   * copy serves WORK_DOC_USES messages (later ones may build on earlier refused ones, which
   * the relay sees as out of order: one more way to be wrong).
   */
  private scratch(clientID: number): Y.Doc {
    if (!this.work || ++this.workUses > WORK_DOC_USES) {
      this.work?.destroy();
      this.work = new Y.Doc();
      this.mirrorState ??= Y.encodeStateAsUpdate(this.mirror);
      Y.applyUpdate(this.work, this.mirrorState);
      this.workUses = 0;
    }
    this.work.clientID = clientID;
    return this.work;
  }

  private anyCard(d: Y.Doc): Y.Map<unknown> | null {
    const ids = [...cardsMap(d).keys()];
    return ids.length ? (cardsMap(d).get(this.pick(ids)) as Y.Map<unknown>) : null;
  }

  private anyItem(d: Y.Doc): Y.Map<unknown> | null {
    const ids = [...itemsMap(d).keys()];
    return ids.length ? (itemsMap(d).get(this.pick(ids)) as Y.Map<unknown>) : null;
  }

  /** A plausible edit (what a client would send), for the kinds that then misplace it. */
  private plausibleEdit(d: Y.Doc): void {
    const r = this.rand();
    const ids = [...cardsMap(d).keys()];
    if (r < 0.3 || ids.length === 0)
      addCard(d, { kind: 'people', text: `fuzz ${this.sent}`, domainId: this.pick(domains), position: { x: this.int(900), y: this.int(900) } });
    else if (r < 0.6) setCardText(d, this.pick(ids), `fuzz rename ${this.sent}`);
    else if (r < 0.8) moveEntry(d, this.pick(ids), { x: this.int(900), y: this.int(900) }, this.pick(domains));
    else {
      const item = this.anyItem(d);
      const t = item?.get('description');
      if (t instanceof Y.Text) t.insert(this.int(t.length + 1), 'fz');
      else setTag(d, this.pick(ids), 'role-x', true);
    }
  }

  /** Only the edit's own structs and deletions. */
  private diff(d: Y.Doc, edit: () => void): Uint8Array {
    const sv = Y.encodeStateVector(d);
    edit();
    return Y.encodeStateAsUpdate(d, sv);
  }

  private hugeString(n: number): string {
    const chunk = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\u{1F600}é\u0000\uFFFF';
    return chunk.repeat(Math.ceil(n / chunk.length)).slice(0, n);
  }

  private deep(d: Y.Doc): void {
    const depth = 100 + this.int(700);
    d.transact(() => {
      let parent: AnyType;
      const where = this.rand();
      const card = this.anyCard(d);
      const item = this.anyItem(d);
      if (where < 0.3 || !card) parent = d.getMap(`deep${this.int(3)}`);
      else if (where < 0.5) parent = card.get('tags') as Y.Map<unknown>;
      else if (where < 0.7 && item) parent = item.get('description') as Y.Text;
      else if (where < 0.85 && item) parent = item.get('organisations') as Y.Array<unknown>;
      else parent = card;
      for (let level = 0; level < depth; level++) {
        const r = this.rand();
        const child: AnyType = r < 0.5 ? new Y.Map() : r < 0.8 ? new Y.Array() : new Y.Text();
        if (parent instanceof Y.Map) parent.set(`k${level % 7}`, child);
        else if (parent instanceof Y.Array) parent.push([child]);
        else if (parent instanceof Y.Text) parent.insertEmbed(0, child as unknown as Record<string, unknown>);
        parent = child;
      }
      if (parent instanceof Y.Text) parent.insert(0, 'bottom');
    });
  }

  /** Builds one hostile message of the given kind. */
  build(kind: Kind): Uint8Array {
    switch (kind) {
      case 'foreign-id': {
        const d = this.scratch(this.someId());
        return updateMessage(this.diff(d, () => this.plausibleEdit(d)));
      }
      case 'future-clock': {
        const d = this.scratch(this.rand() < 0.6 ? this.freshId() : this.someId());
        const skips = 1 + this.int(5);
        for (let i = 0; i < skips; i++) this.plausibleEdit(d);
        return updateMessage(this.diff(d, () => this.plausibleEdit(d)));
      }
      case 'gap': {
        const d = this.scratch(this.rand() < 0.6 ? this.freshId() : this.someId());
        const parts = [0, 1, 2, 3].map(() => this.diff(d, () => this.plausibleEdit(d)));
        const keep = parts.filter((_, i) => i === 0 || this.rand() < 0.5);
        if (keep.length === parts.length) keep.splice(1 + this.int(parts.length - 1), 1);
        return updateMessage(Y.mergeUpdates(keep));
      }
      case 'delete-future': {
        const client = this.someId();
        const state = Y.getState(this.mirror.store, client);
        return updateMessage(deleteSetOnly(client, state + this.int(this.rand() < 0.5 ? 3 : 100_000), 1 + this.int(this.rand() < 0.5 ? 10 : 1_000_000)));
      }
      case 'delete-existing': {
        const known = this.knownIds().filter((c) => Y.getState(this.mirror.store, c) > 0);
        if (!known.length) return this.build('delete-future');
        const client = this.pick(known);
        const state = Y.getState(this.mirror.store, client);
        const clock = this.int(state);
        const len = 1 + this.int(Math.min(state - clock, this.rand() < 0.8 ? 4 : 1000));
        return updateMessage(deleteSetOnly(client, clock, len));
      }
      case 'bare-gc': {
        const r = this.rand();
        const client = r < 0.4 ? this.freshId() : this.someId();
        const state = Y.getState(this.mirror.store, client);
        const clock = r < 0.7 ? state : state + 1 + this.int(1000);
        return updateMessage(bareGc(client, clock, 1 + this.int(this.rand() < 0.5 ? 5 : 1_000_000), this.rand() < 0.3));
      }
      case 'deep-nesting': {
        const d = this.scratch(this.freshId());
        return updateMessage(this.diff(d, () => this.deep(d)));
      }
      case 'unknown-field': {
        const d = this.scratch(this.rand() < 0.8 ? this.freshId() : this.someId());
        return updateMessage(
          this.diff(d, () => {
            const names = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'textx', '', 'x'.repeat(300), `f${this.int(1000)}`];
            const target = this.pick([this.anyCard(d), this.anyItem(d), metaMap(d) as Y.Map<unknown>].filter((t): t is Y.Map<unknown> => t !== null));
            const value = this.pick<unknown>([1, 'v', true, null, { a: 1 }, [1, 2], new Uint8Array([1, 2, 3])]);
            target.set(this.pick(names), value);
          }),
        );
      }
      case 'unknown-root': {
        const d = this.scratch(this.freshId());
        return updateMessage(
          this.diff(d, () => {
            const name = this.pick(['evil', 'cardz', 'Cards', '', 'constructor', `root${this.int(100)}`]);
            const r = this.rand();
            if (r < 0.4) d.getMap(name).set('k', 'v');
            else if (r < 0.7) d.getArray(`${name}[]`).push([1, 'two']);
            else d.getText(`${name}~`).insert(0, 'text');
          }),
        );
      }
      case 'huge-string': {
        const d = this.scratch(this.freshId());
        const n = this.pick([501, 2001, 10_001, 60_000, 200_000]);
        return updateMessage(
          this.diff(d, () => {
            const r = this.rand();
            const card = this.anyCard(d);
            const item = this.anyItem(d);
            const words = card?.get('text');
            if (r < 0.3 && words instanceof Y.Text) words.insert(this.int(words.length + 1), this.hugeString(n));
            else if (r < 0.5 && item) (item.get('description') as Y.Text).insert(0, this.hugeString(Math.max(n, 10_001)));
            else if (r < 0.65) metaMap(d).set('title', this.hugeString(n));
            else if (r < 0.8) cardsMap(d).set(this.hugeString(65 + this.int(200)), new Y.Map());
            else if (card) (card.get('tags') as Y.Map<unknown>).set(this.hugeString(81 + this.int(500)), true);
          }),
        );
      }
      case 'relay-only': {
        const d = this.scratch(this.rand() < 0.8 ? this.freshId() : this.someId());
        return updateMessage(
          this.diff(d, () => {
            const r = this.rand();
            const card = this.anyCard(d);
            if (r < 0.45 && card) card.set('votes', { dots: this.int(100), voters: ['someone'] });
            else if (r < 0.8) metaMap(d).set('schemaVersion', this.pick([0, 1, 3, 99, -1, '2']));
            else metaMap(d).delete('schemaVersion');
          }),
        );
      }
      case 'text-format': {
        const d = this.scratch(this.freshId());
        return updateMessage(
          this.diff(d, () => {
            const item = this.anyItem(d);
            const t = item?.get('description');
            if (!(t instanceof Y.Text)) return void d.getText('notes').insert(0, 'x', { bold: true });
            const r = this.rand();
            if (r < 0.3) t.insert(this.int(t.length + 1), 'bold', { bold: true });
            else if (r < 0.55 && t.length > 2) t.format(0, Math.min(3, t.length), { italic: true });
            else if (r < 0.8) t.insertEmbed(this.int(t.length + 1), { image: 'https://example.invalid/x.png' });
            else t.insertEmbed(0, new Y.Map() as unknown as Record<string, unknown>);
          }),
        );
      }
      case 'type-confusion': {
        const d = this.scratch(this.freshId());
        return updateMessage(
          this.diff(d, () => {
            const r = this.rand();
            const card = this.anyCard(d);
            const item = this.anyItem(d);
            if (r < 0.1 && card) card.set('text', 'a plain value where a text belongs');
            else if (r < 0.2 && card) card.set('text', new Y.Text('a new text in place of the shared one'));
            else if (r < 0.4 && card) card.set('tags', 'not a map');
            else if (r < 0.55 && item) item.set('description', 'not a text');
            else if (r < 0.7) itemsMap(d).set(`p${this.int(1e6)}`, 'plain value' as unknown as Y.Map<unknown>);
            else if (r < 0.85) cardsMap(d).set(`c${this.int(1e6)}`, new Y.Array() as unknown as Y.Map<unknown>);
            else if (card) card.set('x', this.pick<unknown>([Number.NaN, 1e99, 'far', null]));
          }),
        );
      }
      case 'valid-edit': {
        // Under a new id of its own: the relay should admit these (a participant may add cards).
        const d = this.scratch(this.freshId());
        return updateMessage(
          this.diff(d, () =>
            addCard(d, { kind: 'place', text: `fuzz card ${this.sent}`, domainId: this.pick(domains), position: { x: this.int(900), y: this.int(900) } }),
          ),
        );
      }
      case 'byte-mutation': {
        const inner = this.pick<Kind>([
          'valid-edit',
          'foreign-id',
          'unknown-field',
          'relay-only',
          'text-format',
          'delete-existing',
          'bare-gc',
          'type-confusion',
        ]);
        const d = this.scratch(inner === 'foreign-id' ? this.someId() : this.freshId());
        let update: Uint8Array;
        if (inner === 'delete-existing' || inner === 'bare-gc') update = decoding.readVarUint8Array(decoding.createDecoder(this.build(inner).subarray(2)));
        else update = this.diff(d, () => this.plausibleEdit(d));
        return updateMessage(this.mutateBytes(update));
      }
      case 'frame-mutation': {
        const d = this.scratch(this.freshId());
        const m = this.rand() < 0.5 ? syncStep1Message(d) : updateMessage(this.diff(d, () => this.plausibleEdit(d)));
        return this.mutateBytes(m);
      }
      case 'presence-claim': {
        const id = this.someId();
        return awarenessMessage([{ clientID: id, clock: this.int(1000), json: this.rand() < 0.8 ? JSON.stringify({ user: { name: 'Not me' } }) : '{"user":' }]);
      }
    }
  }

  /**
   * Remembers the delete ranges a message names under the honest people's ids, whatever kind
   * built it (a byte mutation can turn an insert into a deletion): deleting characters or cards
   * that exist is an edit any participant may make, so what these cover is not a loss.
   */
  private noteHonestDeletions(bytes: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) !== MessageType.sync || decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) return;
      const { ds } = Y.decodeUpdate(decoding.readVarUint8Array(decoder));
      for (const [client, ranges] of ds.clients)
        if (this.honestIds().has(client)) for (const r of ranges) this.honestDeletes.push({ client, clock: r.clock, len: r.len });
    } catch {
      // Not a readable update: it deletes nothing.
    }
  }

  /** Whether some hostile message named this clock of this client for deletion. */
  deletionSent(client: number, clock: number): boolean {
    return this.honestDeletes.some((d) => d.client === client && clock >= d.clock && clock < d.clock + d.len);
  }

  private mutateBytes(src: Uint8Array): Uint8Array {
    const b = Array.from(src);
    const times = 1 + this.int(4);
    for (let t = 0; t < times; t++) {
      const r = this.rand();
      const at = this.int(b.length + 1);
      if (r < 0.35 && b.length) b[Math.min(at, b.length - 1)] = this.int(256);
      else if (r < 0.5 && b.length) b[Math.min(at, b.length - 1)]! ^= 1 << this.int(8);
      else if (r < 0.65) b.splice(at, 0, ...Array.from({ length: 1 + this.int(8) }, () => this.int(256)));
      else if (r < 0.8) b.splice(at, 1 + this.int(8));
      else if (r < 0.9) b.length = Math.max(1, at);
      else b.splice(at, 0, ...b.slice(this.int(b.length), this.int(b.length) + 16));
    }
    return new Uint8Array(b);
  }

  readonly time = { connect: 0, build: 0, wait: 0 };
  readonly buildMs = new Map<Kind, number>();

  private async connect(): Promise<void> {
    const withTicket = this.rand() < 0.3;
    const url = `${this.url}&ext=1${withTicket ? `&voter=${this.ticket}` : ''}`;
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
      const key = `${code} after ${this.lastKind}`;
      this.closesByKind.set(key, (this.closesByKind.get(key) ?? 0) + 1);
      if (code === 4500 || code === 1011 || code === 1006) {
        const last = this.recent[this.recent.length - 1];
        if (last && this.suspects.length < 50) this.suspects.push({ ...last, code });
      }
      const a = this.answered;
      this.answered = null;
      a?.();
    });
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    if (!opened) {
      this.connectFailures++;
      await sleep(50);
      return;
    }
    this.ws = ws;
    this.connections++;
    // The relay handles messages in order, so the hostile messages can follow at once; the
    // mirror catches up as the room's state arrives.
    ws.send(syncStep1Message(this.mirror));
  }

  private receive(data: Buffer): void {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.sync) {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) return;
        Y.applyUpdate(this.mirror, decoding.readVarUint8Array(decoder));
      } else if (type === MessageType.awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.presence, decoding.readVarUint8Array(decoder), null);
      } else if (type === MessageType.control) {
        const msg = decodeControlJson(decoder) as { kind?: string };
        if (msg.kind === 'refused') {
          this.refusedControl.set(this.lastKind, (this.refusedControl.get(this.lastKind) ?? 0) + 1);
          const a = this.answered;
          this.answered = null;
          a?.();
        }
      }
    } catch {
      // The fuzzer's mirror is best effort.
    }
  }

  /** Sends hostile messages until `target` are sent, `limitMs` passes, or `stop()` says so. */
  async run(target: number, limitMs: number, stop: () => boolean): Promise<void> {
    const started = performance.now();
    while (this.sent < target && performance.now() - started < limitMs && !stop()) {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        const t0 = performance.now();
        await this.connect();
        this.time.connect += performance.now() - t0;
        continue;
      }
      const t1 = performance.now();
      const kind = this.kind();
      let bytes: Uint8Array;
      try {
        bytes = this.build(kind);
      } catch {
        // A generator that cannot build from this room state sends a plausible edit instead.
        bytes = this.build('valid-edit');
      }
      this.time.build += performance.now() - t1;
      this.buildMs.set(kind, (this.buildMs.get(kind) ?? 0) + performance.now() - t1);
      this.lastKind = kind;
      this.noteHonestDeletions(bytes);
      this.recent.push({ i: this.sent, kind, bytes });
      if (this.recent.length > 20) this.recent.shift();
      const ws = this.ws;
      const answered = new Promise<void>((resolve) => (this.answered = resolve));
      ws.send(bytes);
      this.sent++;
      this.sentByKind.set(kind, (this.sentByKind.get(kind) ?? 0) + 1);
      const t2 = performance.now();
      await Promise.race([answered, sleep(FUZZ_GAP_MS)]);
      this.time.wait += performance.now() - t2;
      this.answered = null;
      if (this.sent % 1000 === 0)
        progress(
          `${this.sent} sent, ${this.connections} connections, ms ${JSON.stringify(this.time)} ${JSON.stringify(Object.fromEntries([...this.buildMs].map(([k, v]) => [k, Math.round(v)])))}`,
        );
    }
    this.ws?.close(1000);
    this.ws = null;
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing the copies

interface Content {
  cards: Record<string, { text: string; x: number; y: number; domainId: string }>;
  descriptions: Record<string, string>;
}

function contentOf(doc: Y.Doc): Content {
  const cards: Content['cards'] = {};
  for (const [id, e] of cardsMap(doc).entries()) {
    const c = readCard(id, e);
    cards[id] = { text: c.text, x: c.position.x, y: c.position.y, domainId: c.domainId };
  }
  const descriptions: Content['descriptions'] = {};
  for (const [id, e] of itemsMap(doc).entries()) {
    const t = e.get('description');
    descriptions[id] = t instanceof Y.Text ? t.toString() : `(not a text: ${typeof t})`;
  }
  return { cards, descriptions };
}

/** The same content with every object's keys sorted, for comparing copies whose maps iterate in different orders. */
function canonical(c: Content): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return JSON.stringify({ cards: sorted(c.cards), descriptions: sorted(c.descriptions) });
}

/** The client id of the item holding a map's current value for `key`. */
function writerOf(m: Y.Map<unknown>, key: string): number | undefined {
  return m._map.get(key)?.id.client;
}

function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

export default async function run(): Promise<BenchResult> {
  if (process.env.SLC_BENCH_ROLE === 'fuzz-relay') return relayProcess();
  process.setMaxListeners(0);
  const load = [loadavg()[0]!];
  const dataDir = mkdtempSync(join(tmpdir(), 'slc-bench-fuzz-'));
  const tickets = new VoterTickets(dataDir, () => {}); // writes the signing key before the relay reads it
  const relay = await RelayChild.start(dataDir);
  const started = performance.now();
  const rows: Array<Record<string, BenchCell>> = [];
  const notes: string[] = [];
  const problems: string[] = [];
  const honest: Honest[] = [];
  let fuzzer: Fuzzer | null = null;
  try {
    const { workshop } = await relay.request<{ workshop: { id: string; tokens: { participant: string; facilitator: string } } }>({ type: 'create' });
    for (let n = 0; n < HONEST; n++)
      honest.push(new Honest(n, relay.wsUrl, workshop.id, n === 0 ? workshop.tokens.facilitator : workshop.tokens.participant, tickets.issue()));
    if (!(await waitUntil(() => honest.every((h) => h.provider.synced), 15_000))) throw new Error('honest clients did not sync');
    for (const h of honest) h.step(); // each makes their plan item first

    // People at a person's pace: each edits every 250–900 ms; now and then one goes offline for a
    // couple of seconds (edits kept locally) and comes back as the same person.
    let stopHonest = false;
    const people = honest.map(async (h) => {
      while (!stopHonest) {
        await sleep(250 + h.rand() * 650);
        if (!stopHonest) h.step();
      }
    });
    const offline = (async () => {
      let turn = 0;
      while (!stopHonest) {
        await sleep(HONEST_OFFLINE_EVERY_MS);
        if (stopHonest) break;
        const h = honest[turn++ % HONEST]!;
        h.disconnect();
        await sleep(HONEST_OFFLINE_MS);
        h.connect();
      }
    })();
    const honestIds = new Set(honest.map((h) => h.doc.clientID));
    fuzzer = new Fuzzer(`${relay.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}`, tickets.issue(), () => honestIds);
    await fuzzer.run(TARGET_MESSAGES, FUZZ_LIMIT_MS, () => relay.exit !== null);
    load.push(loadavg()[0]!);
    const fuzzMs = performance.now() - started;
    stopHonest = true;
    await Promise.all([...people, offline]);
    for (const h of honest) if (h.offline) h.connect();
    progress(`fuzz done: ${fuzzer.sent} messages in ${Math.round(fuzzMs / 1000)} s`);

    // Settle: every honest edit acknowledged as saved, then every copy the same.
    const allSaved = await waitUntil(() => honest.every((h) => h.savedClock >= h.clock), 30_000);
    if (!allSaved) problems.push(`not every honest edit was acknowledged as saved within 30 s: ${honest.map((h) => `${h.savedClock}/${h.clock}`).join(', ')}`);
    let relayDoc = new Y.Doc();
    let state: { update: string | null; relayClient: number; unusual: string[]; closings: number; rss: number } = {
      update: null,
      relayClient: -1,
      unusual: [],
      closings: 0,
      rss: 0,
    };
    const converged = await (async () => {
      for (let attempt = 0; attempt < 40; attempt++) {
        if (relay.exit) return false;
        state = await relay.request({ type: 'state', id: workshop.id });
        relayDoc.destroy();
        relayDoc = new Y.Doc();
        if (state.update) Y.applyUpdate(relayDoc, Buffer.from(state.update, 'base64'));
        if (honest.every((h) => sameStateVector(h.doc, relayDoc))) return true;
        await sleep(500);
      }
      return false;
    })();
    if (!converged) problems.push('the honest copies and the relay’s doc did not reach the same state vector within 20 s');

    // What each person wrote on their own cards and typed into their own plan item, against the relay's doc.
    const relayContent = contentOf(relayDoc);
    const honestContent = honest.map((h) => contentOf(h.doc));
    const identical = honestContent.every((c) => canonical(c) === canonical(relayContent));
    const snapshotsEqual = honest.every((h) => Y.equalSnapshots(Y.snapshot(h.doc), Y.snapshot(relayDoc)));
    if (!identical) problems.push('the cards’ and plan items’ texts differ between the copies');
    if (!snapshotsEqual) problems.push('the honest copies’ snapshots (state vector and delete set) differ from the relay’s');
    let survived = 0;
    let changedByAdmittedFuzz = 0;
    let removedByAdmittedDeletes = 0;
    const lost: string[] = [];
    for (const h of honest) {
      const me = h.doc.clientID;
      const deletedAt = (client: number) => fuzzer!.honestDeletes.some((d) => d.client === client);
      /** Whether the card's words were edited by someone else: their characters in it, or ours deleted by a hostile message. */
      const wordsTouched = (t: unknown) => {
        if (!(t instanceof Y.Text)) return false;
        for (let n = t._start; n; n = n.right) {
          if (!n.deleted && !honestIds.has(n.id.client)) return true;
          if (n.deleted && n.id.client === me && fuzzer!.deletionSent(me, n.id.clock)) return true;
        }
        return false;
      };
      for (const [id, card] of h.cards) {
        const got = relayContent.cards[id];
        const entry = cardsMap(relayDoc).get(id) as Y.Map<unknown> | undefined;
        if (got && got.text === card.text && got.x === card.x && got.y === card.y && got.domainId === card.domainId) survived++;
        else if (!got && deletedAt(me)) removedByAdmittedDeletes++;
        else if (
          got &&
          entry &&
          (got.text === card.text || wordsTouched(entry.get('text'))) &&
          (['x', 'y', 'domainId'] as const).every((k) => got[k] === card[k] || writerOf(entry, k) !== me)
        )
          changedByAdmittedFuzz++;
        else lost.push(`honest ${h.n + 1} card ${id}: wrote ${JSON.stringify(card)}, relay has ${JSON.stringify(got ?? null)}`);
      }
      if (h.itemId) {
        // Every character typed, found by its clock: still in the item's description, or
        // deleted by a range a hostile message named (a participant may delete characters).
        // Anything else (deleted with a text it was typed into, say) is lost.
        const t = itemsMap(relayDoc).get(h.itemId)?.get('description');
        let deletedByFuzz = 0;
        let unexplained: string | null = null;
        for (const { clock, len } of h.typedClocks) {
          for (let c = clock; c < clock + len && !unexplained; c++) {
            const s = c < Y.getState(relayDoc.store, me) ? Y.getItem(relayDoc.store, Y.createID(me, c)) : null;
            const deleted = !s || s.deleted;
            if (!deleted && s instanceof Y.Item && s.parent === t) continue;
            if (deleted && fuzzer.deletionSent(me, c)) deletedByFuzz++;
            else
              unexplained = !s
                ? `clock ${c} never reached the relay`
                : deleted
                  ? `clock ${c} deleted, by no hostile message`
                  : `clock ${c} is not in the description`;
          }
        }
        const got = t instanceof Y.Text ? t.toString() : undefined;
        if (unexplained) lost.push(`honest ${h.n + 1} plan item ${h.itemId}: typed ${h.typed.length} chars; ${unexplained}`);
        else if (got === h.typed) survived++;
        else if (deletedByFuzz > 0) removedByAdmittedDeletes++;
        else changedByAdmittedFuzz++;
      }
    }
    for (const l of lost) problems.push(`lost: ${l}`);
    const honestCloses = honest.flatMap((h) => h.closes);
    if (honestCloses.length) problems.push(`honest connections closed by the relay: ${honestCloses.join(', ')}`);
    const internal = state.unusual.filter((l) => /internal error|Error:|could not be taken back|broken/i.test(l));
    for (const l of internal.slice(0, 5)) problems.push(`relay log: ${l}`);
    if (fuzzer.suspects.length) {
      const dir = join(process.cwd(), 'node_modules/.bench/relay-fuzz-suspects');
      mkdirSync(dir, { recursive: true });
      for (const s of fuzzer.suspects) writeFileSync(join(dir, `seed${SEED}-msg${s.i}-${s.kind}-${s.code}.bin`), s.bytes);
      problems.push(
        `closes with ${[...new Set(fuzzer.suspects.map((s) => s.code))].join('/')} after: ${fuzzer.suspects
          .slice(0, 8)
          .map((s) => `message ${s.i} (${s.kind})`)
          .join(', ')} (bytes in node_modules/.bench/relay-fuzz-suspects/)`,
      );
    }
    if (relay.exit)
      problems.push(
        `the relay process exited (${relay.exit.signal ?? relay.exit.code}) after message ${fuzzer.recent.at(-1)?.i} (${fuzzer.recent.at(-1)?.kind}), seed ${SEED}`,
      );

    const totalEdits = honest.reduce((s, h) => s + h.edits, 0);
    const acked = honest.reduce((s, h) => s + h.acknowledged(), 0);
    const codes = [...fuzzer.closes.entries()].sort((a, b) => b[1] - a[1]);
    rows.push(
      {
        measure: 'Hostile messages sent',
        value: fuzzer.sent,
        detail: `${Math.round(fuzzMs / 1000)} s; target ≥ ${TARGET_MESSAGES.toLocaleString('en-GB')}: ${fuzzer.sent >= TARGET_MESSAGES ? 'met' : 'missed'}`,
      },
      { measure: 'Hostile connections (reconnects after each close)', value: fuzzer.connections, detail: `${fuzzer.connectFailures} refused at connect` },
      {
        measure: 'Relay crashes',
        value: relay.exit ? 1 : 0,
        detail: relay.exit ? `exited ${relay.exit.signal ?? relay.exit.code}` : 'relay process up throughout',
      },
      ...codes.map(([code, count]) => ({ measure: `Close code ${code}`, value: count, detail: closeMeaning(code) })),
      {
        measure: 'Refused without closing (schema, reverted for everyone)',
        value: [...fuzzer.refusedControl.values()].reduce((s, n) => s + n, 0),
        detail: 'relay’s “refused” message to the sender',
      },
      {
        measure: 'Honest edits made (3 people)',
        value: totalEdits,
        detail: `${acked} acknowledged as saved by the relay (ext=1 “saved” state vectors) by the end`,
      },
      {
        measure: 'Honest cards and plan texts checked against the relay',
        value: survived + changedByAdmittedFuzz + removedByAdmittedDeletes + lost.length,
        detail: `${survived} exactly as the person left them; ${changedByAdmittedFuzz} with all their characters in order but others’ admitted edits beside them (the fuzzer’s, or the relay restoring what a refused edit deleted); ${removedByAdmittedDeletes} with cards or characters removed by deletions a hostile message named (any participant may delete); ${lost.length} lost (a character typed that is neither there nor deleted by a hostile deletion)`,
      },
      {
        measure: 'Copies converged (3 honest + relay)',
        value: converged && identical && snapshotsEqual ? 'yes' : 'NO',
        detail: `state vectors ${converged ? 'equal' : 'differ'}; snapshots ${snapshotsEqual ? 'equal' : 'differ'}; card and plan texts ${identical ? 'equal' : 'differ'}`,
      },
      { measure: 'Honest connections closed by the relay', value: honestCloses.length, detail: honestCloses.length ? honestCloses.join(', ') : 'none' },
      { measure: 'Relay RSS at the end', value: `${Math.round(state.rss / 1024 ** 2)} MiB`, detail: `${state.unusual.length} log lines other than refusals` },
    );
    const byKind = KINDS.map((k) => `${k} ${fuzzer!.sentByKind.get(k) ?? 0}`).join(', ');
    notes.push(`Messages by kind: ${byKind}.`);
    notes.push(
      `Closes by the kind of the message sent last: ${[...fuzzer.closesByKind.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 14)
        .map(([k, n]) => `${k}: ${n}`)
        .join('; ')}.`,
    );
    notes.push(
      problems.length
        ? `Problems found (seed ${SEED}): ${problems.join(' | ')}`
        : `No problems found with seed ${SEED}: no honest edit lost, every copy the same, no relay crash, no internal error.`,
    );
    notes.push(
      `The hostile client learnt ${fuzzer.knownIds().filter((c) => honestIds.has(c)).length} of the ${HONEST} honest client ids from the room (structs and presence) and aimed a share of its updates at them. Its generator is seeded (SLC_FUZZ_SEED, default ${SEED}), but what it builds reads the room as it is at that moment, so a replay follows the same sequence of kinds and draws, not byte-identical updates; messages followed by an internal-error close are written to node_modules/.bench/relay-fuzz-suspects/.`,
    );
    notes.push(
      'A “removed by the fuzzer’s admitted deletions” card is not a loss: deleting a card or characters that exist is an edit any participant may make, and the relay admits it from anyone; the check counts it apart so that only unexplained differences count as lost.',
    );
  } finally {
    for (const h of honest) h.destroy();
    fuzzer?.presence.destroy();
    relay.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
  load.push(loadavg()[0]!);
  return {
    title: 'Relay fuzz: hostile Yjs updates beside honest editors',
    method: `A real relay (\`server/relay.ts\`, default limits, durable saves) in its own Node process on loopback, with a workshop holding the worked example. Three honest stock y-websocket clients (one facilitator, two participants, each with its own relay-signed voter ticket and \`ext=1\`) each edit every 250–900 ms (add up to ${HONEST_CARDS} cards, rename and move their own cards, type into their own plan item's description); every ${HONEST_OFFLINE_EVERY_MS / 1000} s one goes offline for ${HONEST_OFFLINE_MS / 1000} s, keeps editing, and reconnects as the same person. One hostile participant sends at least ${TARGET_MESSAGES.toLocaleString('en-GB')} messages (seeded mulberry32, seed ${SEED}), one at a time with a ${FUZZ_GAP_MS} ms pause or until the relay answers (each built in a copy of the room as the fuzzer last saw it, refreshed every ${WORK_DOC_USES} messages), reconnecting whenever it is closed (70% as a new person, 30% with one fixed ticket): updates under the honest people's ids (read from the room) and random ids, future clocks and gaps, delete sets for existing and future clocks, bare GC ranges, nesting 100–800 levels deep built one level at a time, unknown fields and roots, oversized strings and keys, relay-only fields (card \`votes\`, \`meta.schemaVersion\`), formatting and embeds in Y.Text, type confusion, valid edits, and byte-level mutations of updates and whole frames. At the end every honest edit must be acknowledged as saved, the three honest copies and the relay's doc must have the same state vector, snapshot and texts, and every honest card and plan text must be as its author left it. Load average (1 min) at start / end of fuzzing / end: ${load.map((l) => l.toFixed(1)).join(' / ')} on ${cpus().length} cores, shared with other work.`,
    rows,
    notes,
  };
}

function closeMeaning(code: number): string {
  const names: Record<number, string> = {
    1000: 'normal',
    1005: 'no status',
    1006: 'abnormal (no close frame)',
    4406: 'notYours: an edit under a client id bound to someone else',
    4409: 'notAllowed: an entry or shared text written over, a field taken away',
    4413: 'tooLarge: message over 1 MiB',
    4415: 'docTooLarge',
    4422: 'malformed: unreadable message or an edit that could not be checked',
    4500: 'serverError: the relay hit an internal error',
    4529: 'rateLimited',
    4532: 'bandwidth',
    4533: 'syncFlood',
    4534: 'presenceFlood',
    4535: 'outOfOrder: gaps, future clocks, deletions of clocks that do not exist',
    4536: 'presenceQueryFlood',
  };
  return names[code] ?? '';
}
