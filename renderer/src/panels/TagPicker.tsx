import { useId, useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { useActions } from '../store/context';

/** Tag an entry with leadership roles and behaviours of its domain, with a search box. */
export function TagPicker({ entryId, domainId, tags, disabled }: { entryId: string; domainId: string; tags: readonly string[]; disabled: boolean }) {
  const actions = useActions();
  const [query, setQuery] = useState('');
  const baseId = useId();
  const domain = frameworkIndex.domainById.get(domainId);
  if (!domain) return null;
  const q = query.trim().toLowerCase();
  const groups = [
    { key: 'roles', label: 'Leadership roles', entries: domain.roles },
    { key: 'behaviours', label: 'Behaviours demonstrated', entries: domain.behaviours },
  ];
  const chosen = [...domain.roles, ...domain.behaviours].filter((e) => tags.includes(e.id));
  // Tags from another domain stay on an entry that was moved; they are kept, and listed, but not offered here.
  const elsewhere = tags.length - chosen.length;
  const shown = groups.map((g) => ({ ...g, list: g.entries.filter((e) => !q || e.text.toLowerCase().includes(q)) }));
  return (
    <fieldset className="tag-picker" disabled={disabled}>
      <legend>Roles and behaviours ({domain.name})</legend>
      <p className="small muted" aria-live="polite">
        {chosen.length === 0 ? 'None tagged yet.' : `${chosen.length} tagged.`}
        {elsewhere > 0 && ` ${elsewhere} more from another domain.`}
      </p>
      <label htmlFor={`${baseId}-search`} className="visually-hidden">
        Search roles and behaviours
      </label>
      <input id={`${baseId}-search`} type="search" placeholder="Search roles and behaviours" value={query} onChange={(e) => setQuery(e.target.value)} />
      {shown.every((g) => g.list.length === 0) && <p className="small muted">Nothing matches “{query}”.</p>}
      {shown.map((g) => {
        if (g.list.length === 0) return null;
        const headingId = `${baseId}-${g.key}`;
        return (
          <div key={g.key} className="tag-group" role="group" aria-labelledby={headingId}>
            <h4 id={headingId}>{g.label}</h4>
            {g.list.map((e) => (
              <label key={e.id} className="check">
                <input type="checkbox" checked={tags.includes(e.id)} onChange={(ev) => actions.setTag(entryId, e.id, ev.target.checked)} />
                {e.text}
              </label>
            ))}
          </div>
        );
      })}
    </fieldset>
  );
}
