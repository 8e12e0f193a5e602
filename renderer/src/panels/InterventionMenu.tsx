// The framework's menu of interventions. Drag one onto a domain on the board, or choose it
// and press "Add to plan" (the keyboard path). Custom interventions can be added too.
import { useId, useMemo, useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { useActions, useWorkshop } from '../store/context';
import { INTERVENTION_DRAG_TYPE } from '../board/node-types';

export function InterventionMenu() {
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const canEdit = useWorkshop((s) => s.canEdit);
  const items = useWorkshop((s) => s.snapshot.items);
  const used = useMemo(() => {
    const m = new Map<string, number>();
    for (const i of items.values()) if (i.interventionId) m.set(i.interventionId, (m.get(i.interventionId) ?? 0) + 1);
    return m;
  }, [items]);
  const q = query.trim().toLowerCase();
  const searchId = useId();

  return (
    <section className="menu" id="intervention-menu" aria-label="Intervention menu">
      <header className="panel-header">
        <h2>Intervention menu</h2>
        <p className="muted small">Drag onto a domain, or choose one and add it to the plan.</p>
        <label htmlFor={searchId} className="visually-hidden">
          Search interventions
        </label>
        <input id={searchId} type="search" placeholder="Search interventions" value={query} onChange={(e) => setQuery(e.target.value)} />
      </header>
      <div className="menu-scroll">
        {frameworkIndex.framework.domains.map((domain, index) => {
          const list = domain.interventions.filter((iv) => !q || iv.title.toLowerCase().includes(q));
          if (list.length === 0) return null;
          return (
            <div key={domain.id} className="menu-group" role="group" aria-labelledby={`menu-h-${domain.id}`}>
              <h3 id={`menu-h-${domain.id}`} className={`menu-group-title d${index}`}>
                {domain.name}
              </h3>
              <ul>
                {list.map((iv) => {
                  const inPlan = used.get(iv.id) ?? 0;
                  const buttonId = `menu-item-${iv.id}`;
                  const close = () => {
                    setOpenId(null);
                    document.getElementById(buttonId)?.focus();
                  };
                  return (
                    <li key={iv.id}>
                      <button
                        type="button"
                        id={buttonId}
                        className={`menu-item d${index}${openId === iv.id ? ' open' : ''}`}
                        draggable={canEdit}
                        aria-expanded={openId === iv.id}
                        aria-description={inPlan > 0 ? `In the plan${inPlan > 1 ? ` ${inPlan} times` : ''}` : undefined}
                        onDragStart={(e) => {
                          e.dataTransfer.setData(INTERVENTION_DRAG_TYPE, iv.id);
                          e.dataTransfer.setData('text/plain', iv.title);
                          e.dataTransfer.effectAllowed = 'copy';
                        }}
                        onClick={() => setOpenId(openId === iv.id ? null : iv.id)}
                      >
                        <span className="grip" aria-hidden="true">
                          ⠿
                        </span>
                        <span className="menu-item-title">{iv.title}</span>
                        {inPlan > 0 && (
                          <span className="chip chip-sm" aria-hidden="true">
                            in plan
                          </span>
                        )}
                      </button>
                      {openId === iv.id && <AddToPlan interventionId={iv.id} title={iv.title} defaultDomainId={domain.id} onDone={close} disabled={!canEdit} />}
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
        {q && frameworkIndex.framework.domains.every((d) => d.interventions.every((iv) => !iv.title.toLowerCase().includes(q))) && (
          <p className="muted pad">No intervention matches “{query}”.</p>
        )}
        <CustomIntervention disabled={!canEdit} />
      </div>
    </section>
  );
}

function DomainSelect({ id, value, onChange, label }: { id: string; value: string; onChange: (v: string) => void; label: string }) {
  return (
    <>
      <label htmlFor={id} className="small">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {frameworkIndex.framework.domains.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </>
  );
}

function AddToPlan({
  interventionId,
  title,
  defaultDomainId,
  onDone,
  disabled,
}: {
  interventionId: string;
  title: string;
  defaultDomainId: string;
  onDone: () => void;
  disabled: boolean;
}) {
  const actions = useActions();
  const [domainId, setDomainId] = useState(defaultDomainId);
  const selectId = useId();
  return (
    <div
      className="add-to-plan"
      role="group"
      aria-label={`Add ${title} to the plan`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <DomainSelect id={selectId} value={domainId} onChange={setDomainId} label="Domain" />
      {domainId !== defaultDomainId && (
        <p className="small note" role="note">
          The framework lists this under {frameworkIndex.domainById.get(defaultDomainId)?.name}; it will be marked as placed elsewhere.
        </p>
      )}
      <button
        type="button"
        className="btn btn-primary btn-sm"
        disabled={disabled}
        onClick={() => {
          const id = actions.addPlanItem(interventionId, domainId);
          if (id) actions.focus(id, 'reveal');
          onDone();
        }}
      >
        Add to plan
      </button>
    </div>
  );
}

function CustomIntervention({ disabled }: { disabled: boolean }) {
  const actions = useActions();
  const [title, setTitle] = useState('');
  const [domainId, setDomainId] = useState(frameworkIndex.framework.domains[0]!.id);
  const titleId = useId();
  const selectId = useId();
  return (
    <form
      className="custom-intervention"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        const id = actions.addPlanItem(null, domainId, undefined, title.trim());
        if (id) actions.focus(id, 'reveal');
        setTitle('');
      }}
    >
      <h3>Something else?</h3>
      <label htmlFor={titleId} className="small">
        Custom intervention title
      </label>
      <input id={titleId} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} placeholder="e.g. Joint discharge huddles" />
      <DomainSelect id={selectId} value={domainId} onChange={setDomainId} label="Domain for custom intervention" />
      <button className="btn btn-sm" type="submit" disabled={disabled || !title.trim()}>
        Add custom intervention
      </button>
    </form>
  );
}
