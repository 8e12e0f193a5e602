import { useId, useMemo, useState } from 'react';
import type { Organisation, OrganisationType } from '../../../shared/doc/layout';
import { OrganisationTypeSelect } from '../ui/OrganisationTypeSelect';
import { useActions, useWorkshop } from '../store/context';

/** Organisations taking part in a plan item, each with its type (which drives the criteria). */
export function OrganisationsField({ itemId, organisations, disabled }: { itemId: string; organisations: readonly Organisation[]; disabled: boolean }) {
  const actions = useActions();
  const participants = useWorkshop((s) => s.participants);
  const items = useWorkshop((s) => s.snapshot.items);
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganisationType | ''>('');
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();
  const typeId = useId();
  const listId = useId();

  // Suggest organisations already known in the room or elsewhere in the plan, with their type.
  const known = useMemo(() => {
    const m = new Map<string, OrganisationType>();
    for (const p of participants) if (p.user.organisation) m.set(p.user.organisation, p.user.organisationType);
    for (const i of items.values()) for (const o of i.organisations) m.set(o.name, o.type);
    return m;
  }, [participants, items]);

  const add = (e: React.FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return setError('Enter the organisation’s name.');
    if (!type) return setError('Choose the organisation type.');
    if (organisations.some((o) => o.name.toLowerCase() === n.toLowerCase())) return setError(`${n} is already listed.`);
    actions.addOrganisation(itemId, { name: n, type });
    setName('');
    setType('');
    setError(null);
  };

  return (
    <fieldset className="orgs" disabled={disabled}>
      <legend>Organisations involved</legend>
      {organisations.length === 0 ? (
        <p className="small muted">None yet.</p>
      ) : (
        <ul className="org-list" aria-label="Organisations involved">
          {organisations.map((o) => (
            <li key={o.name}>
              <span>
                {o.name} <span className="chip chip-sm">{o.type}</span>
              </span>
              <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove ${o.name}`} onClick={() => actions.removeOrganisation(itemId, o.name)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={add}>
        <label htmlFor={nameId} className="small">
          Organisation name
        </label>
        <input
          id={nameId}
          list={listId}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            const t = known.get(e.target.value);
            if (t) setType(t);
          }}
        />
        <datalist id={listId}>
          {[...known.keys()].map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label htmlFor={typeId} className="small">
          Type of organisation
        </label>
        <OrganisationTypeSelect id={typeId} value={type} onChange={setType} />
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
        <button className="btn btn-sm" type="submit">
          Add organisation
        </button>
      </form>
    </fieldset>
  );
}
