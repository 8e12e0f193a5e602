import { useId, useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { useActions } from '../store/context';

/** Tag an entry with leadership roles and behaviours of its domain, with a search box. */
export function TagPicker({ entryId, domainId, tags, disabled }: { entryId: string; domainId: string; tags: readonly string[]; disabled: boolean }) {
  const actions = useActions();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const domain = frameworkIndex.domainById.get(domainId);
  if (!domain) return null;
  const q = query.trim().toLowerCase();
  const groups = [
    { label: 'Leadership roles', entries: domain.roles },
    { label: 'Behaviours demonstrated', entries: domain.behaviours },
  ];
  return (
    <fieldset className="tag-picker" disabled={disabled}>
      <legend>Roles and behaviours ({domain.name})</legend>
      <label htmlFor={searchId} className="visually-hidden">
        Search roles and behaviours
      </label>
      <input id={searchId} type="search" placeholder="Search roles and behaviours" value={query} onChange={(e) => setQuery(e.target.value)} />
      {groups.map((g) => {
        const list = g.entries.filter((e) => !q || e.text.toLowerCase().includes(q));
        if (list.length === 0) return null;
        return (
          <div key={g.label} className="tag-group">
            <h4>{g.label}</h4>
            {list.map((e) => (
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
