// The facilitator hands the presentation's clicker to someone at the table reporting back, so
// they step through it themselves; the relay takes their steps from then on (and only theirs,
// besides the facilitator's). The choice lists the people at the table who are here now, as the
// relay knows them, so the clicker goes to a person and not to a name anyone could claim.
import { useId, useMemo } from 'react';
import { seatedAt } from '../../../shared/doc';
import { useActions, useWorkshop } from '../store/context';

const NONE: never[] = [];

export function ClickerHandover({ tableId }: { tableId: string }) {
  const peopleHere = useWorkshop((s) => s.peopleHere ?? NONE);
  const participants = useWorkshop((s) => s.participants);
  const seats = useWorkshop((s) => s.snapshot.seats);
  const tables = useWorkshop((s) => s.snapshot.tables);
  const presenter = useWorkshop((s) => s.control?.presentation?.presenter ?? null);
  const actions = useActions();
  const id = useId();
  const atTable = useMemo(() => {
    const out: { ref: string; name: string }[] = [];
    for (const person of peopleHere) {
      if (person.role !== 'participant') continue;
      const shown = participants.find((p) => person.presence.includes(p.clientId));
      if (shown && seatedAt(seats, tables, shown.user) === tableId) out.push({ ref: person.ref, name: shown.user.name });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }, [peopleHere, participants, seats, tables, tableId]);
  const current = atTable.find((p) => p.name === presenter)?.ref ?? '';
  if (atTable.length === 0 && !presenter) return null;
  return (
    <span className="clicker-handover">
      <label htmlFor={id}>Presented by</label>
      <select id={id} value={current} onChange={(e) => actions.control({ type: 'present.handTo', ref: e.target.value || null })}>
        <option value="">{presenter && !current ? `${presenter} (not at this table)` : 'You (the facilitator)'}</option>
        {atTable.map((p) => (
          <option key={p.ref} value={p.ref}>
            {p.name}
          </option>
        ))}
      </select>
    </span>
  );
}
