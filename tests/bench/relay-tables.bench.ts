// A room of 60 people at 6 tables for five minutes, on loopback: the real relay in its own process
// (default limits, admission, schema gate, durable SQLite log), a facilitator who sets the tables
// up and then watches the whole room (the overview), and 60 participants as stock y-websocket
// clients, each seated at its table, who at a person's pace add cards there and type their words
// one key at a time, move their table's cards, and add words to their own cards, and who move
// their pointer over the board in spells, 20 presence updates a second as the app sends them.
// 48 of them run in a crowd process as stock clients (each sends back every presence change it
// hears); 12 (two per table) and the facilitator run in this process with the app's provider
// behaviour (only their own presence), where edit-to-visible and pointer-to-visible are timed on
// one clock. At the end every edit must be acknowledged as saved and be in every copy: the
// facilitator's, a newcomer's, the relay's room and the workshop's file.
// Run with `npm run bench -- relay-tables` (SLC_BENCH_TABLES_SECONDS=30 for a short trial); results
// go to docs/benchmarks.md.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { CloseCode, Limits, MessageType, isPermanentClose, type Role } from '../../shared/protocol';
import { sendOwnPresenceOnly } from '../../shared/own-presence-only';
import { decodeControlJson, decodeSaved, decodeWelcome } from '../../shared/relay-messages';
import {
  addCard,
  addTable,
  cardsMap,
  itemsMap,
  moveEntry,
  orderedTables,
  readCard,
  readSeat,
  readTable,
  seat,
  seatIdOf,
  seatsMap,
  setCardText,
  tablesMap,
  type OrganisationType,
} from '../../shared/doc';
import { prng } from '../support/prng';
import type { BenchCell, BenchResult } from './bench-types';
import { Peer, countPresence, percentiles, relayRole, waitFor, type Percentiles, type PresenceTraffic, type Workshop } from './relay-bench-support';

const SECONDS = Number(process.env.SLC_BENCH_TABLES_SECONDS ?? 300);
const TABLES = 6;
const PER_TABLE = 10;
/** people per table who run in this process, where their edits are timed */
const PROBES_PER_TABLE = 2;
const SEED = 20261203;
/** a person's pause between one thing and the next */
const THINK_MS: readonly [number, number] = [2000, 6000];
/** time between two keys while typing */
const KEY_MS: readonly [number, number] = [150, 300];
/** a typo (a wrong key, then backspace) on this share of keys */
const TYPO_RATE = 0.03;
/** a drag: this many presence frames 50 ms apart (as the app broadcasts them), then the drop writes the doc */
const DRAG_FRAMES = 10;
/** words are added to a card only while it is shorter than this (cards hold 500 characters) */
const CARD_ROOM = 400;
/** the app's presence broadcast: at most one presence change per this many ms (BROADCAST_INTERVAL_MS, renderer/src/collab/presence-broadcast.ts) */
const BROADCAST_MS = 50;
/** pointer events while the mouse moves over the board (a browser's pointermove, about once a frame) */
const POINTER_EVENT_MS = 16;
/** each person's pointer moves for a spell of this long, then is still for a spell of the next */
const POINTER_MOVING_MS: readonly [number, number] = [2000, 8000];
const POINTER_STILL_MS: readonly [number, number] = [2000, 10000];
/** the board's extent in flow coordinates, where pointers wander */
const BOARD = { width: 1400, height: 900 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (line: string): void => void (process.env.SLC_BENCH_DEBUG && console.error(`[relay-tables] ${line}`));
const r2 = (n: number): number => Math.round(n * 100) / 100;
const kib = (bytes: number): string => `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} KiB`;
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MiB`;
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const kinds = ['people', 'priority', 'place', 'purpose'] as const;
const domains = ['individual-effectiveness', 'relationships-and-connectivity', 'innovation-and-improvement', 'learning-and-capacity-building'];
const vocabulary = (
  'discharge delays shared records one front door social care beds weekend cover carers voice ' +
  'trusted assessor step down housing transport pharmacy reablement funding data sharing waiting lists ' +
  'community teams hospital at home frailty virtual ward joint visits night sitting workforce training ' +
  'listen to families plan earlier ring fence budget co locate teams test and learn'
).split(' ');
const firstNames = [
  'Ada',
  'Ben',
  'Cara',
  'Dev',
  'Ella',
  'Finn',
  'Gita',
  'Hugo',
  'Isla',
  'Jon',
  'Kemi',
  'Leo',
  'Maya',
  'Nils',
  'Omar',
  'Pia',
  'Raj',
  'Sara',
  'Theo',
  'Uma',
];
const lastNames = ['Stone', 'Hale', 'Marsh'];
const organisations: ReadonlyArray<readonly [string, OrganisationType]> = [
  ['Riverside Trust', 'NHS trust'],
  ['Northern Trust', 'NHS trust'],
  ['Riverside ICB', 'ICB'],
  ['Riverside City Council', 'Local authority'],
  ['Vale County Council', 'Local authority'],
  ['Bridge Street Surgery', 'Primary care'],
  ['Carers Together', 'Voluntary sector'],
  ['Patient panel', 'Patient or citizen'],
  ['Fire and Rescue', 'Other'],
];
const briefs = [
  'Discharge across the county line',
  'Weekend discharges',
  'Carers as partners',
  'One front door for social care',
  'Housing and health',
  'Frailty at home',
];

// ---------------------------------------------------------------------------------------------
// Clients

/** A stock client's socket from its own loopback address: each person is their own device to the relay. */
function socketFrom(address: string): typeof globalThis.WebSocket {
  return class FromAddress extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { localAddress: address });
    }
  } as unknown as typeof globalThis.WebSocket;
}

interface User {
  name: string;
  organisation: string;
  organisationType: OrganisationType;
}

/** A connection the relay or the network closed: its code (0: y-websocket's own watchdog) and when (Date.now()). */
interface Close {
  code: number;
  at: number;
}

type PresencePatch = Record<string, unknown>;

/**
 * The app's presence broadcast (renderer/src/collab/presence-broadcast.ts, which this Node
 * project cannot import), line for line: pointer moves, drag positions, selection and editing
 * land in one pending state that goes out at most once per BROADCAST_MS, as one awareness
 * change (the whole state with the patch and `lastActive`); `urgent` sends it at once.
 */
class Broadcast {
  private pending: PresencePatch | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = -Infinity;
  /** told just before each change goes out, with what it holds and the time */
  onSend: ((patch: PresencePatch, at: number) => void) | null = null;

  constructor(private readonly awareness: Awareness) {}

  set(patch: PresencePatch, urgent = false): void {
    this.pending = { ...this.pending, ...patch };
    if (urgent) return this.flush();
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastSent + BROADCAST_MS - performance.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const patch = this.pending;
    this.pending = null;
    if (!patch) return;
    this.lastSent = performance.now();
    const current = this.awareness.getLocalState();
    if (!current) return;
    this.onSend?.(patch, this.lastSent);
    this.awareness.setLocalState({ ...current, ...patch, lastActive: Date.now() });
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

/**
 * A y-websocket client connected as the app connects (`ext=1`, a voter id and name, the app's
 * reconnect rule, presence as the app shares it, through the app's broadcast), counting what the
 * relay says to it: its saved state vectors, refusals, closes and reconnects, and its presence
 * traffic. `app`: it sends only its own presence, as the app's provider does
 * (shared/own-presence-only.ts); otherwise it is stock and sends back every presence change it hears.
 */
class Client {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly broadcast: Broadcast;
  readonly traffic: PresenceTraffic;
  /** the own clock the relay last said it had durably written */
  savedClock = 0;
  connects = 0;
  /** connections of this client it did not close itself */
  readonly closes: Close[] = [];
  /** the relay's "refused" control messages */
  readonly refusals: string[] = [];
  role: Role | null = null;
  onSaved: (() => void) | null = null;
  private leaving = false;

  constructor(
    wsUrl: string,
    room: string,
    token: string,
    address: string,
    readonly user: User,
    expectedRole: Role,
    voter: string,
    readonly app: boolean,
  ) {
    this.provider = new WebsocketProvider(wsUrl, room, this.doc, {
      WebSocketPolyfill: socketFrom(address),
      // As the app sends them: the name and organisation name the seat this person may choose from.
      params: { token, ext: '1', voter, name: user.name.slice(0, 80), org: user.organisation.slice(0, 120) },
      maxBackoffTime: 10_000,
      disableBc: true,
    });
    const p = this.provider;
    if (app) sendOwnPresenceOnly(p);
    this.traffic = countPresence(p);
    this.broadcast = new Broadcast(p.awareness);
    p.shouldReconnect = (event: CloseEvent) => !isPermanentClose(event.code);
    p.messageHandlers[MessageType.saved] = (_enc, decoder) => {
      const sv = Y.decodeStateVector(decodeSaved(decoder));
      this.savedClock = Math.max(this.savedClock, sv.get(this.doc.clientID) ?? 0);
      this.onSaved?.();
    };
    p.messageHandlers[MessageType.welcome] = (_enc, decoder) => {
      this.role = decodeWelcome(decoder);
      // As the app's session does on welcome: straight to the awareness, not through the broadcast.
      const current = p.awareness.getLocalState();
      if (current) p.awareness.setLocalState({ ...current, user: { ...this.user, colour: '#005eb8', role: this.role }, lastActive: Date.now() });
    };
    p.messageHandlers[MessageType.control] = (_enc, decoder) => {
      const msg = decodeControlJson(decoder) as { kind?: string; voterId?: string; command?: string; reason?: string };
      if (msg.kind === 'voter' && msg.voterId) p.params = { ...p.params, voter: msg.voterId };
      else if (msg.kind === 'refused') this.refusals.push(`${msg.command}: ${msg.reason}`);
    };
    p.messageHandlers[MessageType.saveStatus] = (_enc, decoder) => void decoding.readVarString(decoder);
    p.on('status', ({ status }: { status: string }) => void (status === 'connected' && this.connects++));
    p.on('connection-close', (event: { code?: number } | null) => void (!this.leaving && this.closes.push({ code: event?.code ?? 0, at: Date.now() })));
    p.awareness.setLocalState({
      user: { ...user, colour: '#005eb8', role: expectedRole },
      cursor: null,
      selection: [],
      editing: null,
      drag: null,
      lastActive: Date.now(),
    });
  }

  get clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  /** Every edit this client made has been acknowledged as saved. */
  get acknowledged(): boolean {
    return this.savedClock >= this.clock;
  }

  /** A change to what others see of this person, through the app's broadcast. */
  presence(patch: PresencePatch, urgent = false): void {
    this.broadcast.set(patch, urgent);
  }

  close(): void {
    this.leaving = true;
    this.broadcast.destroy();
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.doc.destroy();
  }
}

interface PersonSpec extends User {
  index: number;
  table: number;
  /** runs in the benchmark process, where its edits are timed */
  probe: boolean;
  address: string;
}

function peopleSpecs(): PersonSpec[] {
  const people: PersonSpec[] = [];
  for (let table = 0; table < TABLES; table++) {
    for (let k = 0; k < PER_TABLE; k++) {
      const index = table * PER_TABLE + k;
      const [organisation, organisationType] = organisations[index % organisations.length]!;
      people.push({
        index,
        table,
        probe: k >= PER_TABLE - PROBES_PER_TABLE,
        name: `${firstNames[index % firstNames.length]} ${lastNames[Math.floor(index / firstNames.length)]}`,
        organisation,
        organisationType,
        address: `127.0.1.${10 + index}`,
      });
    }
  }
  return people;
}

type EditKind = 'key' | 'card' | 'move';

interface Move {
  card: string;
  x: number;
  y: number;
  domainId: string;
}

interface PersonReport {
  index: number;
  name: string;
  table: number;
  tableId: string;
  seatId: string;
  client: number;
  /** each card this person added, with its words as they typed them */
  cards: Record<string, string>;
  moves: Move[];
  counts: Record<EditKind, number>;
  clock: number;
  saved: number;
  closes: Close[];
  connects: number;
  refusals: string[];
  stateVector: string;
  digest: string;
  /** presence traffic during the run (from 'start' to 'stop') */
  traffic: PresenceTraffic;
  /** presence changes sent during the run, pointer positions among them, and time the pointer spent moving */
  presenceSends: number;
  pointerSends: number;
  pointerMovingMs: number;
}

/** A pointer position this person's broadcast sent: when the mouse got there, and when it went out. */
interface PointerSample {
  x: number;
  y: number;
  moved: number;
  sent: number;
}

const noTraffic = (): PresenceTraffic => ({ heard: 0, heardStates: 0, heardBytes: 0, sent: 0, sentBytes: 0 });

function trafficSince(now: PresenceTraffic, then: PresenceTraffic): PresenceTraffic {
  return {
    heard: now.heard - then.heard,
    heardStates: now.heardStates - then.heardStates,
    heardBytes: now.heardBytes - then.heardBytes,
    sent: now.sent - then.sent,
    sentBytes: now.sentBytes - then.sentBytes,
  };
}

/** A participant at a table, doing what a person does there, at a person's pace. */
class Person extends Client {
  readonly rand: () => number;
  tableId = '';
  readonly cards = new Map<string, string>();
  readonly moves: Move[] = [];
  readonly counts: Record<EditKind, number> = { key: 0, card: 0, move: 0 };
  /** told just after each edit: the own clock it ended at, and the time just before it was applied */
  onEdit: ((clock: number, t0: number, kind: EditKind) => void) | null = null;
  /** told of each pointer position the broadcast sends */
  onPointer: ((sample: PointerSample) => void) | null = null;
  stopping = false;
  /** the pointer's own random numbers, so its spells do not change what the person does */
  private readonly pointerRand: () => number;
  /** when the mouse reached the pointer position waiting to go out */
  private cursorMoved = 0;
  /** a drag moves the pointer itself */
  private dragging = false;
  /** the presence traffic when the run started, and during the run once it is over */
  private trafficMark: PresenceTraffic = noTraffic();
  private trafficRun: PresenceTraffic = noTraffic();
  /** during the run: presence changes sent, pointer positions among them, and time spent moving the pointer */
  private running = false;
  presenceSends = 0;
  pointerSends = 0;
  pointerMovingMs = 0;

  constructor(
    readonly spec: PersonSpec,
    wsUrl: string,
    room: string,
    token: string,
  ) {
    const rand = prng(SEED + 7919 * (spec.index + 1));
    const voter = Array.from({ length: 16 }, () => Math.floor(rand() * 36).toString(36)).join('');
    super(
      wsUrl,
      room,
      token,
      spec.address,
      { name: spec.name, organisation: spec.organisation, organisationType: spec.organisationType },
      'participant',
      voter,
      // The timed people have the app's provider; the crowd is stock y-websocket.
      spec.probe,
    );
    this.rand = rand;
    this.pointerRand = prng(SEED + 104729 * (spec.index + 1));
    this.broadcast.onSend = (patch, at) => {
      if (!this.running) return;
      this.presenceSends++;
      const c = patch.cursor as { x: number; y: number } | null | undefined;
      if (!c) return;
      this.pointerSends++;
      this.onPointer?.({ x: c.x, y: c.y, moved: this.cursorMoved, sent: at });
    };
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  private between([lo, hi]: readonly [number, number]): number {
    return lo + this.rand() * (hi - lo);
  }

  /** Sits at its table (the facilitator's n-th), as the app's table picker does. */
  async sit(): Promise<void> {
    await waitFor(() => tablesMap(this.doc).size >= TABLES, 30_000, `${this.spec.name} seeing the tables`);
    const tables = orderedTables(new Map([...tablesMap(this.doc)].map(([id, e]) => [id, readTable(id, e)])));
    this.tableId = tables[this.spec.table]!.id;
    seat(this.doc, this.user, this.tableId);
    // The board shows the table's space, as the app's board shares its viewport.
    this.presence({ viewport: { x: -120 + this.int(40), y: -80 + this.int(40), zoom: 0.85 } });
  }

  /** The mouse reaches `to` over the board: the app's pointer handler gives it to the broadcast. */
  private pointerTo(to: { x: number; y: number }): void {
    this.cursorMoved = performance.now();
    this.presence({ cursor: to });
  }

  /**
   * Until told to stop: the pointer moves over the board for 2–8 s (a pointer event every
   * POINTER_EVENT_MS, as a browser fires them; the broadcast sends 20 a second), then is still
   * for 2–10 s, and so on. Positions are board (flow) coordinates, as the app computes them.
   */
  async pointer(): Promise<void> {
    const r = this.pointerRand;
    const span = ([lo, hi]: readonly [number, number]) => lo + r() * (hi - lo);
    let x = r() * BOARD.width;
    let y = r() * BOARD.height;
    let heading = r() * 2 * Math.PI;
    let moving = r() < 0.45;
    while (!this.stopping) {
      if (!moving) {
        await this.nap(span(POINTER_STILL_MS));
        moving = true;
        continue;
      }
      const began = performance.now();
      const until = began + span(POINTER_MOVING_MS);
      while (!this.stopping && performance.now() < until) {
        await sleep(POINTER_EVENT_MS);
        if (this.dragging) continue;
        heading += (r() - 0.5) * 0.8;
        const step = 3 + r() * 12;
        x += Math.cos(heading) * step;
        y += Math.sin(heading) * step;
        // Turned back at the board's edges; a zoomed board gives positions in fractions of a pixel.
        if (x < 0 || x > BOARD.width) heading = Math.PI - heading;
        if (y < 0 || y > BOARD.height) heading = -heading;
        x = Math.min(BOARD.width, Math.max(0, x));
        y = Math.min(BOARD.height, Math.max(0, y));
        this.pointerTo({ x: x / 0.85, y: y / 0.85 });
      }
      this.pointerMovingMs += performance.now() - began;
      moving = false;
    }
  }

  private edit(kind: EditKind, write: () => void): void {
    const t0 = performance.now();
    write();
    this.counts[kind]++;
    this.onEdit?.(this.clock, t0, kind);
  }

  /** Waits `ms`, or less if told to stop. */
  private async nap(ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (!this.stopping && performance.now() < until) await sleep(Math.max(0, Math.min(250, until - performance.now())));
  }

  /** The run starts: its presence traffic is counted from now. */
  markStart(): void {
    this.trafficMark = { ...this.traffic };
    this.running = true;
  }

  /** The run is over (everyone stopped). */
  markStop(): void {
    this.trafficRun = trafficSince(this.traffic, this.trafficMark);
    this.running = false;
  }

  /** Until told to stop: at the board, working and moving the pointer. */
  async live(): Promise<void> {
    await Promise.all([this.work(), this.pointer()]);
  }

  /** Until told to stop: every few seconds a new card typed in, a card of the table moved, or words added to an own card. */
  private async work(): Promise<void> {
    await this.nap(this.rand() * THINK_MS[1]);
    while (!this.stopping) {
      const r = this.rand();
      const atTable = [...cardsMap(this.doc)].filter(([, e]) => e.get('tableId') === this.tableId).map(([id]) => id);
      if (this.cards.size === 0 || r < 0.4) await this.newCard();
      else if (r < 0.7 && atTable.length > 0) await this.move(this.pick(atTable));
      else await this.addWords();
      await this.nap(this.between(THINK_MS));
    }
  }

  private words(n: number): string {
    return Array.from({ length: n }, () => this.pick(vocabulary)).join(' ');
  }

  private async newCard(): Promise<void> {
    let id = '';
    const card = {
      kind: this.pick(kinds),
      text: '',
      domainId: this.pick(domains),
      position: { x: this.int(1100), y: this.int(700) },
      author: this.user.name,
      organisation: this.user.organisation,
      tableId: this.tableId,
    };
    this.edit('card', () => (id = addCard(this.doc, card)));
    this.cards.set(id, '');
    this.presence({ selection: [id], editing: id });
    await this.type(id, this.words(3 + this.int(5)));
    this.presence({ editing: null });
  }

  private async addWords(): Promise<void> {
    const mine = [...this.cards].filter(([, t]) => t.length < CARD_ROOM).map(([id]) => id);
    if (mine.length === 0) return this.newCard();
    const id = this.pick(mine);
    this.presence({ selection: [id], editing: id });
    await this.type(id, ` ${this.words(1 + this.int(3))}`);
    this.presence({ editing: null });
  }

  /** Types `words` at the end of one of its cards, key by key, as the card's editor writes each key (the shared writer). */
  private async type(id: string, words: string): Promise<void> {
    for (const ch of words) {
      await sleep(this.between(KEY_MS));
      if (this.stopping) return;
      const before = this.cards.get(id)!;
      if (this.rand() < TYPO_RATE) {
        this.edit('key', () => setCardText(this.doc, id, before + this.pick([...'qwertyuiop'])));
        await sleep(this.between(KEY_MS));
        this.edit('key', () => setCardText(this.doc, id, before));
        await sleep(this.between(KEY_MS));
      }
      const next = before + ch;
      this.edit('key', () => setCardText(this.doc, id, next));
      this.cards.set(id, next);
    }
  }

  /** Drags a card (its live position through presence, as the app shares a drag) and drops it: one doc write. */
  private async move(id: string): Promise<void> {
    const entry = cardsMap(this.doc).get(id);
    if (!entry) return;
    const from = { x: Number(entry.get('x')), y: Number(entry.get('y')) };
    const to = { x: this.int(1100), y: this.int(700) };
    const domainId = this.rand() < 0.25 ? this.pick(domains) : String(entry.get('domainId'));
    this.presence({ selection: [id] });
    this.dragging = true;
    for (let f = 1; f <= DRAG_FRAMES; f++) {
      await sleep(50);
      const at = f / DRAG_FRAMES;
      const x = Math.round(from.x + (to.x - from.x) * at);
      const y = Math.round(from.y + (to.y - from.y) * at);
      // The pointer moves with the card it holds; both go in the broadcast's next message.
      this.cursorMoved = performance.now();
      this.presence({ drag: [{ id, x, y }], cursor: { x: x + 40.5, y: y + 20.25 } });
    }
    this.edit('move', () => moveEntry(this.doc, id, to, domainId));
    // The end of a drag goes out at once, as the app sends it.
    this.presence({ drag: null }, true);
    this.dragging = false;
    this.moves.push({ card: id, x: to.x, y: to.y, domainId });
  }

  report(): PersonReport {
    return {
      index: this.spec.index,
      name: this.spec.name,
      table: this.spec.table,
      tableId: this.tableId,
      seatId: seatIdOf(this.user),
      client: this.doc.clientID,
      cards: Object.fromEntries(this.cards),
      moves: this.moves,
      counts: this.counts,
      clock: this.clock,
      saved: this.savedClock,
      closes: this.closes,
      connects: this.connects,
      refusals: this.refusals,
      stateVector: b64(Y.encodeStateVector(this.doc)),
      digest: digest(this.doc),
      traffic: this.trafficRun,
      presenceSends: this.presenceSends,
      pointerSends: this.pointerSends,
      pointerMovingMs: this.pointerMovingMs,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Copies

/** What a copy shows: every card, seat and table (sorted), and how many plan items. */
function contentOf(doc: Y.Doc): string {
  const cards = [...cardsMap(doc)]
    .map(([id, e]) => {
      const c = readCard(id, e);
      return [id, c.kind, c.text, c.domainId, c.position.x, c.position.y, c.tableId, c.author, c.organisation];
    })
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const seats = [...seatsMap(doc)]
    .map(([id, e]) => {
      const s = readSeat(id, e);
      return [id, s.tableId, s.name, s.organisation, s.organisationType];
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
  const tables = [...tablesMap(doc)].map(([id, e]) => readTable(id, e)).sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify({ cards, seats, tables, items: itemsMap(doc).size });
}

function digest(doc: Y.Doc): string {
  return createHash('sha256').update(contentOf(doc)).digest('hex').slice(0, 16);
}

interface CopyCheck {
  cards: number;
  identical: number;
  /** cards whose words are missing or not as their writer left them */
  lost: string[];
  moved: number;
  /** moved cards whose position is none that anyone dropped them at */
  misplaced: string[];
  seats: number;
  seatsWrong: string[];
}

/** Every person's cards, words, moves and seat, against one copy of the doc. */
function checkCopy(copy: Y.Doc, people: readonly PersonReport[]): CopyCheck {
  const out: CopyCheck = { cards: 0, identical: 0, lost: [], moved: 0, misplaced: [], seats: 0, seatsWrong: [] };
  const cards = cardsMap(copy);
  const movesOf = new Map<string, Move[]>();
  for (const p of people) for (const m of p.moves) movesOf.set(m.card, [...(movesOf.get(m.card) ?? []), m]);
  for (const p of people) {
    for (const [id, words] of Object.entries(p.cards)) {
      out.cards++;
      const entry = cards.get(id);
      const got = entry ? readCard(id, entry) : null;
      if (got && got.text === words && got.tableId === p.tableId) out.identical++;
      else
        out.lost.push(
          `${p.name}'s card ${id}: typed ${JSON.stringify(words)} at ${p.tableId}, copy has ${got ? `${JSON.stringify(got.text)} at ${got.tableId}` : 'no such card'}`,
        );
    }
    const s = seatsMap(copy).get(p.seatId);
    out.seats++;
    if (!s || readSeat(p.seatId, s).tableId !== p.tableId)
      out.seatsWrong.push(`${p.name}: seat ${s ? readSeat(p.seatId, s).tableId : 'missing'}, sat at ${p.tableId}`);
  }
  for (const [id, moves] of movesOf) {
    out.moved++;
    const entry = cards.get(id);
    const got = entry ? readCard(id, entry) : null;
    if (!got || !moves.some((m) => m.x === got.position.x && m.y === got.position.y && m.domainId === got.domainId))
      out.misplaced.push(
        `card ${id}: at ${got ? `${got.position.x},${got.position.y} in ${got.domainId}` : 'nowhere'}; dropped at ${moves.map((m) => `${m.x},${m.y}`).join(' ')}`,
      );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The crowd process: the 48 people who are not timed

type CrowdReply = { type: string; [k: string]: unknown };

/** A stock client's busiest second of presence (per second, over 1 s samples). */
interface CrowdBusiest {
  heard: number;
  sent: number;
  sentBytes: number;
}

async function crowdProcess(): Promise<never> {
  // Each stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  process.on('disconnect', () => process.exit(0));
  let people: Person[] = [];
  let loops: Promise<void>[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let cpuMark = process.cpuUsage();
  let cpuAt = performance.now();
  let sampler: ReturnType<typeof setInterval> | null = null;
  let busiest: CrowdBusiest = { heard: 0, sent: 0, sentBytes: 0 };
  const handle = async (op: string, body: unknown): Promise<CrowdReply> => {
    if (op === 'join') {
      const { wsUrl, id, token, specs } = body as { wsUrl: string; id: string; token: string; specs: PersonSpec[] };
      people = specs.map((s) => new Person(s, wsUrl, id, token));
      await waitFor(() => people.every((p) => p.provider.synced), 60_000, 'the crowd synced');
      await Promise.all(people.map((p) => p.sit()));
      await waitFor(() => people.every((p) => p.acknowledged), 30_000, "the crowd's seats saved");
      return { type: 'joined', count: people.length };
    }
    if (op === 'start') {
      delay.enable();
      cpuMark = process.cpuUsage();
      cpuAt = performance.now();
      for (const p of people) p.markStart();
      loops = people.map((p) => p.live());
      busiest = { heard: 0, sent: 0, sentBytes: 0 };
      let last = people.map((p) => ({ ...p.traffic }));
      let lastAt = performance.now();
      // Each stock client's busiest second, against the relay's per-connection budgets.
      sampler = setInterval(() => {
        const now = people.map((p) => ({ ...p.traffic }));
        const secs = (performance.now() - lastAt) / 1000;
        now.forEach((t, i) => {
          const d = trafficSince(t, last[i]!);
          busiest.heard = Math.max(busiest.heard, d.heard / secs);
          busiest.sent = Math.max(busiest.sent, d.sent / secs);
          busiest.sentBytes = Math.max(busiest.sentBytes, d.sentBytes / secs);
        });
        last = now;
        lastAt = performance.now();
      }, 1000);
      return { type: 'started' };
    }
    if (op === 'stop') {
      for (const p of people) p.stopping = true;
      await Promise.all(loops);
      for (const p of people) p.markStop();
      if (sampler) clearInterval(sampler);
      delay.disable();
      const used = process.cpuUsage(cpuMark);
      return {
        type: 'stopped',
        cpu: ((used.user + used.system) / 1000 / (performance.now() - cpuAt)) * 100,
        delay: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
        busiest,
      };
    }
    if (op === 'report') {
      const { settle } = body as { settle: boolean };
      if (settle) await waitFor(() => people.every((p) => p.acknowledged), 60_000, 'every crowd edit acknowledged as saved').catch(() => {});
      return { type: 'report', people: people.map((p) => p.report()) };
    }
    if (op === 'leave') {
      for (const p of people) p.close();
      people = [];
      return { type: 'left' };
    }
    throw new Error(`unknown crowd request ${op}`);
  };
  process.on('message', (req: { type: string; op: string; body?: unknown }) => {
    void handle(req.op, req.body).then(
      (reply) => process.send!(reply),
      (err: unknown) => process.send!({ type: 'error', message: (err as Error).stack ?? String(err) }),
    );
  });
  process.send!({ type: 'ready' });
  return new Promise<never>(() => {});
}

async function ask<T extends CrowdReply>(crowd: Peer, op: string, body?: unknown, timeoutMs = 120_000): Promise<T> {
  const reply = await crowd.request<CrowdReply>({ type: 'role', op, body }, timeoutMs);
  if (reply.type === 'error') throw new Error(`crowd ${op}: ${String(reply.message)}`);
  return reply as T;
}

// ---------------------------------------------------------------------------------------------
// Timing (all in this process, on its one clock)

interface Sample {
  /** the writer's own clock once the edit is applied: a copy has the edit when its state vector reaches it */
  clock: number;
  /** performance.now() just before the writer's local transaction (in which y-websocket sends it) */
  t0: number;
  kind: EditKind;
}

type Sink = (ms: number, kind: EditKind) => void;

/** Times each of `writers`' samples from its t0 to the first 'update' of `observer` after which it holds the edit. */
function watch(observer: Y.Doc, writers: readonly Person[], samples: ReadonlyMap<Person, Sample[]>, sink: Sink): () => number {
  const next = new Map(writers.map((w) => [w, 0]));
  observer.on('update', () => {
    const now = performance.now();
    for (const w of writers) {
      const list = samples.get(w)!;
      let i = next.get(w)!;
      if (i >= list.length) continue;
      const have = Y.getState(observer.store, w.doc.clientID);
      for (; i < list.length && list[i]!.clock <= have; i++) sink(now - list[i]!.t0, list[i]!.kind);
      next.set(w, i);
    }
  });
  // How many samples this observer never saw.
  return () => writers.reduce((n, w) => n + samples.get(w)!.length - next.get(w)!, 0);
}

/**
 * Times each pointer position `writer` sent until `observer`'s awareness holds it or a later one
 * (the relay sends a room's presence at most every 50 ms, so a position can be overtaken by the
 * writer's next before it goes out; the observer's pointer then jumps past it). `sink` gets the
 * time from the mouse reaching the position and from its broadcast sending it, and whether the
 * observer saw that very position.
 */
function watchPointer(
  observer: Awareness,
  writer: Person,
  samples: readonly PointerSample[],
  sink: (fromMove: number, fromSent: number, exact: boolean) => void,
): () => number {
  const id = writer.provider.awareness.clientID;
  let next = 0;
  observer.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
    if (next >= samples.length || !(added.includes(id) || updated.includes(id))) return;
    const c = (observer.getStates().get(id) as { cursor?: { x: number; y: number } | null } | undefined)?.cursor;
    if (!c) return;
    const now = performance.now();
    for (let j = next; j < samples.length; j++) {
      if (samples[j]!.x !== c.x || samples[j]!.y !== c.y) continue;
      for (let i = next; i <= j; i++) sink(now - samples[i]!.moved, now - samples[i]!.sent, i === j);
      next = j + 1;
      return;
    }
  });
  // How many positions this observer never saw (nor any later one).
  return () => samples.length - next;
}

interface Stats {
  heapUsed: number;
  rss: number;
  rooms: number;
}

interface Memory extends Stats {
  peakRss: number;
}

/** Sums a Prometheus counter's samples (every label set). */
function counter(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{')) sum += Number(line.split(' ').pop());
  return sum;
}

type WhoClosed = Close & { who: 'timed' | 'crowd' | 'facilitator or newcomer' };

const closeNames = new Map<number, string>(Object.entries(CloseCode).map(([name, code]) => [code, name]));

/** Closes by code: how many, of whom, and when (seconds from the start of the run). */
function describeCloses(closes: readonly WhoClosed[], startedAt: number): string {
  const byCode = new Map<number, WhoClosed[]>();
  for (const c of closes) byCode.set(c.code, [...(byCode.get(c.code) ?? []), c]);
  return [...byCode]
    .map(([code, list]) => {
      const whom = ['crowd', 'timed', 'facilitator or newcomer'].map((w) => [w, list.filter((c) => c.who === w).length] as const).filter(([, n]) => n);
      const at = list.map((c) => Math.round((c.at - startedAt) / 100) / 10).sort((a, b) => a - b);
      return `${code} (${closeNames.get(code) ?? (code === 0 ? 'y-websocket watchdog' : 'other')}) ×${list.length}: ${whom.map(([w, n]) => `${n} ${w}`).join(', ')}; at ${at[0]}–${at[at.length - 1]} s into the run`;
    })
    .join('; ');
}

/** The whole machine's CPU time so far, busy and in all (jiffies, from /proc/stat), or null where there is none. */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    const n = fields.slice(0, 8).map(Number);
    const total = n.reduce((a, b) => a + b, 0);
    // idle and iowait are the time nobody ran.
    return { busy: total - (n[3] ?? 0) - (n[4] ?? 0), total };
  } catch {
    return null;
  }
}

function refusedByCode(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/^slc_connections_refused_total\{code="(\d+)"\} (\d+)/gm)) if (Number(m[2]) > 0) out.push(`${m[1]}: ${m[2]}`);
  return out.join(', ');
}

export default async function run(): Promise<BenchResult> {
  if (process.env.SLC_BENCH_ROLE === 'relay') return relayRole();
  if (process.env.SLC_BENCH_ROLE === 'tables-crowd') return crowdProcess();
  process.setMaxListeners(0);

  const load = [loadavg()[0]!];
  const problems: string[] = [];
  const rows: Array<Record<string, BenchCell>> = [];
  const notes: string[] = [];
  const relay = await Peer.spawn('relay');
  const crowd = await Peer.spawn('tables-crowd');
  const clients: Client[] = [];
  try {
    const { wsUrl } = relay.ready as unknown as { wsUrl: string };
    const [w] = (await relay.request<{ workshops: Workshop[] }>({ type: 'create', count: 1, seeded: true })).workshops;
    const id = w!.id;
    const facilitator: User = { name: 'Hannah Reid', organisation: 'Leadership Academy', organisationType: 'Other' };
    const memBefore = await relay.request<Stats>({ type: 'stats' });

    // The facilitator sets up six tables, each with a brief (tables are the facilitator's to write).
    const setup = new Client(wsUrl, id, w!.tokens.facilitator, '127.0.0.2', facilitator, 'facilitator', 'facilitatorsetup01', true);
    await waitFor(() => setup.provider.synced && setup.role === 'facilitator', 20_000, 'the facilitator connected');
    for (let t = 0; t < TABLES; t++) addTable(setup.doc, `Table ${t + 1}`, briefs[t]);
    await waitFor(() => setup.acknowledged, 20_000, 'the tables saved');
    setup.close();
    progress('tables set up');

    // 48 people in the crowd process, then the 12 timed here, then the facilitator's overview: the
    // timed copies join last, so the relay sends them each edit after everyone else.
    const specs = peopleSpecs();
    await ask(crowd, 'join', { wsUrl, id, token: w!.tokens.participant, specs: specs.filter((s) => !s.probe) });
    progress('crowd joined and seated');
    const probes = specs.filter((s) => s.probe).map((s) => new Person(s, wsUrl, id, w!.tokens.participant));
    clients.push(...probes);
    await waitFor(() => probes.every((p) => p.provider.synced), 30_000, 'the timed people synced');
    await Promise.all(probes.map((p) => p.sit()));
    const overview = new Client(wsUrl, id, w!.tokens.facilitator, '127.0.0.3', facilitator, 'facilitator', 'facilitatoroverview1', true);
    clients.push(overview);
    await waitFor(() => overview.provider.synced, 30_000, 'the overview synced');
    await waitFor(() => seatsMap(overview.doc).size === TABLES * PER_TABLE && probes.every((p) => p.acknowledged), 30_000, 'everyone seated');
    progress('everyone seated');
    await sleep(1000);
    const memStart = await relay.request<Stats>({ type: 'stats' });
    const metricsStart = await relay.request<{ text: string; logLines: number }>({ type: 'metrics' });

    // Timing: each timed person's edits, seen by the other timed person at its table, by the overview, and saved.
    const samples = new Map<Person, Sample[]>(probes.map((p) => [p, []]));
    const mate: number[] = [];
    const mateByKind: Record<EditKind, number[]> = { key: [], card: [], move: [] };
    const toOverview: number[] = [];
    const saved: number[] = [];
    let measuring = false;
    const unseen: Array<() => number> = [];
    for (const p of probes) {
      p.onEdit = (clock, t0, kind) => void (measuring && samples.get(p)!.push({ clock, t0, kind }));
      const mates = probes.filter((q) => q !== p && q.spec.table === p.spec.table);
      unseen.push(
        watch(p.doc, mates, samples, (ms, kind) => {
          mate.push(ms);
          mateByKind[kind].push(ms);
        }),
      );
      let next = 0;
      p.onSaved = () => {
        const list = samples.get(p)!;
        const now = performance.now();
        while (next < list.length && list[next]!.clock <= p.savedClock) saved.push(now - list[next++]!.t0);
      };
    }
    const unseenByOverview = watch(overview.doc, probes, samples, (ms) => toOverview.push(ms));

    // Pointer-to-visible: each timed person's pointer positions, seen by the other timed person at its table.
    const pointerSamples = new Map<Person, PointerSample[]>(probes.map((p) => [p, []]));
    const pointerFromMove: number[] = [];
    const pointerFromSent: number[] = [];
    let pointerExact = 0;
    const pointerUnseen: Array<() => number> = [];
    for (const p of probes) {
      p.onPointer = (sample) => void (measuring && pointerSamples.get(p)!.push(sample));
      for (const q of probes.filter((q) => q !== p && q.spec.table === p.spec.table))
        pointerUnseen.push(
          watchPointer(q.provider.awareness, p, pointerSamples.get(p)!, (fromMove, fromSent, exact) => {
            pointerFromMove.push(fromMove);
            pointerFromSent.push(fromSent);
            if (exact) pointerExact++;
          }),
        );
    }

    // Presence reaching each client here (the 12 and the overview), per second: messages, the states they hold, bytes.
    const inProcess: Client[] = [...probes, overview];
    let busiestHeard = 0;
    let busiestStates = 0;
    let busiestAppSent = 0;
    let busiestAppSentBytes = 0;
    let lastTraffic = inProcess.map((c) => ({ ...c.traffic }));
    let lastSampleAt = performance.now();
    const trafficStart = lastTraffic;
    // The relay's messages in and out, per second.
    const relayPerSecond: Array<{ in: number; out: number }> = [];

    // The run.
    await relay.request({ type: 'cpu' });
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const cpuMark = process.cpuUsage();
    measuring = true;
    const started = performance.now();
    const startedAt = Date.now();
    for (const p of probes) p.markStart();
    let relayMark = { in: counter(metricsStart.text, 'slc_messages_received_total'), out: counter(metricsStart.text, 'slc_messages_sent_total') };
    let relayMarkAt = performance.now();
    const machineStart = machineCpu();
    await ask(crowd, 'start');
    const loops = probes.map((p) => p.live());
    const memory: Memory[] = [];
    while (performance.now() - started < SECONDS * 1000) {
      await sleep(Math.max(0, Math.min(1000, SECONDS * 1000 - (performance.now() - started))));
      // Per second of the window since the last sample (a window stretches when a process stalls);
      // the last window of the run may be short, and a few messages in it say nothing of a second.
      const now = inProcess.map((c) => ({ ...c.traffic }));
      const window = (performance.now() - lastSampleAt) / 1000;
      lastSampleAt = performance.now();
      if (window >= 0.9)
        now.forEach((t, i) => {
          const d = trafficSince(t, lastTraffic[i]!);
          busiestHeard = Math.max(busiestHeard, d.heard / window);
          busiestStates = Math.max(busiestStates, d.heardStates / window);
          if (inProcess[i] !== overview) {
            busiestAppSent = Math.max(busiestAppSent, d.sent / window);
            busiestAppSentBytes = Math.max(busiestAppSentBytes, d.sentBytes / window);
          }
        });
      lastTraffic = now;
      memory.push(await relay.request<Memory>({ type: 'memory' }));
      const m = await relay.request<{ text: string }>({ type: 'metrics' });
      const relayNow = { in: counter(m.text, 'slc_messages_received_total'), out: counter(m.text, 'slc_messages_sent_total') };
      const relayAt = performance.now();
      const relayWindow = (relayAt - relayMarkAt) / 1000;
      if (relayWindow >= 0.9) relayPerSecond.push({ in: (relayNow.in - relayMark.in) / relayWindow, out: (relayNow.out - relayMark.out) / relayWindow });
      relayMark = relayNow;
      relayMarkAt = relayAt;
      const closedHere = inProcess.reduce((n, c) => n + c.closes.length, 0);
      if (memory.length % 30 === 0 || closedHere)
        progress(
          `${memory.length} s: ${mate.length} timed edits, ${pointerFromMove.length} pointer positions seen, relay ${Math.round(relayPerSecond[relayPerSecond.length - 1]?.in ?? 0)} in/${Math.round(relayPerSecond[relayPerSecond.length - 1]?.out ?? 0)} out a second, rss ${mib(memory[memory.length - 1]!.rss)}, ${closedHere} closes here`,
        );
    }
    for (const p of probes) p.stopping = true;
    const crowdRun = await ask<{ type: 'stopped'; cpu: number; delay: { p99: number; max: number }; busiest: CrowdBusiest }>(crowd, 'stop');
    await Promise.all(loops);
    for (const p of probes) p.markStop();
    const ranMs = performance.now() - started;
    const inProcessTraffic = inProcess.map((c, i) => trafficSince(c.traffic, trafficStart[i]!));
    measuring = false;
    const ownCpu = process.cpuUsage(cpuMark);
    const ownPercent = ((ownCpu.user + ownCpu.system) / 1000 / ranMs) * 100;
    const machineEnd = machineCpu();
    const machinePercent =
      machineStart && machineEnd ? ((machineEnd.busy - machineStart.busy) / Math.max(1, machineEnd.total - machineStart.total)) * cpus().length * 100 : null;
    delay.disable();
    const relayRun = await relay.request<{ percent: number; delay: { p99: number; max: number } }>({ type: 'cpu' });
    memory.push(await relay.request<Memory>({ type: 'memory' }));
    const metricsEnd = await relay.request<{ text: string; logLines: number; logged: string[] }>({ type: 'metrics' });
    load.push(loadavg()[0]!);
    progress(`run over after ${Math.round(ranMs / 1000)} s`);

    // Settle: every edit acknowledged as saved, then every copy the same as the relay's room.
    if (
      !(await waitFor(() => probes.every((p) => p.acknowledged), 60_000, 'saved').then(
        () => true,
        () => false,
      ))
    )
      problems.push(`not every timed person's edits were acknowledged as saved within 60 s: ${probes.map((p) => `${p.savedClock}/${p.clock}`).join(', ')}`);
    let crowdPeople = (await ask<{ type: 'report'; people: PersonReport[] }>(crowd, 'report', { settle: true })).people;
    const unacknowledged = crowdPeople.filter((p) => p.saved < p.clock);
    if (unacknowledged.length) problems.push(`${unacknowledged.length} crowd people's edits not all acknowledged as saved within 60 s`);
    let relayDoc = new Y.Doc();
    const sameAsRelay = (sv: string) => sv === b64(Y.encodeStateVector(relayDoc));
    let converged = false;
    for (let attempt = 0; attempt < 40 && !converged; attempt++) {
      if (attempt > 0) await sleep(500);
      const room = await relay.request<{ update: string | null }>({ type: 'room', id, from: 'memory' });
      relayDoc.destroy();
      relayDoc = new Y.Doc();
      if (room.update) Y.applyUpdate(relayDoc, Buffer.from(room.update, 'base64'));
      crowdPeople = (await ask<{ type: 'report'; people: PersonReport[] }>(crowd, 'report', { settle: false })).people;
      converged = [...clients.map((c) => b64(Y.encodeStateVector(c.doc))), ...crowdPeople.map((p) => p.stateVector)].every(sameAsRelay);
    }
    if (!converged) problems.push('the copies did not reach the relay’s state vector within 20 s');

    // A newcomer opening the link now gets the whole room.
    const newcomer = new Client(
      wsUrl,
      id,
      w!.tokens.participant,
      '127.0.0.4',
      { name: 'Late Comer', organisation: 'Riverside ICB', organisationType: 'ICB' },
      'participant',
      'latecomer0000001',
      true,
    );
    clients.push(newcomer);
    await waitFor(() => newcomer.provider.synced && sameAsRelay(b64(Y.encodeStateVector(newcomer.doc))), 30_000, 'the newcomer synced');

    const people = [...crowdPeople, ...probes.map((p) => p.report())].sort((a, b) => a.index - b.index);
    const relayDigest = digest(relayDoc);
    const digests = new Set([relayDigest, digest(overview.doc), digest(newcomer.doc), ...people.map((p) => p.digest)]);
    if (digests.size !== 1) problems.push(`the copies' contents differ: ${digests.size} different contents among ${people.length + 3}`);
    const checks = { overview: checkCopy(overview.doc, people), newcomer: checkCopy(newcomer.doc, people), room: checkCopy(relayDoc, people) };

    // Everyone leaves; the relay saves and unloads the room; its file must hold the same.
    await ask(crowd, 'leave');
    for (const c of clients.splice(0)) c.close();
    const file = await relay.request<{ update: string | null; error?: string }>({ type: 'room', id, from: 'disk' });
    const fileDoc = new Y.Doc();
    if (file.update) Y.applyUpdate(fileDoc, Buffer.from(file.update, 'base64'));
    else problems.push(`the workshop's file could not be read: ${file.error ?? 'no update'}`);
    const fileCheck = checkCopy(fileDoc, people);
    const fileSame = b64(Y.encodeStateVector(fileDoc)) === b64(Y.encodeStateVector(relayDoc)) && digest(fileDoc) === relayDigest;
    if (!fileSame) problems.push('the workshop’s file, once saved and unloaded, differs from the relay’s room');
    const memLeft = await relay.request<Stats>({ type: 'stats' });
    const metricsLeft = await relay.request<{ text: string; logLines: number; logged: string[] }>({ type: 'metrics' });

    // Refusals, closes, reconnects, from both ends.
    const refusals = [...people.flatMap((p) => p.refusals), ...overview.refusals, ...newcomer.refusals, ...setup.refusals];
    const reconnects = people.reduce((n, p) => n + Math.max(0, p.connects - 1), 0) + Math.max(0, overview.connects - 1);
    const probeNames = new Set(probes.map((p) => p.spec.name));
    const allCloses: WhoClosed[] = [
      ...people.flatMap((p) => p.closes.map((c) => ({ ...c, who: probeNames.has(p.name) ? 'timed' : 'crowd' }) as const)),
      ...[overview, newcomer, setup].flatMap((client) => client.closes.map((c) => ({ ...c, who: 'facilitator or newcomer' }) as const)),
    ];
    const closesSaid = describeCloses(allCloses, startedAt);
    const relayRefused = counter(metricsLeft.text, 'slc_connections_refused_total');
    const relayLogDuring = metricsLeft.logLines - metricsStart.logLines;
    if (allCloses.length) problems.push(`connections closed by the relay or the network: ${closesSaid}`);
    if (refusals.length) problems.push(`refusals: ${refusals.slice(0, 5).join('; ')}`);
    if (relayRefused) problems.push(`the relay refused connections: ${refusedByCode(metricsLeft.text)}`);
    if (relayLogDuring) problems.push(`the relay logged ${relayLogDuring} lines during the run: ${metricsLeft.logged.slice(-5).join(' | ')}`);
    for (const [where, c] of Object.entries({ ...checks, file: fileCheck })) {
      if (c.lost.length) problems.push(`${where}: ${c.lost.length} cards lost, e.g. ${c.lost[0]}`);
      if (c.misplaced.length) problems.push(`${where}: ${c.misplaced.length} moved cards misplaced, e.g. ${c.misplaced[0]}`);
      if (c.seatsWrong.length) problems.push(`${where}: ${c.seatsWrong.length} seats wrong, e.g. ${c.seatsWrong[0]}`);
    }
    const neverSeen = unseen.reduce((n, f) => n + f(), 0);
    const neverSeenByOverview = unseenByOverview();
    if (neverSeen || neverSeenByOverview) problems.push(`timed edits never seen: ${neverSeen} by a table-mate, ${neverSeenByOverview} by the overview`);
    const pointerNeverSeen = pointerUnseen.reduce((n, f) => n + f(), 0);
    if (pointerNeverSeen) problems.push(`${pointerNeverSeen} timed pointer positions never seen (nor a later one) by the table-mate`);
    for (const p of problems) console.error(`[relay-tables] problem: ${p}`);

    // The figures.
    const counts = people.reduce((s, p) => ({ key: s.key + p.counts.key, card: s.card + p.counts.card, move: s.move + p.counts.move }), {
      key: 0,
      card: 0,
      move: 0,
    });
    const edits = counts.key + counts.card + counts.move;
    const secs = ranMs / 1000;
    const msgsIn = counter(metricsEnd.text, 'slc_messages_received_total') - counter(metricsStart.text, 'slc_messages_received_total');
    const msgsOut = counter(metricsEnd.text, 'slc_messages_sent_total') - counter(metricsStart.text, 'slc_messages_sent_total');
    const bytesOut = counter(metricsEnd.text, 'slc_message_bytes_sent_total') - counter(metricsStart.text, 'slc_message_bytes_sent_total');
    const peakRss = Math.max(...memory.map((m) => m.peakRss));
    const peakHeap = Math.max(...memory.map((m) => m.heapUsed));
    const sampledPeakRss = Math.max(...memory.map((m) => m.rss));
    const endRun = memory[memory.length - 1]!;
    const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);
    // Presence reaching a client here, per client and second; and what each kind of client sent.
    const heardAverage = r2(sum(inProcessTraffic.map((t) => t.heard)) / inProcess.length / secs);
    const statesAverage = r2(sum(inProcessTraffic.map((t) => t.heardStates)) / inProcess.length / secs);
    const heardBytesPerSecond = sum(inProcessTraffic.map((t) => t.heardBytes)) / inProcess.length / secs;
    const crowdOnly = people.filter((p) => !probeNames.has(p.name));
    const timedOnly = people.filter((p) => probeNames.has(p.name));
    const perClient = (list: readonly PersonReport[], f: (t: PresenceTraffic) => number) =>
      sum(list.map((p) => f(p.traffic))) / Math.max(1, list.length) / secs;
    const stockSent = r2(perClient(crowdOnly, (t) => t.sent));
    const stockSentBytes = perClient(crowdOnly, (t) => t.sentBytes);
    const stockHeard = r2(perClient(crowdOnly, (t) => t.heard));
    const appSent = r2(perClient(timedOnly, (t) => t.sent));
    const appSentBytes = perClient(timedOnly, (t) => t.sentBytes);
    const ownChanges = r2(sum(people.map((p) => p.presenceSends)) / people.length / secs);
    const overviewTraffic = inProcessTraffic[inProcessTraffic.length - 1]!;
    // The pointer stream: positions sent in the room, and how much of the time pointers moved.
    const pointerPerSecond = sum(people.map((p) => p.pointerSends)) / secs;
    const presencePerSecondInRoom = sum(people.map((p) => p.presenceSends)) / secs;
    const movingShare = sum(people.map((p) => p.pointerMovingMs)) / people.length / ranMs;
    const pp = percentiles(pointerFromMove);
    const pps = percentiles(pointerFromSent);
    const pointerSent = sum([...pointerSamples.values()].map((l) => l.length));
    const relayInBusiest = Math.max(0, ...relayPerSecond.map((r) => r.in));
    const relayOutBusiest = Math.max(0, ...relayPerSecond.map((r) => r.out));
    const pm = percentiles(mate);
    const po = percentiles(toOverview);
    const ps = percentiles(saved);
    const timed = samples.size ? [...samples.values()].reduce((n, l) => n + l.length, 0) : 0;
    const latencyRow = (measure: string, p: Percentiles, result: string): Record<string, BenchCell> => ({
      measure,
      samples: p.n,
      'p50 (ms)': r2(p.p50),
      'p95 (ms)': r2(p.p95),
      'p99 (ms)': r2(p.p99),
      'max (ms)': r2(p.max),
      result,
    });
    // Rows without latencies leave those cells out, so the latency columns stay numeric (right-aligned).
    const factRow = (measure: string, result: string): Record<string, BenchCell> => ({ measure, result });
    const kindCounts = (k: EditKind) => `${percentiles(mateByKind[k]).n} samples, p95 ${r2(percentiles(mateByKind[k]).p95)} ms`;
    const lostAll = [checks.overview, checks.newcomer, checks.room, fileCheck].reduce((n, c) => n + c.lost.length, 0);
    const misplacedAll = [checks.overview, checks.newcomer, checks.room, fileCheck].reduce((n, c) => n + c.misplaced.length + c.seatsWrong.length, 0);
    rows.push(
      latencyRow(
        'Edit-to-visible within a table: a timed person’s edit → the other timed person at that table',
        pm,
        `keystrokes ${kindCounts('key')}; new cards ${kindCounts('card')}; moves ${kindCounts('move')}; ${neverSeen} never seen`,
      ),
      latencyRow('Edit-to-visible to the facilitator’s overview (the whole room’s doc)', po, `${neverSeenByOverview} never seen`),
      latencyRow(
        'Pointer-to-visible within a table: a timed person’s mouse reaching a position → that position (or a later one) in the other timed person’s presence',
        pp,
        `${pointerSent.toLocaleString('en-GB')} positions sent by the 12 (each seen by its table-mate); ${Math.round((pointerExact / Math.max(1, pp.n)) * 100)}% seen as such, the rest overtaken by the writer’s next one before the relay sent them; ${pointerNeverSeen} never seen`,
      ),
      latencyRow(
        'Pointer-to-visible, from the writer’s broadcast sending the position (relay and sockets only)',
        pps,
        'the difference from the row above: how old the newest pointer event is when the broadcast sends it (at most one pointer event, 16 ms, plus timer lateness)',
      ),
      latencyRow('Edit to acknowledged as saved (the relay’s “saved” state vector back at the writer)', ps, 'durable: committed to SQLite first'),
      factRow(
        'Edits made by the 60 people',
        `${edits.toLocaleString('en-GB')} in ${Math.round(secs)} s (${r2(edits / secs)}/s): ${counts.key.toLocaleString('en-GB')} keystrokes, ${counts.card} new cards, ${counts.move} moves; ${timed.toLocaleString('en-GB')} of them by the 12 timed people`,
      ),
      factRow(
        'Pointer stream in the room',
        `${Math.round(pointerPerSecond).toLocaleString('en-GB')} pointer positions/s sent by the 60 (each person’s pointer moving ${Math.round(movingShare * 100)}% of the time: ${r2(movingShare * people.length)} people at once on average); ${Math.round(presencePerSecondInRoom).toLocaleString('en-GB')} presence changes/s in all with drags, selection and editing (${ownChanges}/s a person)`,
      ),
      factRow(
        'Presence messages reaching a client',
        `${heardAverage}/s on average (holding ${statesAverage} presence states/s, ${kib(heardBytesPerSecond)}/s), busiest second ${r2(busiestHeard)} messages (${Math.round(busiestStates)} states), at the 12 timed people and the overview; the overview heard ${r2(overviewTraffic.heard / secs)}/s (${r2(overviewTraffic.heardStates / secs)} states/s); a crowd client ${stockHeard}/s (busiest second ${r2(crowdRun.busiest.heard)})`,
      ),
      factRow(
        'Presence messages a client sends',
        `stock (the crowd of 48): ${stockSent}/s (${kib(stockSentBytes)}/s; busiest second of any ${r2(crowdRun.busiest.sent)} messages, ${kib(crowdRun.busiest.sentBytes)}), its own changes and an echo of every presence message it hears; the app’s (the 12 timed people): ${appSent}/s (${kib(appSentBytes)}/s; busiest second ${r2(busiestAppSent)}, ${kib(busiestAppSentBytes)}), its own changes only; the overview ${r2(overviewTraffic.sent / secs)}/s. The relay allows a connection ${Limits.messagesPerSecond} messages and ${kib(Limits.bytesPerSecond)} a second (bursts of ${Limits.messageBurst} and ${mib(Limits.byteBurst)}), and ${Limits.presencePerSecond} changes of its own presence`,
      ),
      factRow(
        'Relay traffic during the run',
        `${Math.round(msgsIn / secs).toLocaleString('en-GB')} messages/s in (busiest second ${Math.round(relayInBusiest).toLocaleString('en-GB')}), ${Math.round(msgsOut / secs).toLocaleString('en-GB')}/s out (busiest second ${Math.round(relayOutBusiest).toLocaleString('en-GB')}; ${mib(bytesOut / secs)}/s, ${mib(bytesOut)} in all), doc and presence`,
      ),
      factRow(
        'Acknowledged edits lost',
        `${lostAll} (${checks.room.cards} cards’ words checked against the writer’s own in each of the overview, a newcomer who joined at the end, the relay’s room and the workshop’s file once saved and unloaded; ${checks.room.moved} moved cards each where someone dropped them; ${checks.room.seats} seats at their tables; ${misplacedAll} misplaced)`,
      ),
      factRow(
        'Every edit acknowledged as saved by the end',
        `${people.filter((p) => p.saved >= p.clock).length} of ${people.length} people (the relay’s “saved” state vector covers each one’s last edit)`,
      ),
      factRow(
        'Copies the same',
        `${digests.size === 1 && converged && fileSame ? 'yes' : 'no'}: ${people.length + 4} copies (60 people, overview, newcomer, relay’s room, file), equal state vectors and content`,
      ),
      factRow(
        'Refusals and closes',
        `${refusals.length} refused edits; ${allCloses.length} connections closed by the relay or the network${allCloses.length ? ` (${closesSaid})` : ''}; relay turned away ${relayRefused} connections; ${relayLogDuring} relay log lines during the run`,
      ),
      factRow('Reconnects', `${reconnects}`),
      factRow(
        'Relay process memory (RSS)',
        `start ${mib(memStart.rss)} (${mib(memBefore.rss)} before anyone joined); peak ${mib(peakRss)} (highest 1 s sample ${mib(sampledPeakRss)}); end of run ${mib(endRun.rss)}; after everyone left ${mib(memLeft.rss)}`,
      ),
      factRow(
        'Relay process heap used',
        `start ${mib(memStart.heapUsed)}; peak ${mib(peakHeap)} (1 s samples, no gc); end of run ${mib(endRun.heapUsed)} (no gc); after everyone left ${mib(memLeft.heapUsed)} (after gc, room unloaded: ${memLeft.rooms} rooms open)`,
      ),
      factRow(
        'CPU during the run (of one core)',
        `relay ${Math.round(relayRun.percent)}% (its threads, save worker included), crowd of 48 ${Math.round(crowdRun.cpu)}%, this process (12 people and the overview) ${Math.round(ownPercent)}%${machinePercent === null ? '' : `; the whole machine ${Math.round(machinePercent)}% of its ${cpus().length * 100}%, so other processes ${Math.max(0, Math.round(machinePercent - relayRun.percent - crowdRun.cpu - ownPercent))}%`}`,
      ),
      factRow(
        'Longest event-loop stall (p99 / max)',
        `relay ${r2(relayRun.delay.p99)} / ${r2(relayRun.delay.max)} ms; crowd ${r2(crowdRun.delay.p99)} / ${r2(crowdRun.delay.max)} ms; this process ${r2(delay.percentile(99) / 1e6)} / ${r2(delay.max / 1e6)} ms`,
      ),
    );
    notes.push(
      `What it means: with 60 people typing and moving cards at 6 tables at once (${r2(edits / secs)} edits a second in the room) and moving their pointers over the board in spells (${Math.round(pointerPerSecond)} pointer positions a second in the room), a key pressed at a table shows on a table-mate's screen in ${r2(pm.p50)} ms at the median and ${r2(pm.p95)} ms at p95, and on the facilitator's overview in ${r2(po.p50)} / ${r2(po.p95)} ms: the relay sends every edit to every connection in the room, so the overview sees a table's edit as soon as the table does. A pointer's move shows on a table-mate's screen in ${r2(pp.p50)} ms at the median and ${r2(pp.p95)} ms at p95 (${r2(pps.p50)} / ${r2(pps.p95)} ms from the moment it was sent): the app's broadcast sends a person's newest position at most every 50 ms and the relay gathers a room's presence changes for up to 50 ms into one message, so each client hears about ${Math.round(heardAverage)} presence messages a second (holding ${Math.round(statesAverage)} presence changes) however many pointers move. The slowest (${r2(Math.max(pm.max, po.max, pp.max))} ms) are of the order of the longest event-loop stall in the three processes sharing this 2-core machine (${r2(Math.max(relayRun.delay.max, crowdRun.delay.max, delay.max / 1e6))} ms). The relay process peaked at ${mib(peakRss)} RSS, ${mib(peakRss - memBefore.rss)} above its size before anyone joined.`,
      problems.length
        ? `Problems found: ${problems.join('; ')}.`
        : `No problems: no acknowledged edit lost, every copy the same, no refusal, no close, ${reconnects} reconnects, nothing in the relay's log.`,
      `Ran ${Math.round(secs)} s${SECONDS === 300 ? '' : ` (SLC_BENCH_TABLES_SECONDS=${SECONDS}; the full run is 300 s)`}. Load average (1 min) at the start / end of the run: ${load.map((l) => l.toFixed(1)).join(' / ')} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}.`,
      'Timing is honest to one clock: writer and observers are separate clients (separate sockets, from separate loopback addresses) in this one process, so t0 and the arrival are read from the same performance.now(). For an edit, t0 is taken just before the writer’s local transaction (y-websocket sends the update from inside it); an edit is visible when the observer’s doc has applied an update after which its state vector covers the writer’s clock for that edit (its “update” event). For a pointer, t0 is the pointer event that brought the mouse to the position (or, in the second row, the writer’s broadcast sending it); it is visible when the observer’s awareness “update” holds that position or one the writer sent after it, and every position up to the one seen is counted then. The relay sends a room’s presence at most every 50 ms, the newest state of each person, so a position the writer’s next overtook is never shown as such: the share seen as such is in the table. This process holds 13 of the 62 clients and stays lightly loaded (its event-loop stall is in the table), so its own queueing adds little; the crowd’s 48 clients run in another process so their work does not delay the timed ones, and they are the load: each applies every edit and presence change as a real client does.',
      'Stock and app clients: the 48 people of the crowd are stock y-websocket providers, which send back every presence change they hear (their awareness handler rebroadcasts each one): the harder case for the relay, and what any stock client brings. The 12 timed people, the facilitator (setup and overview) and the newcomer have the app’s provider behaviour, `sendOwnPresenceOnly` (shared/own-presence-only.ts, as renderer/src/collab/session.ts sets it), sending only their own presence, so their figures are the app’s. The relay counts only a change to a connection’s own presence against its 40 a second (the echoes change nothing, and cost only against the message and byte budgets), and sends a room’s presence changes together at most every 50 ms.',
      `Headroom: the echoes do count against a stock client’s byte budget, and they grow with the number of pointers moving (each echo holds every state the relay’s last presence message held). Here a stock client sent ${kib(stockSentBytes)} a second on average, ${Math.round((stockSentBytes / Limits.bytesPerSecond) * 100)}% of the ${kib(Limits.bytesPerSecond)} a connection may send, and ${kib(crowdRun.busiest.sentBytes)} in its busiest second (${Math.round((crowdRun.busiest.sentBytes / Limits.bytesPerSecond) * 100)}%), with ${r2(movingShare * people.length)} pointers moving on average; seconds over the limit would come out of its ${mib(Limits.byteBurst)} burst allowance. A room where many more pointers move at once for long, with stock clients in it, would have those stock clients closed with ${CloseCode.bandwidth} (bandwidth) and reconnecting; the app’s clients send only their own presence (${kib(appSentBytes)} a second here) and are far from it.`,
      'The timed clients joined after the crowd and the overview last, so the relay sends each edit to them after the other clients (the relay sends to a room’s connections in the order they joined): their figures include the relay writing the edit to every other socket first.',
      `Memory: RSS and heap of the relay process (process.memoryUsage()) sampled once a second without gc; the peak RSS is the process’s own high-water mark (process.resourceUsage().maxRSS); start and “after everyone left” are after two gc passes. The relay holds one room here; the crowd processes’ and this process’s memory is not counted.`,
      `Each person connects as the app does (\`ext=1\`, a voter id, name and organisation, the relay’s voter ticket taken when given, the app’s reconnect rule) from its own loopback address, as one device each; from one address 61 connections would be within the relay’s 64 per address, with three to spare. Presence is as the app shares it and sends it: name, organisation, role, viewport, selection, editing, live drag positions and the pointer, all through a copy of the app’s broadcast (renderer/src/collab/presence-broadcast.ts: one pending state, sent as one awareness change with \`lastActive\` at most every ${BROADCAST_MS} ms, a drag’s end at once). The pointer: each person’s pointer moves for ${POINTER_MOVING_MS[0] / 1000}–${POINTER_MOVING_MS[1] / 1000} s, then is still for ${POINTER_STILL_MS[0] / 1000}–${POINTER_STILL_MS[1] / 1000} s (seeded, independent of what the person does), a pointer event every ${POINTER_EVENT_MS} ms while it moves (\`cursor: {x, y}\` in board coordinates, fractions of a pixel as a zoomed board gives them), and during a drag it moves with the card.`,
    );
    return {
      title: 'Tables: 60 clients at 6 tables for 5 minutes',
      method: `A real relay (\`server/relay.ts\`, default limits, admission, schema gate, every batch of edits committed to SQLite by its save worker before it is announced as saved) in its own Node process on loopback, with a workshop holding the worked example. The facilitator (facilitator link) adds 6 tables with \`addTable\` and leaves; 60 participants (participant link), 10 per table, each a y-websocket client with presence as the app sets and sends it, sit at their table with \`seat\` (their own seat). For ${Math.round(secs)} s each person, every ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s (seeded mulberry32, seed ${SEED}), adds a card at their table (\`addCard\` with its tableId) and types 3–7 words into it one key at a time, ${KEY_MS[0]}–${KEY_MS[1]} ms a key (\`setCardText\` per key, as the card editor writes; 3% of keys a typo and a backspace), or drags one of their table's cards (10 presence frames, then \`moveEntry\` on the drop), or adds 1–3 words to one of their own cards; all the while their pointer moves over the board in spells of ${POINTER_MOVING_MS[0] / 1000}–${POINTER_MOVING_MS[1] / 1000} s with still spells of ${POINTER_STILL_MS[0] / 1000}–${POINTER_STILL_MS[1] / 1000} s between, sent at the app's 20 a second. 48 people run in a crowd process as stock clients (each sends back every presence change it hears); 2 per table (12) and the facilitator's overview (facilitator link, holding the whole doc) run in the benchmark process with the app's provider behaviour (only their own presence), where every edit of the 12 is timed to the other timed person at its table and to the overview, and every pointer position to the other timed person at its table. At the end: every edit acknowledged as saved (\`ext=1\` “saved” state vectors), every card's words as its writer typed them in the overview, a newcomer who joins then, the relay's room and, once everyone has left and the room is saved and unloaded, the workshop's file; every copy's state vector and content the same; no refusal or close.`,
      rows,
      notes,
    };
  } finally {
    for (const c of clients) c.close();
    crowd.stop();
    relay.stop();
  }
}
