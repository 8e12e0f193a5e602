// A bare WebSocket speaking (or abusing) the relay's protocol byte by byte, for tests that
// need to send what no well-behaved client would, and to see exactly what comes back.
import WebSocket from 'ws';
import type * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../shared/protocol';

export class RawClient {
  readonly messages: Buffer[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on('error', () => {});
    ws.on('message', (d: Buffer) => this.messages.push(d));
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<RawClient> {
    const client = new RawClient(new WebSocket(url, options));
    await client.opened;
    return client;
  }

  /** Opens without waiting, for sockets the relay is expected to refuse. */
  static open(url: string, options: WebSocket.ClientOptions = {}): RawClient {
    const client = new RawClient(new WebSocket(url, options));
    client.opened.catch(() => {});
    return client;
  }

  send(data: Uint8Array | string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  /** Message types received so far (first varuint of each message). */
  types(): number[] {
    return this.messages.map((m) => (m.length > 0 ? decoding.readVarUint(decoding.createDecoder(m)) : -1));
  }

  /** Closes politely and waits until the socket is closed. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000);
    await this.closed;
  }
}

export function message(type: number, write: (enc: encoding.Encoder) => void = () => {}): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, type);
  write(enc);
  return encoding.toUint8Array(enc);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return message(MessageType.sync, (enc) => syncProtocol.writeUpdate(enc, update));
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return message(MessageType.sync, (enc) => syncProtocol.writeSyncStep1(enc, doc));
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  return message(MessageType.sync, (enc) => {
    encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(enc, update);
  });
}

/** An awareness message with the given entries; `json` is written as is, so it may be invalid. */
export function awarenessMessage(entries: Array<{ clientID: number; clock: number; json: string }>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientID);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, e.json);
  }
  return message(MessageType.awareness, (enc) => encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner)));
}
