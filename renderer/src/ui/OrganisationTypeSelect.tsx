import { organisationTypes, type OrganisationType } from '../../../shared/doc/layout';

/** The organisation types the plan's criteria count (NHS trust, ICB, local authority…). */
export function OrganisationTypeSelect({ id, value, onChange }: { id: string; value: OrganisationType | ''; onChange: (t: OrganisationType) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as OrganisationType)}>
      <option value="">Choose…</option>
      {organisationTypes.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </select>
  );
}
