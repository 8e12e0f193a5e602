// Whose seat is whose. A seat (shared/doc/tables.ts) is keyed by a person's name and
// organisation, which anyone could type, so the relay holds participants to their own: a
// participant may change only the seat of the name and organisation they joined with, only
// while the facilitator lets people choose their table, and only if no other person (voter
// ticket) has chosen from that seat before. The facilitator places anyone, at any time.
import type { Role } from '../shared/protocol';

export const SEAT_OWNERS_KEY = 'seat-owners';

/** A room has at most forty tables of people; a seat's owner is kept for as many seats as that allows, and more. */
const MAX_OWNERS = 2000;

export interface SeatSender {
  role: Role;
  /** the voter ticket of the sender */
  person: string;
  /** the seat id of the name and organisation the sender joined with */
  seat: string;
}

export class SeatOwners {
  private readonly owners = new Map<string, string>();

  constructor(
    saved: string | undefined,
    private readonly persist: (key: string, value: string) => void,
  ) {
    if (!saved) return;
    try {
      const parsed = JSON.parse(saved) as unknown;
      if (parsed && typeof parsed === 'object')
        for (const [seat, person] of Object.entries(parsed)) if (typeof person === 'string') this.owners.set(seat, person);
    } catch {
      // A damaged record forgets who chose which seat; seats themselves are in the doc.
    }
  }

  /**
   * Why this sender may not change these seats, or null if they may. `choosing`: whether the
   * facilitator lets people choose their own table.
   */
  refusal(sender: SeatSender, seats: ReadonlySet<string>, choosing: boolean): string | null {
    if (sender.role !== 'participant' || seats.size === 0) return null;
    if (!choosing) return 'the facilitator places people at tables';
    for (const seat of seats) {
      if (seat !== sender.seat) return 'a person may choose only their own table';
      const owner = this.owners.get(seat);
      if (owner && owner !== sender.person) return 'someone else already chose from that seat';
    }
    return null;
  }

  /** After an accepted change: the seats a participant chose from are theirs from now on. */
  bind(sender: SeatSender, seats: ReadonlySet<string>): void {
    if (sender.role !== 'participant') return;
    let changed = false;
    for (const seat of seats) {
      if (this.owners.has(seat) || this.owners.size >= MAX_OWNERS) continue;
      this.owners.set(seat, sender.person);
      changed = true;
    }
    if (changed) this.persist(SEAT_OWNERS_KEY, JSON.stringify(Object.fromEntries(this.owners)));
  }
}
