// Who is at which table: the people here now (from presence, facilitators and viewers aside)
// with the seat each has in the doc, and those seated who are away. No React here.
import { organisationTypes, seatIdOf, type OrganisationType, type SeatView, type Sitter } from '../../../shared/doc';
import type { Participant } from '../collab/presence';

export interface TablePerson extends Sitter {
  seatId: string;
  /** connected right now */
  here: boolean;
}

export function peopleByTable(
  participants: readonly Pick<Participant, 'user'>[],
  seats: ReadonlyMap<string, SeatView>,
): { byTable: Map<string, TablePerson[]>; unseated: TablePerson[] } {
  const people = new Map<string, { person: TablePerson; tableId: string }>();
  for (const { user } of participants) {
    if (user.role === 'facilitator' || user.role === 'viewer' || !user.name) continue;
    const seatId = seatIdOf(user);
    // Two tabs of one person are one person.
    if (people.has(seatId)) continue;
    // What someone says of themselves in presence is held to what a seat may hold.
    const organisationType: OrganisationType = organisationTypes.includes(user.organisationType) ? user.organisationType : 'Other';
    const organisation = typeof user.organisation === 'string' ? user.organisation.slice(0, 120) : '';
    const person: TablePerson = { seatId, here: true, name: user.name.slice(0, 80), organisation, organisationType };
    people.set(seatId, { person, tableId: seats.get(seatId)?.tableId ?? '' });
  }
  for (const s of seats.values()) {
    if (people.has(s.id) || !s.tableId) continue;
    people.set(s.id, {
      person: { seatId: s.id, here: false, name: s.name, organisation: s.organisation, organisationType: s.organisationType },
      tableId: s.tableId,
    });
  }
  const byTable = new Map<string, TablePerson[]>();
  const unseated: TablePerson[] = [];
  const sorted = [...people.values()].sort((a, b) => a.person.name.localeCompare(b.person.name));
  for (const { person, tableId } of sorted) {
    if (!tableId) unseated.push(person);
    else byTable.set(tableId, [...(byTable.get(tableId) ?? []), person]);
  }
  return { byTable, unseated };
}
