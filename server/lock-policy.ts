// The facilitator's locks as they apply to edits: while the board is locked a participant may
// change nothing in the doc; while an entry is locked, nothing under that entry; while a table
// is locked, no card or plan item at it (nor move one there or away). Facilitators
// are never locked out; viewers never write at all (see room.ts).
import type { Role } from '../shared/protocol';
import type { EditScope } from './schema-gate';

export interface LockState {
  boardLocked: boolean;
  lockedItems: readonly string[];
  lockedTables: readonly string[];
  /** the table a card or plan item is at now ('' the room's), or null for any other entry */
  tableOf(entry: string): string | null;
}

/** Whether any lock could refuse this role's edits right now (if not, nothing need be checked). */
export function locksApply(role: Role, locks: LockState): boolean {
  return role === 'participant' && (locks.boardLocked || locks.lockedItems.length > 0 || locks.lockedTables.length > 0);
}

/** Why an edit with this scope may not be applied, or null if it may. */
export function lockRefusal(role: Role, locks: LockState, scope: EditScope): string | null {
  if (!locksApply(role, locks)) return null;
  if (scope.roots.size === 0 && scope.entries.size === 0) return null;
  if (locks.boardLocked) return 'the facilitator has locked the board';
  if ([...scope.entries].some((id) => locks.lockedItems.includes(id))) return 'the facilitator has locked that item';
  if (locks.lockedTables.length === 0) return null;
  const tables = new Set(scope.formerTables);
  for (const id of scope.entries) {
    const at = locks.tableOf(id);
    if (at) tables.add(at);
  }
  return [...tables].some((t) => locks.lockedTables.includes(t)) ? 'the facilitator has locked that table' : null;
}
