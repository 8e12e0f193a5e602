// What the relay and its clients agree on beyond the standard y-websocket protocol.
// The relay speaks sync (0) and awareness (1) exactly as y-websocket does, so stock clients
// work; the extra message types below are only sent to clients that ask for them.

/** A workshop id is also its room name and its file name: 20 lower-case letters or digits. */
export const WORKSHOP_ID_PATTERN = /^[a-z0-9]{20}$/;

/** A browser profile's stable voter id, sent when connecting so dots survive a reconnect. */
export const VOTER_ID_PATTERN = /^[a-z0-9]{8,32}$/;

export function isWorkshopId(value: string): boolean {
  return WORKSHOP_ID_PATTERN.test(value);
}

export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** relay → client: the state vector the relay has written durably ("saved"). */
  saved: 100,
  /** relay → client: the role this connection was admitted with. */
  welcome: 101,
  /** both ways: facilitation controls as JSON (see shared/control.ts). */
  control: 102,
  /** relay → client: whether the host can write the workshop to disk (see shared/relay-messages.ts). */
  saveStatus: 103,
} as const;

export type Role = 'facilitator' | 'participant' | 'viewer';

/**
 * Close codes the relay uses. 4400–4499 are permanent (y-websocket's own convention, mirroring
 * HTTP 4xx): the client must not retry with the same link, and shows the reason. 4500–4599 are
 * transient: retrying later may succeed.
 */
export const CloseCode = {
  badRoom: 4400,
  badToken: 4401,
  badOrigin: 4403,
  unknownWorkshop: 4404,
  revoked: 4410,
  tooLarge: 4413,
  damaged: 4424,
  malformed: 4422,
  docTooLarge: 4415,
  /** an edit under a client id that belongs to someone else */
  notYours: 4406,
  /** an edit no person's client makes: a whole entry or shared text written over, a field removed */
  notAllowed: 4409,
  rateLimited: 4529,
  tooManyConnections: 4530,
  roomFull: 4531,
  bandwidth: 4532,
  syncFlood: 4533,
  presenceFlood: 4534,
  /** an edit that builds on changes the host does not have: reconnect and send everything again */
  outOfOrder: 4535,
  presenceQueryFlood: 4536,
  serverError: 4500,
  shuttingDown: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

const closeReasons: Record<number, string> = {
  [CloseCode.badRoom]: 'This link does not point to a workshop.',
  [CloseCode.badToken]: 'This link is not valid for this workshop. Ask the facilitator for a new one.',
  [CloseCode.badOrigin]: 'Connections from this site are not allowed.',
  [CloseCode.unknownWorkshop]: 'This workshop does not exist on this host (it may have been deleted or moved).',
  [CloseCode.revoked]: 'The facilitator has withdrawn this link. Ask them for a new one.',
  [CloseCode.tooLarge]: 'A change (or your presence information) was too large for the host to accept.',
  [CloseCode.damaged]: 'This workshop’s file is damaged on the host and cannot be opened. Ask the facilitator to restore it from a saved copy.',
  [CloseCode.malformed]: 'The host received a message it could not read.',
  [CloseCode.docTooLarge]: 'This workshop has reached the largest size the host keeps; your last change was not accepted.',
  [CloseCode.notYours]: 'The host refused a change from this device because it was made under someone else’s name. Reload the page to carry on.',
  [CloseCode.notAllowed]: 'The host refused a change from this device that no one in a workshop can make. Reload the page to carry on.',
  [CloseCode.outOfOrder]: 'A change reached the host out of order; reconnecting to send everything again.',
  [CloseCode.presenceQueryFlood]: 'Too many requests for who is here; reconnecting shortly.',
  [CloseCode.rateLimited]: 'Too many changes too quickly; reconnecting shortly.',
  [CloseCode.tooManyConnections]: 'Too many connections from this device or with this link; retrying shortly.',
  [CloseCode.roomFull]: 'This workshop is full; retrying in case someone leaves.',
  [CloseCode.bandwidth]: 'More data sent than the host accepts per second; reconnecting shortly.',
  [CloseCode.syncFlood]: 'Too many requests for the whole workshop; reconnecting shortly.',
  [CloseCode.presenceFlood]: 'Presence (cursor) updates sent too often; reconnecting shortly.',
  [CloseCode.serverError]: 'The host had a problem; reconnecting.',
  [CloseCode.shuttingDown]: 'The host is restarting; reconnecting.',
};

/** 1009 is what a WebSocket stack sends for an oversized frame; resending would loop. */
export function isPermanentClose(code: number): boolean {
  return (code >= 4400 && code < 4500) || code === 1009;
}

export function describeClose(code: number): string {
  return closeReasons[code] ?? `Connection closed (code ${code}).`;
}

/** Default limits; the relay's command line can change them. */
export const Limits = {
  maxMessageBytes: 1024 * 1024,
  /** messages per second a connection may send on average, with a burst allowance */
  messagesPerSecond: 200,
  messageBurst: 400,
  /** bytes per second a connection may send on average; the burst allows a large resync */
  bytesPerSecond: 256 * 1024,
  byteBurst: 4 * 1024 * 1024,
  /** requests for the whole doc (sync step 1): each makes the relay encode a diff */
  syncRequestsPerSecond: 2,
  syncRequestBurst: 10,
  /** presence updates (cursor, selection…) per second per connection */
  presencePerSecond: 40,
  presenceBurst: 120,
  /** requests for everyone's presence: each makes the relay encode the whole room's presence */
  presenceQueriesPerSecond: 1,
  presenceQueryBurst: 5,
  /** live connections from one address, and with one link token */
  connectionsPerAddress: 64,
  connectionsPerToken: 200,
  /** live connections in one workshop */
  peersPerRoom: 250,
  /** encoded size of a workshop's doc */
  maxDocBytes: 32 * 1024 * 1024,
} as const;

/** File format of a saved workshop: SQLite with this application_id (ASCII "SLCV"). */
export const WORKSHOP_FILE_EXTENSION = '.slcanvas';
export const WORKSHOP_FILE_APPLICATION_ID = 0x534c4356;
