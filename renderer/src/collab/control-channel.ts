// The client side of the relay's own messages beyond sync: facilitation controls (commands out;
// control state, one-off events and refusals in), the voter ticket the relay issues, and whether
// the host can save. Keeps an estimate of the relay's clock so every screen shows the same
// timer. No React here.
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../../../shared/protocol';
import { decodeControlJson, decodeSaveStatus, encodeControlCommand } from '../../../shared/relay-messages';
import type { ControlCommand, ControlState, ControlEvent, PersonHere, RelayControlMessage } from '../../../shared/control';

const ticketKey = (room: string) => `slc.voter.${room}`;

export class ControlChannel {
  state: ControlState | null = null;
  /** relay clock minus local clock, from the latest state message */
  clockOffset = 0;
  lastRefusal: string | null = null;
  /** who is connected, as the relay counts people; null until the relay says (or while disconnected) */
  people: PersonHere[] | null = null;
  /** why the host cannot save right now, in plain words; null while saving works */
  saveProblem: string | null = null;
  private stateListeners = new Set<() => void>();
  private eventListeners = new Set<(e: ControlEvent) => void>();
  private saveListeners = new Set<() => void>();

  constructor(private readonly provider: WebsocketProvider) {
    provider.messageHandlers[MessageType.control] = (_enc, decoder) => this.receive(decodeControlJson(decoder) as RelayControlMessage);
    provider.messageHandlers[MessageType.saveStatus] = (_enc, decoder) => {
      const status = decodeSaveStatus(decoder);
      this.saveProblem = status.ok ? null : status.reason;
      for (const l of this.saveListeners) l();
    };
    // A ticket the relay issued earlier keeps this person's dots across reloads.
    const ticket = readTicket(provider.roomname);
    if (ticket) provider.params = { ...provider.params, voter: ticket };
    provider.on('status', ({ status }: { status: string }) => {
      // A new connection first hears whether the host can save; until then the old news stands.
      if (status === 'disconnected' && this.saveProblem !== null) {
        this.saveProblem = null;
        for (const l of this.saveListeners) l();
      }
      // Who was here is old news once this device is away.
      if (status === 'disconnected' && this.people !== null) {
        this.people = null;
        for (const l of this.stateListeners) l();
      }
    });
  }

  private receive(msg: RelayControlMessage): void {
    if (msg.kind === 'state') {
      this.state = msg.state;
      this.clockOffset = msg.state.serverNow - Date.now();
      this.lastRefusal = null;
      for (const l of this.stateListeners) l();
    } else if (msg.kind === 'event') {
      for (const l of this.eventListeners) l(msg.event);
    } else if (msg.kind === 'refused') {
      this.lastRefusal = msg.reason;
      for (const l of this.stateListeners) l();
    } else if (msg.kind === 'people') {
      this.people = msg.people;
      for (const l of this.stateListeners) l();
    } else if (msg.kind === 'voter') {
      this.provider.params = { ...this.provider.params, voter: msg.voterId };
      writeTicket(this.provider.roomname, msg.voterId);
    }
  }

  /** The relay's current time, estimated. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  send(command: ControlCommand): boolean {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(encodeControlCommand(command) as Uint8Array<ArrayBuffer>);
    return true;
  }

  onState(fn: () => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  onEvent(fn: (e: ControlEvent) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  /** Called when the host starts or stops being able to save. */
  onSaveStatus(fn: () => void): () => void {
    this.saveListeners.add(fn);
    return () => this.saveListeners.delete(fn);
  }
}

/** The voter ticket the relay issued this browser for a workshop, if any (sent as `voter`). */
export function readTicket(room: string): string | null {
  try {
    return globalThis.localStorage?.getItem(ticketKey(room)) ?? null;
  } catch {
    return null;
  }
}

function writeTicket(room: string, ticket: string): void {
  try {
    globalThis.localStorage?.setItem(ticketKey(room), ticket);
  } catch {
    // private mode: the ticket lasts as long as this page
  }
}

/** Milliseconds left on the timer at relay time `now`. */
export function timerRemaining(state: ControlState['timer'], now: number): number {
  if (state.status === 'running' && state.endsAt !== null) return Math.max(0, state.endsAt - now);
  return state.status === 'done' ? 0 : state.remainingMs;
}
