// Who is connected to a room, as the relay counts people: one entry per voter ticket (a person
// coming back with their ticket is the same person; anyone else is someone new), with their
// role, how many connections they hold and which presence ids are theirs. Presence is what a
// client says about itself and a hostile link holder may send none; this list is what the relay
// knows, so someone joining under many identities, or none, still shows in Participants.
import type { PersonHere } from '../shared/control';
import type { Role } from '../shared/protocol';

/** What this list needs of a connection (room.ts's Peer). */
export interface Connection {
  role: Role;
  person: string;
  awarenessIds: ReadonlySet<number>;
}

const roleRank: Record<Role, number> = { facilitator: 0, participant: 1, viewer: 2 };

export class PeopleHere {
  /** short names for people, in the order the room first saw them; voter tickets never leave the relay */
  private readonly refs = new Map<string, string>();

  list(connections: Iterable<Connection>): PersonHere[] {
    const byPerson = new Map<string, PersonHere>();
    for (const c of connections) {
      let ref = this.refs.get(c.person);
      if (!ref) this.refs.set(c.person, (ref = `p${this.refs.size + 1}`));
      const entry = byPerson.get(c.person);
      if (!entry) byPerson.set(c.person, { ref, role: c.role, connections: 1, presence: [...c.awarenessIds] });
      else {
        entry.connections++;
        entry.presence.push(...c.awarenessIds);
        // One person on two links counts with the stronger one.
        if (roleRank[c.role] < roleRank[entry.role]) entry.role = c.role;
      }
    }
    return [...byPerson.values()];
  }

  /** The person (voter ticket) a ref names, if the room has seen them. */
  personOf(ref: string): string | null {
    for (const [person, r] of this.refs) if (r === ref) return person;
    return null;
  }
}
