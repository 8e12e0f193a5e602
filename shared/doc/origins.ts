// Who a transaction on a doc came from, in one place. Every check that treats edits differently
// by where they came from (the relay's gate and history on the host, undo and announcements in
// the app) reads these, so an origin is never spelled twice.
//
// On the host, a peer's edit carries the update gate's own origin object while it is checked
// (see server/update-gate.ts); the relay knows which peer that is. In the app, a person's own
// edits carry their DocWriter's `localOrigin` (undoable) or `systemOrigin` (not undoable).

/** The relay's own writes: revealed vote results, the schema version. */
export const RELAY_ORIGIN = 'relay';
/** A facilitator's restore of a restore point, written by the relay. */
export const RESTORE_ORIGIN = 'restore';
/** Reading a workshop file into a doc: nothing to save, publish or record. */
export const LOAD_ORIGIN = 'load';
/** Upgrading an old doc to the current schema. */
export const MIGRATION_ORIGIN = 'migration';

/** Origins of changes the host makes itself: never a peer's, so never checked against one. */
export const hostOrigins: ReadonlySet<unknown> = new Set([RELAY_ORIGIN, RESTORE_ORIGIN, LOAD_ORIGIN, MIGRATION_ORIGIN]);

/** Whether a transaction's origin is one of the host's own (not a person's edit). */
export function isHostOrigin(origin: unknown): boolean {
  return hostOrigins.has(origin);
}
