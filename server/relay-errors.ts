// Why the relay closes a connection because of what it sent. Each carries the documented close
// code (shared/protocol.ts) the socket is closed with; the message is the close reason.
import { CloseCode } from '../shared/protocol';

export class RelayRefusal extends Error {
  override name = 'RelayRefusal';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The message does not decode, or breaks the protocol: the sender is closed with 4422. */
export class MalformedMessageError extends RelayRefusal {
  override name = 'MalformedMessageError';
  constructor(message: string) {
    super(CloseCode.malformed, message);
  }
}

/** The message decodes but carries more than the relay keeps for one peer: closed with 4413. */
export class OversizedStateError extends RelayRefusal {
  override name = 'OversizedStateError';
  constructor(message: string) {
    super(CloseCode.tooLarge, message);
  }
}
