// An optional agenda: steps with durations (private writing, reveal, cluster, vote, shape the
// plan). Starting a step sets everyone's timer; a vote step opens the vote dialog's defaults.
import { useId, useState } from 'react';
import type { AgendaStep } from '../../../shared/control';
import { useActions, useWorkshop } from '../store/context';

const modes: { id: AgendaStep['mode']; label: string }[] = [
  { id: 'drafting', label: 'Private writing' },
  { id: 'reveal', label: 'Reveal' },
  { id: 'cluster', label: 'Cluster' },
  { id: 'vote', label: 'Vote' },
  { id: 'plan', label: 'Shape the plan' },
  { id: 'other', label: 'Other' },
];

export const suggestedAgenda: AgendaStep[] = [
  { title: 'Private writing', minutes: 10, mode: 'drafting' },
  { title: 'Reveal and read', minutes: 10, mode: 'reveal' },
  { title: 'Cluster by domain', minutes: 15, mode: 'cluster' },
  { title: 'Dot vote', minutes: 5, mode: 'vote' },
  { title: 'Shape the plan', minutes: 30, mode: 'plan' },
];

const NO_STEPS: AgendaStep[] = [];

export function AgendaPanel() {
  const steps = useWorkshop((s) => s.control?.agenda.steps ?? NO_STEPS);
  const current = useWorkshop((s) => s.control?.agenda.current ?? null);
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const actions = useActions();
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState(10);
  const [mode, setMode] = useState<AgendaStep['mode']>('other');
  const titleId = useId();
  const minutesId = useId();
  const modeId = useId();
  const set = (next: AgendaStep[]) => actions.control({ type: 'agenda.set', steps: next });

  return (
    <section className="agenda" aria-label="Agenda">
      {steps.length === 0 ? (
        <p className="small muted">No agenda for this workshop.{isFacilitator ? ' Add steps below, or start from a suggested one.' : ''}</p>
      ) : (
        <ol className="agenda-list">
          {steps.map((s, i) => (
            <li key={`${i}-${s.title}`} className={i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
              <span className="grow">
                <strong>{s.title}</strong>{' '}
                <span className="small muted">
                  {s.minutes} min · {modes.find((m) => m.id === s.mode)?.label}
                </span>
              </span>
              {isFacilitator && (
                <>
                  <button className="btn btn-sm" onClick={() => actions.control({ type: 'agenda.go', index: i })} aria-label={`Start step ${s.title}`}>
                    {i === current ? 'Restart' : 'Start'}
                  </button>
                  <button className="btn btn-ghost btn-sm" onClick={() => set(steps.filter((_, k) => k !== i))} aria-label={`Remove step ${s.title}`}>
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {isFacilitator && (
        <>
          {steps.length === 0 && (
            <button className="btn btn-sm" onClick={() => set(suggestedAgenda)}>
              Use the suggested agenda
            </button>
          )}
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              if (!title.trim()) return;
              set([...steps, { title: title.trim().slice(0, 80), minutes, mode }]);
              setTitle('');
            }}
          >
            <label htmlFor={titleId}>Step</label>
            <input id={titleId} value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Shape the plan" />
            <div className="row gap">
              <label htmlFor={minutesId} className="small">
                Minutes
              </label>
              <input
                id={minutesId}
                type="number"
                min={1}
                max={240}
                value={minutes}
                onChange={(e) => setMinutes(Math.max(1, Math.min(240, Number(e.target.value) || 1)))}
              />
              <label htmlFor={modeId} className="small">
                Kind
              </label>
              <select id={modeId} value={mode} onChange={(e) => setMode(e.target.value as AgendaStep['mode'])}>
                {modes.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
            <button className="btn btn-sm" type="submit" disabled={!title.trim()}>
              Add step
            </button>
          </form>
        </>
      )}
    </section>
  );
}
