// Facilitation controls travel beside the doc, not in it: the relay owns this state, checks who
// may change it (facilitators; participants only place their own votes), and keeps votes
// private until the facilitator reveals them. Messages are JSON in MessageType.control frames.
import { z } from 'zod';
import type { Role } from './protocol';

const entryId = z.string().regex(/^[a-z0-9~]{1,40}$/, 'not an entry id');
/** The space a board shows: the room's own ('') or one table's. */
const spaceId = z.union([z.literal(''), entryId]);
const viewport = z.strictObject({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().finite().min(0.05).max(8) });

export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;
export const MAX_DOTS = 20;

export const agendaStepSchema = z.strictObject({
  title: z.string().trim().min(1).max(80),
  minutes: z.number().int().min(1).max(240),
  /** what starting this step sets up */
  mode: z.enum(['drafting', 'reveal', 'cluster', 'vote', 'plan', 'other']),
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

export const controlCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('timer.start'), durationMs: z.number().int().min(1000).max(MAX_TIMER_MS).optional() }),
  z.strictObject({ type: z.literal('timer.pause') }),
  z.strictObject({ type: z.literal('timer.addMinute') }),
  z.strictObject({ type: z.literal('timer.reset'), durationMs: z.number().int().min(1000).max(MAX_TIMER_MS).optional() }),
  z.strictObject({ type: z.literal('lock.board'), locked: z.boolean() }),
  z.strictObject({ type: z.literal('lock.item'), id: entryId, locked: z.boolean() }),
  // One table's cards and proposals, while the others work on.
  z.strictObject({ type: z.literal('lock.table'), tableId: entryId, locked: z.boolean() }),
  z.strictObject({
    type: z.literal('vote.start'),
    targets: z.enum(['cards', 'items', 'both']),
    dotsPerPerson: z.number().int().min(1).max(MAX_DOTS),
    anonymous: z.boolean(),
  }),
  z.strictObject({ type: z.literal('vote.place'), target: entryId }),
  z.strictObject({ type: z.literal('vote.remove'), target: entryId }),
  z.strictObject({ type: z.literal('vote.reveal') }),
  z.strictObject({ type: z.literal('vote.close') }),
  // Everyone, or (tableId) only the people at one table, to the facilitator's view: the space it
  // shows ('' the room's, or a table's) and where on it.
  z.strictObject({ type: z.literal('summon'), viewport, space: spaceId.optional(), tableId: entryId.optional() }),
  z.strictObject({ type: z.literal('present'), step: z.number().int().min(0).max(100).nullable() }),
  // The facilitator hands the presentation's clicker to someone in the room (a table's reporter),
  // named by the ref the relay gave them in its list of people; null takes it back.
  z.strictObject({
    type: z.literal('present.handTo'),
    ref: z
      .string()
      .regex(/^p\d{1,6}$/, 'not a person')
      .nullable(),
  }),
  z.strictObject({ type: z.literal('drafts.reveal') }),
  z.strictObject({ type: z.literal('agenda.set'), steps: z.array(agendaStepSchema).max(30) }),
  z.strictObject({ type: z.literal('agenda.go'), index: z.number().int().min(0).max(29).nullable() }),
  // A table asks for the facilitator (anyone at it); the facilitator answers by opening it.
  z.strictObject({ type: z.literal('table.call'), tableId: entryId }),
  z.strictObject({ type: z.literal('table.answer'), tableId: entryId }),
  // Whether people choose their own table (or only the facilitator places them).
  z.strictObject({ type: z.literal('tables.selfSeating'), allowed: z.boolean() }),
]);
export type ControlCommand = z.infer<typeof controlCommandSchema>;
export type ControlCommandType = ControlCommand['type'];

/**
 * What a participant may do; everything else is for facilitators only. Viewers may do nothing.
 * A participant's `present` is taken only from the person handed the clicker.
 */
export const participantCommands: ReadonlySet<ControlCommandType> = new Set(['vote.place', 'vote.remove', 'table.call', 'present']);

export interface TimerState {
  status: 'idle' | 'running' | 'paused' | 'done';
  durationMs: number;
  /** relay clock (ms since epoch) at which a running timer ends */
  endsAt: number | null;
  /** time left when paused or idle */
  remainingMs: number;
}

export interface VoteState {
  targets: 'cards' | 'items' | 'both';
  dotsPerPerson: number;
  anonymous: boolean;
  /** until revealed, the relay sends nobody the tally */
  revealed: boolean;
  /**
   * total dots placed so far (a count, not where) so the room sees progress. Until the reveal,
   * dots on a card removed meanwhile still count here, so removing a card (and undoing) never
   * tells anyone how many dots it had.
   */
  dotsPlaced: number;
  /** how many people (voter tickets) have placed a dot: someone voting under several identities shows as several */
  voters: number;
  /** after reveal: dots per entry, and (named votes) who placed them */
  results: Record<string, { dots: number; voters: string[] }> | null;
}

/** The control state as one connection sees it. */
export interface ControlState {
  /** relay clock when this state was sent, to correct for clock differences */
  serverNow: number;
  timer: TimerState;
  locked: boolean;
  lockedItems: string[];
  /** tables whose cards and proposals only the facilitator may change for now */
  lockedTables: string[];
  vote: VoteState | null;
  /** this connection's own dots (entry ids, repeated for several dots on one entry) */
  myDots: string[];
  presentation: PresentationState | null;
  agenda: { steps: AgendaStep[]; current: number | null };
  /** tables asking for the facilitator, oldest first: who asked and when (relay clock) */
  calls: TableCall[];
  /** whether people may choose their own table (the relay holds each to their own seat) */
  selfSeating: boolean;
}

export interface PresentationState {
  step: number;
  /** the name of the person the facilitator handed the clicker to, or null */
  presenter: string | null;
  /** whether that person is this connection's */
  youPresent: boolean;
}

export interface TableCall {
  tableId: string;
  /** the name of the person who asked */
  by: string;
  at: number;
}

/** A person connected to the room, as the relay counts people (one per voter ticket). */
export interface PersonHere {
  /** a short name for the person in this room (never their ticket) */
  ref: string;
  role: Role;
  connections: number;
  /** the presence (awareness) ids this person announced; none for someone who shares no presence */
  presence: number[];
}

/** One-off events the relay passes on to everyone. */
export type ControlEvent =
  | { type: 'summon'; viewport: z.infer<typeof viewport>; from: string; space?: string; tableId?: string }
  | { type: 'drafts.reveal' }
  /** the facilitator restored the workshop to a restore point taken at `at`; the change follows */
  | { type: 'restored'; at: number }
  /** a table asked for the facilitator */
  | { type: 'table.called'; tableId: string; by: string };

export type RelayControlMessage =
  | { kind: 'state'; state: ControlState }
  | { kind: 'event'; event: ControlEvent }
  | { kind: 'refused'; command: string; reason: string }
  /** the voter ticket this connection counts as; sent back as `voter` when reconnecting */
  | { kind: 'voter'; voterId: string }
  /** who is connected, as the relay counts people (sent when that changes) */
  | { kind: 'people'; people: PersonHere[] };
