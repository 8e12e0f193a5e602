// What one connection may send per second, judged on each message's decoded type rather than its
// first bytes: a varint may be written in more bytes than it needs (`80 00` is also 0), so a
// check on raw bytes can be dodged while the decoder still reads "sync step 1".
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode, Limits, MessageType } from '../shared/protocol';
import { TokenBucket } from './token-bucket';
import { RelayRefusal } from './relay-errors';

export interface MessageLimitOptions {
  maxMessageBytes: number;
  messagesPerSecond?: number;
  messageBurst?: number;
  bytesPerSecond?: number;
  byteBurst?: number;
  syncRequestsPerSecond?: number;
  syncRequestBurst?: number;
  presencePerSecond?: number;
  presenceBurst?: number;
  presenceQueriesPerSecond?: number;
  presenceQueryBurst?: number;
}

/** A message's type and, for sync messages, its sync type, as the room will read them. */
export function messageKind(data: Uint8Array): { type: number; syncType: number | null } | null {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    const syncType = type === MessageType.sync ? decoding.readVarUint(decoder) : null;
    return { type, syncType };
  } catch {
    return null;
  }
}

export class MessageLimits {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly syncRequests: TokenBucket;
  private readonly presence: TokenBucket;
  private readonly presenceQueries: TokenBucket;

  constructor(private readonly o: MessageLimitOptions) {
    this.messages = new TokenBucket(o.messagesPerSecond ?? Limits.messagesPerSecond, o.messageBurst ?? Limits.messageBurst);
    this.bytes = new TokenBucket(o.bytesPerSecond ?? Limits.bytesPerSecond, Math.max(o.byteBurst ?? Limits.byteBurst, 2 * o.maxMessageBytes));
    this.syncRequests = new TokenBucket(o.syncRequestsPerSecond ?? Limits.syncRequestsPerSecond, o.syncRequestBurst ?? Limits.syncRequestBurst);
    this.presence = new TokenBucket(o.presencePerSecond ?? Limits.presencePerSecond, o.presenceBurst ?? Limits.presenceBurst);
    this.presenceQueries = new TokenBucket(o.presenceQueriesPerSecond ?? Limits.presenceQueriesPerSecond, o.presenceQueryBurst ?? Limits.presenceQueryBurst);
  }

  /**
   * Spends one of this connection's presence updates: called for an awareness message that
   * changes the connection's own presence. Stock y-websocket clients send back every presence
   * change they hear; those echoes change nothing and cost nothing here (the message and byte
   * budgets still hold them).
   */
  takePresence(): boolean {
    return this.presence.take();
  }

  /** Throws a RelayRefusal for a message this connection may not send now. */
  check(data: Uint8Array, isBinary: boolean): void {
    if (data.byteLength > this.o.maxMessageBytes) throw new RelayRefusal(CloseCode.tooLarge, `message over ${this.o.maxMessageBytes} bytes`);
    if (!isBinary) throw new RelayRefusal(CloseCode.malformed, 'text frames are not part of the protocol');
    if (!this.messages.take()) throw new RelayRefusal(CloseCode.rateLimited, 'too many messages');
    if (!this.bytes.take(data.byteLength)) throw new RelayRefusal(CloseCode.bandwidth, 'too many bytes per second');
    const kind = messageKind(data);
    // An unreadable message is the room's to refuse, with its own reason.
    if (!kind) return;
    if (kind.type === MessageType.sync && kind.syncType === syncProtocol.messageYjsSyncStep1 && !this.syncRequests.take())
      throw new RelayRefusal(CloseCode.syncFlood, 'too many sync requests');
    if (kind.type === MessageType.queryAwareness && !this.presenceQueries.take())
      throw new RelayRefusal(CloseCode.presenceQueryFlood, 'too many presence queries');
  }
}
