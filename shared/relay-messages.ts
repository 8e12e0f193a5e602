// One encoder/decoder for the relay's own messages (beyond y-websocket's sync and awareness),
// used by the relay and by the client, so the two can never disagree about a frame's layout.
// Every message is a varuint type followed by one payload field.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MessageType, type Role } from './protocol';
import type { ControlCommand, RelayControlMessage } from './control';

/** What the relay says about its ability to write the workshop to disk. */
export type SaveStatus = { ok: true } | { ok: false; reason: string };

function frame(type: number, write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, type);
  write(enc);
  return encoding.toUint8Array(enc);
}

/** relay → client: the state vector durably written. */
export function encodeSaved(stateVector: Uint8Array): Uint8Array {
  return frame(MessageType.saved, (enc) => encoding.writeVarUint8Array(enc, stateVector));
}

/** relay → client: the role this connection was admitted with. */
export function encodeWelcome(role: Role): Uint8Array {
  return frame(MessageType.welcome, (enc) => encoding.writeVarString(enc, role));
}

/** relay → client: a control state, event or refusal. */
export function encodeRelayControl(message: RelayControlMessage): Uint8Array {
  return frame(MessageType.control, (enc) => encoding.writeVarString(enc, JSON.stringify(message)));
}

/** client → relay: a facilitation command. */
export function encodeControlCommand(command: ControlCommand): Uint8Array {
  return frame(MessageType.control, (enc) => encoding.writeVarString(enc, JSON.stringify(command)));
}

/** relay → client: whether saving works, and if not why, in plain words. */
export function encodeSaveStatus(status: SaveStatus): Uint8Array {
  return frame(MessageType.saveStatus, (enc) => encoding.writeVarString(enc, JSON.stringify(status)));
}

// Decoders read the payload after the type (y-websocket's message handlers get the decoder
// positioned there). They throw on truncated input; JSON payloads are returned unvalidated
// where the reader validates them itself (the relay checks commands with zod).

export function decodeSaved(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder);
}

export function decodeWelcome(decoder: decoding.Decoder): Role {
  const role = decoding.readVarString(decoder);
  if (role !== 'facilitator' && role !== 'participant' && role !== 'viewer') throw new Error(`unknown role ${role}`);
  return role;
}

/** The JSON text of a control frame, either direction. */
export function decodeControlJson(decoder: decoding.Decoder): unknown {
  return JSON.parse(decoding.readVarString(decoder));
}

export function decodeSaveStatus(decoder: decoding.Decoder): SaveStatus {
  const value = JSON.parse(decoding.readVarString(decoder)) as Partial<{ ok: unknown; reason: unknown }>;
  if (value.ok === true) return { ok: true };
  return { ok: false, reason: typeof value.reason === 'string' ? value.reason : 'unknown problem' };
}
