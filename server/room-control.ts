// The facilitation state of one room: timer, locks, dot voting, presentation step and agenda.
// Pure logic (no sockets): the room feeds it commands with the sender's role and identity and
// sends each connection the state it returns. Votes stay here, private, until revealed.
import {
  participantCommands,
  type ControlCommand,
  type ControlState,
  type TimerState,
  type VoteState,
  type AgendaStep,
  type ControlEvent,
  type TableCall,
} from '../shared/control';
import type { Role } from '../shared/protocol';

export interface Voter {
  role: Role;
  /** stable per browser profile, sent by the client when it connects */
  voterId: string;
  name: string;
}

export type ControlOutcome = { ok: false; reason: string } | { ok: true; changed: boolean; event?: ControlEvent; results?: NonNullable<VoteState['results']> };

interface Persisted {
  timer: TimerState;
  locked: boolean;
  lockedItems: string[];
  lockedTables: string[];
  vote:
    | (Omit<VoteState, 'dotsPlaced' | 'voters' | 'results'> & {
        dots: Record<string, string[]>;
        /** dots on entries removed while the vote is open: not the voter's to spend, not in the results, still in the count */
        suspended?: Record<string, string[]>;
        names: Record<string, string>;
        results: VoteState['results'];
      })
    | null;
  /** the step shown, and who (besides the facilitator) may move it on */
  presentation: { step: number; presenter?: { voterId: string; name: string } } | null;
  agenda: { steps: AgendaStep[]; current: number | null };
  calls: TableCall[];
  selfSeating: boolean;
}

/** A room has at most this many tables (schema.ts), so at most this many open calls or table locks. */
const MAX_TABLES = 40;

const DEFAULT_TIMER_MS = 5 * 60 * 1000;

function freshState(): Persisted {
  return {
    timer: { status: 'idle', durationMs: DEFAULT_TIMER_MS, endsAt: null, remainingMs: DEFAULT_TIMER_MS },
    locked: false,
    lockedItems: [],
    lockedTables: [],
    vote: null,
    presentation: null,
    agenda: { steps: [], current: null },
    calls: [],
    selfSeating: true,
  };
}

function countDots(dots: Record<string, string[]>): number {
  return Object.values(dots).reduce((n, d) => n + d.length, 0);
}

export class RoomControl {
  private s: Persisted;

  constructor(
    saved: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.s = freshState();
    if (saved) {
      try {
        this.s = { ...freshState(), ...(JSON.parse(saved) as Partial<Persisted>) };
      } catch {
        // A damaged control record only loses timer/vote state, never workshop content.
      }
    }
  }

  /** JSON to store with the workshop so the state survives a relay restart. */
  serialise(): string {
    return JSON.stringify(this.s);
  }

  get boardLocked(): boolean {
    return this.s.locked;
  }

  isItemLocked(id: string): boolean {
    return this.s.lockedItems.includes(id);
  }

  get selfSeating(): boolean {
    return this.s.selfSeating;
  }

  get lockedTables(): readonly string[] {
    return this.s.lockedTables;
  }

  private timerNow(): TimerState {
    const t = this.s.timer;
    if (t.status === 'running' && t.endsAt !== null && t.endsAt <= this.now()) {
      this.s.timer = { ...t, status: 'done', endsAt: t.endsAt, remainingMs: 0 };
    }
    return this.s.timer;
  }

  stateFor(voterId: string | null): ControlState {
    const v = this.s.vote;
    return {
      serverNow: this.now(),
      timer: this.timerNow(),
      locked: this.s.locked,
      lockedItems: [...this.s.lockedItems],
      lockedTables: [...this.s.lockedTables],
      vote: v
        ? {
            targets: v.targets,
            dotsPerPerson: v.dotsPerPerson,
            anonymous: v.anonymous,
            revealed: v.revealed,
            dotsPlaced: v.revealed ? Object.values(v.results ?? {}).reduce((n, r) => n + r.dots, 0) : countDots(v.dots) + countDots(v.suspended ?? {}),
            voters: new Set([...Object.entries(v.dots), ...Object.entries(v.suspended ?? {})].filter(([, d]) => d.length > 0).map(([voter]) => voter)).size,
            results: v.revealed ? v.results : null,
          }
        : null,
      myDots: v && voterId ? [...(v.dots[voterId] ?? [])] : [],
      presentation: this.s.presentation
        ? {
            step: this.s.presentation.step,
            presenter: this.s.presentation.presenter?.name ?? null,
            youPresent: !!voterId && this.s.presentation.presenter?.voterId === voterId,
          }
        : null,
      agenda: { steps: this.s.agenda.steps, current: this.s.agenda.current },
      calls: [...this.s.calls],
      selfSeating: this.s.selfSeating,
    };
  }

  /**
   * Keeps the vote in step with the board. Before the reveal, a dot on an entry someone removed
   * is set aside: its voter may place it again, and it comes back if the entry does (an undo),
   * while the room's count stays as it was, so removing a card never reveals its tally. After the
   * reveal, results for entries no longer on the board are forgotten. Returns whether anything changed.
   */
  reconcileVotes(exists: (id: string) => boolean): boolean {
    const v = this.s.vote;
    if (!v) return false;
    let changed = false;
    if (!v.revealed) {
      const suspended = (v.suspended ??= {});
      for (const [voter, dots] of Object.entries(v.dots)) {
        const gone = dots.filter((d) => !exists(d));
        if (gone.length === 0) continue;
        v.dots[voter] = dots.filter(exists);
        suspended[voter] = [...(suspended[voter] ?? []), ...gone];
        changed = true;
      }
      for (const [voter, dots] of Object.entries(suspended)) {
        const back = dots.filter(exists);
        if (back.length === 0) continue;
        const mine = v.dots[voter] ?? [];
        // A voter who has spent the dot again meanwhile keeps their new choice.
        const room = Math.max(0, v.dotsPerPerson - mine.length);
        v.dots[voter] = [...mine, ...back.slice(0, room)];
        suspended[voter] = dots.filter((d) => !exists(d));
        changed = true;
      }
    }
    for (const id of Object.keys(v.results ?? {}))
      if (!exists(id)) {
        delete v.results![id];
        changed = true;
      }
    return changed;
  }

  /** Forgets calls and locks of tables no longer in the workshop; whether any went. */
  reconcileTables(tableExists: (id: string) => boolean): boolean {
    const before = this.s.calls.length + this.s.lockedTables.length;
    this.s.calls = this.s.calls.filter((c) => tableExists(c.tableId));
    this.s.lockedTables = this.s.lockedTables.filter(tableExists);
    return this.s.calls.length + this.s.lockedTables.length !== before;
  }

  handle(
    from: Voter,
    cmd: ControlCommand,
    targetExists: (id: string) => 'card' | 'item' | 'table' | null,
    /** a participant in the room by the ref the relay's list of people gives them, or null */
    personOf: (ref: string) => { voterId: string; name: string } | null = () => null,
  ): ControlOutcome {
    if (from.role === 'viewer') return { ok: false, reason: 'viewers cannot use facilitation controls' };
    if (from.role === 'participant' && !participantCommands.has(cmd.type)) return { ok: false, reason: 'only the facilitator can do that' };
    const now = this.now();
    const t = this.timerNow();
    switch (cmd.type) {
      case 'timer.start': {
        const duration = cmd.durationMs ?? (t.status === 'paused' ? t.remainingMs : t.status === 'running' ? (t.endsAt ?? now) - now : t.durationMs);
        this.s.timer = { status: 'running', durationMs: cmd.durationMs ?? t.durationMs, endsAt: now + duration, remainingMs: duration };
        return { ok: true, changed: true };
      }
      case 'timer.pause':
        if (t.status !== 'running') return { ok: false, reason: 'the timer is not running' };
        this.s.timer = { ...t, status: 'paused', endsAt: null, remainingMs: Math.max(0, (t.endsAt ?? now) - now) };
        return { ok: true, changed: true };
      case 'timer.addMinute':
        this.s.timer =
          t.status === 'running'
            ? { ...t, durationMs: t.durationMs + 60_000, endsAt: (t.endsAt ?? now) + 60_000 }
            : t.status === 'done'
              ? { status: 'running', durationMs: t.durationMs + 60_000, endsAt: now + 60_000, remainingMs: 60_000 }
              : { ...t, durationMs: t.durationMs + 60_000, remainingMs: t.remainingMs + 60_000 };
        return { ok: true, changed: true };
      case 'timer.reset': {
        const d = cmd.durationMs ?? t.durationMs;
        this.s.timer = { status: 'idle', durationMs: d, endsAt: null, remainingMs: d };
        return { ok: true, changed: true };
      }
      case 'lock.board':
        this.s.locked = cmd.locked;
        return { ok: true, changed: true };
      case 'lock.item':
        this.s.lockedItems = cmd.locked ? [...new Set([...this.s.lockedItems, cmd.id])] : this.s.lockedItems.filter((x) => x !== cmd.id);
        return { ok: true, changed: true };
      case 'lock.table': {
        if (cmd.locked && targetExists(cmd.tableId) !== 'table') return { ok: false, reason: 'no such table' };
        const others = this.s.lockedTables.filter((x) => x !== cmd.tableId);
        this.s.lockedTables = cmd.locked ? [...others, cmd.tableId].slice(-MAX_TABLES) : others;
        return { ok: true, changed: true };
      }
      case 'vote.start':
        this.s.vote = {
          targets: cmd.targets,
          dotsPerPerson: cmd.dotsPerPerson,
          anonymous: cmd.anonymous,
          revealed: false,
          dots: {},
          suspended: {},
          names: {},
          results: null,
        };
        return { ok: true, changed: true };
      case 'vote.place': {
        const v = this.s.vote;
        if (!v || v.revealed) return { ok: false, reason: 'no vote is open' };
        const kind = targetExists(cmd.target);
        if ((kind !== 'card' && kind !== 'item') || (v.targets === 'cards' && kind !== 'card') || (v.targets === 'items' && kind !== 'item'))
          return { ok: false, reason: 'that cannot be voted on' };
        const mine = v.dots[from.voterId] ?? [];
        if (mine.length >= v.dotsPerPerson) return { ok: false, reason: `you have placed all ${v.dotsPerPerson} dots` };
        v.dots[from.voterId] = [...mine, cmd.target];
        // An anonymous vote keeps no names at all, not even on the host.
        if (!v.anonymous) v.names[from.voterId] = from.name;
        return { ok: true, changed: true };
      }
      case 'vote.remove': {
        const v = this.s.vote;
        if (!v || v.revealed) return { ok: false, reason: 'no vote is open' };
        const mine = v.dots[from.voterId] ?? [];
        const i = mine.lastIndexOf(cmd.target);
        if (i < 0) return { ok: false, reason: 'you have no dot there' };
        v.dots[from.voterId] = mine.filter((_, k) => k !== i);
        return { ok: true, changed: true };
      }
      case 'vote.reveal': {
        const v = this.s.vote;
        if (!v) return { ok: false, reason: 'no vote to reveal' };
        const results: NonNullable<VoteState['results']> = {};
        for (const [voter, dots] of Object.entries(v.dots)) {
          for (const target of dots) {
            const r = (results[target] ??= { dots: 0, voters: [] });
            r.dots += 1;
            if (!v.anonymous && !r.voters.includes(v.names[voter] ?? '')) r.voters.push(v.names[voter] ?? '');
          }
        }
        v.revealed = true;
        v.results = results;
        return { ok: true, changed: true, results };
      }
      case 'vote.close':
        this.s.vote = null;
        return { ok: true, changed: true };
      case 'summon': {
        if (cmd.tableId !== undefined && targetExists(cmd.tableId) !== 'table') return { ok: false, reason: 'no such table' };
        if (cmd.space && targetExists(cmd.space) !== 'table') return { ok: false, reason: 'no such table' };
        const event: ControlEvent = { type: 'summon', viewport: cmd.viewport, from: from.name };
        if (cmd.space !== undefined) event.space = cmd.space;
        if (cmd.tableId !== undefined) event.tableId = cmd.tableId;
        return { ok: true, changed: false, event };
      }
      case 'present': {
        const shown = this.s.presentation;
        if (from.role === 'participant') {
          // The reporter moves the steps on; only the facilitator ends the presentation.
          if (!shown?.presenter || shown.presenter.voterId !== from.voterId) return { ok: false, reason: 'only the facilitator can do that' };
          if (cmd.step === null) return { ok: false, reason: 'only the facilitator can end the presentation' };
        }
        this.s.presentation = cmd.step === null ? null : { ...shown, step: cmd.step };
        return { ok: true, changed: true };
      }
      case 'present.handTo': {
        const shown = this.s.presentation;
        if (!shown) return { ok: false, reason: 'nothing is being presented' };
        if (cmd.ref === null) {
          this.s.presentation = { step: shown.step };
          return { ok: true, changed: true };
        }
        const person = personOf(cmd.ref);
        if (!person) return { ok: false, reason: 'that person is not here' };
        this.s.presentation = { step: shown.step, presenter: { voterId: person.voterId, name: person.name.slice(0, 80) } };
        return { ok: true, changed: true };
      }
      case 'drafts.reveal':
        return { ok: true, changed: false, event: { type: 'drafts.reveal' } };
      case 'agenda.set':
        this.s.agenda = { steps: cmd.steps, current: null };
        return { ok: true, changed: true };
      case 'table.call': {
        if (targetExists(cmd.tableId) !== 'table') return { ok: false, reason: 'no such table' };
        // A second call from a table already waiting changes nothing: it is still first in line.
        if (this.s.calls.some((c) => c.tableId === cmd.tableId)) return { ok: true, changed: false };
        this.s.calls = [...this.s.calls, { tableId: cmd.tableId, by: from.name.slice(0, 80), at: now }].slice(-MAX_TABLES);
        return { ok: true, changed: true, event: { type: 'table.called', tableId: cmd.tableId, by: from.name.slice(0, 80) } };
      }
      case 'tables.selfSeating':
        this.s.selfSeating = cmd.allowed;
        return { ok: true, changed: true };
      case 'table.answer': {
        const before = this.s.calls.length;
        this.s.calls = this.s.calls.filter((c) => c.tableId !== cmd.tableId);
        return { ok: true, changed: this.s.calls.length !== before };
      }
      case 'agenda.go': {
        if (cmd.index === null) {
          this.s.agenda.current = null;
          return { ok: true, changed: true };
        }
        const step = this.s.agenda.steps[cmd.index];
        if (!step) return { ok: false, reason: 'no such agenda step' };
        this.s.agenda.current = cmd.index;
        const ms = step.minutes * 60_000;
        this.s.timer = { status: 'running', durationMs: ms, endsAt: now + ms, remainingMs: ms };
        return { ok: true, changed: true };
      }
    }
  }
}
