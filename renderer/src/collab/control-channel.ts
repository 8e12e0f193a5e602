// The client side of facilitation controls: sends commands to the relay, receives the control
// state and one-off events, and keeps an estimate of the relay's clock so every screen shows the
// same timer. No React here.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../../../shared/protocol';
import type { ControlCommand, ControlState, ControlEvent, RelayControlMessage } from '../../../shared/control';

export class ControlChannel {
  state: ControlState | null = null;
  /** relay clock minus local clock, from the latest state message */
  clockOffset = 0;
  lastRefusal: string | null = null;
  private stateListeners = new Set<() => void>();
  private eventListeners = new Set<(e: ControlEvent) => void>();

  constructor(private readonly provider: WebsocketProvider) {
    provider.messageHandlers[MessageType.control] = (_enc, decoder) => this.receive(decoding.readVarString(decoder));
  }

  private receive(json: string): void {
    let msg: RelayControlMessage;
    try {
      msg = JSON.parse(json) as RelayControlMessage;
    } catch {
      return;
    }
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
    }
  }

  /** The relay's current time, estimated. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  send(command: ControlCommand): boolean {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.control);
    encoding.writeVarString(enc, JSON.stringify(command));
    ws.send(encoding.toUint8Array(enc));
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
}

/** Milliseconds left on the timer at relay time `now`. */
export function timerRemaining(state: ControlState['timer'], now: number): number {
  if (state.status === 'running' && state.endsAt !== null) return Math.max(0, state.endsAt - now);
  return state.status === 'done' ? 0 : state.remainingMs;
}
