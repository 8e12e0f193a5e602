// The facilitator's locks as they apply to edits: while the board is locked a participant may
// change nothing in the doc; while an entry is locked, nothing under that entry. Facilitators
// are never locked out; viewers never write at all (see room.ts).
import type { Role } from '../shared/protocol';
import type { EditScope } from './schema-gate';

export interface LockState {
  boardLocked: boolean;
  lockedItems: readonly string[];
}

/** Whether any lock could refuse this role's edits right now (if not, nothing need be checked). */
export function locksApply(role: Role, locks: LockState): boolean {
  return role === 'participant' && (locks.boardLocked || locks.lockedItems.length > 0);
}

/** Why an edit with this scope may not be applied, or null if it may. */
export function lockRefusal(role: Role, locks: LockState, scope: EditScope): string | null {
  if (!locksApply(role, locks)) return null;
  if (scope.roots.size === 0 && scope.entries.size === 0) return null;
  if (locks.boardLocked) return 'the facilitator has locked the board';
  return [...scope.entries].some((id) => locks.lockedItems.includes(id)) ? 'the facilitator has locked that item' : null;
}
