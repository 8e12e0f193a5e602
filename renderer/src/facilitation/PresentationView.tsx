// Presentation mode: the four domains with their cards and interventions, then the plan and its
// health, one step at a time. The presenter's step reaches everyone through the relay.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { planRows } from '../../../shared/doc/views';
import { planHealth } from '../../../shared/doc/plan-health';
import { evaluateCriteria, criteriaMet } from '../../../shared/doc/criteria';
import { useWorkshop } from '../store/context';
import { sentenceCase, plural } from '../lib/text';

const fw = frameworkIndex.framework;
export const PRESENTATION_STEPS = [...fw.domains.map((d) => d.name), 'The plan', 'Plan health'];

export function PresentationView({
  step,
  presenter,
  audience = false,
  onStep,
  onExit,
}: {
  step: number;
  presenter: boolean;
  /** the projector view: no buttons at all */
  audience?: boolean;
  onStep: (n: number) => void;
  onExit: () => void;
}) {
  const meta = useWorkshop((s) => s.snapshot.meta);
  const ref = useRef<HTMLDivElement>(null);
  const last = PRESENTATION_STEPS.length - 1;
  const clamped = Math.max(0, Math.min(last, step));

  // Focus before paint, so the first key pressed after the slide shows already reaches it.
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);

  // Keys are heard on the whole document, not only while the slide holds focus: a click on the
  // page behind, or a key pressed before focus arrived, must not leave Escape doing nothing.
  // Escape and the end of full screen both arrive when the presenter leaves; leave once.
  const exited = useRef(false);
  const exitOnce = () => {
    if (exited.current) return;
    exited.current = true;
    onExit();
  };
  const latest = useRef({ clamped, last, presenter, onStep, onExit: exitOnce });
  latest.current = { clamped, last, presenter, onStep, onExit: exitOnce };
  useEffect(() => {
    if (audience) return;
    const onKey = (e: KeyboardEvent) => {
      const { clamped, last, presenter, onStep, onExit } = latest.current;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (['ArrowRight', 'PageDown', ' '].includes(e.key) && presenter) {
        e.preventDefault();
        if (clamped < last) onStep(clamped + 1);
      } else if (['ArrowLeft', 'PageUp'].includes(e.key) && presenter) {
        e.preventDefault();
        if (clamped > 0) onStep(clamped - 1);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        onExit();
      }
    };
    // The browser takes Escape for itself to leave full screen and may not pass it on; leaving
    // full screen while presenting therefore ends the presentation too.
    let wasFullscreen = document.fullscreenElement !== null;
    const onFullscreen = () => {
      const now = document.fullscreenElement !== null;
      if (wasFullscreen && !now) latest.current.onExit();
      wasFullscreen = now;
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [audience]);

  return (
    <div className="presentation" role="dialog" aria-modal="true" aria-label={`Presentation: ${PRESENTATION_STEPS[clamped]}`} tabIndex={-1} ref={ref}>
      <header className="presentation-header">
        <div>
          <p className="presentation-kicker">{meta.title}</p>
          <p className="presentation-step" aria-live="polite">
            Step {clamped + 1} of {PRESENTATION_STEPS.length}: {PRESENTATION_STEPS[clamped]}
          </p>
        </div>
        <nav className="presentation-nav" aria-label="Presentation steps">
          {PRESENTATION_STEPS.map((name, i) => (
            <span key={name} className={`pip ${i === clamped ? 'current' : ''} ${i < 4 ? `d${i}` : ''}`} aria-hidden="true" />
          ))}
          {presenter && (
            <>
              <button className="btn" onClick={() => onStep(clamped - 1)} disabled={clamped === 0}>
                Previous
              </button>
              <button className="btn btn-primary" onClick={() => onStep(clamped + 1)} disabled={clamped === last}>
                Next
              </button>
            </>
          )}
          {!audience && (
            <button className="btn btn-ghost" onClick={exitOnce}>
              {presenter ? 'End presentation' : 'Leave presentation'}
            </button>
          )}
        </nav>
      </header>
      <div className="presentation-body">{clamped < 4 ? <DomainSlide index={clamped} /> : clamped === 4 ? <PlanSlide /> : <HealthSlide />}</div>
      {presenter && <PresenterNotes step={clamped} />}
    </div>
  );
}

function DomainSlide({ index }: { index: number }) {
  const domain = fw.domains[index]!;
  const cards = useWorkshop((s) => s.snapshot.cards);
  const items = useWorkshop((s) => s.snapshot.items);
  const inDomain = [...cards.values()].filter((c) => c.domainId === domain.id);
  const interventions = planRows(frameworkIndex, [...items.values()]).filter((i) => i.domainId === domain.id);
  return (
    <div className={`slide slide-domain d${index}`}>
      <h1 className="slide-title">
        <span className="domain-number">{index + 1}</span> {domain.name}
      </h1>
      <p className="slide-lead">{sentenceCase(domain.description)}</p>
      <div className="slide-columns">
        <section aria-label={`What the room said about ${domain.name}`}>
          <h2>What the room said</h2>
          {fw.lenses.map((lens) => {
            const list = inDomain.filter((c) => c.kind === lens.id);
            if (!list.length) return null;
            return (
              <div key={lens.id} className={`slide-lens lens-${lens.id}`}>
                <h3>{lens.name}</h3>
                <ul>
                  {list.map((c) => (
                    <li key={c.id}>
                      {c.text}
                      {c.votes && c.votes.dots > 0 && <span className="slide-votes"> · {c.votes.dots} votes</span>}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          {inDomain.length === 0 && <p className="muted">No cards in this domain.</p>}
        </section>
        <section aria-label={`Interventions in ${domain.name}`}>
          <h2>Interventions</h2>
          {interventions.length === 0 ? (
            <p className="slide-gap">No intervention planned here yet.</p>
          ) : (
            <ul className="slide-interventions">
              {interventions.map((i) => (
                <li key={i.id}>
                  <strong>{i.title}</strong>
                  <span>
                    {i.status}
                    {i.owner ? ` · ${i.owner}` : ''}
                    {i.votes && i.votes.dots > 0 ? ` · ${i.votes.dots} votes` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function PlanSlide() {
  const items = useWorkshop((s) => s.snapshot.items);
  const rows = useMemo(() => planRows(frameworkIndex, [...items.values()]), [items]);
  return (
    <div className="slide">
      <h1 className="slide-title">The plan</h1>
      <table className="slide-table" aria-label="Plan summary">
        <thead>
          <tr>
            <th scope="col">Intervention</th>
            <th scope="col">Domain</th>
            <th scope="col">Status</th>
            <th scope="col">Owner</th>
            <th scope="col">When</th>
            <th scope="col">Criteria met</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.title}</th>
              <td>{frameworkIndex.domainById.get(i.domainId)?.name}</td>
              <td>{i.status}</td>
              <td>{i.owner}</td>
              <td>{[i.start, i.end].filter(Boolean).join(' to ')}</td>
              <td>{criteriaMet(evaluateCriteria(frameworkIndex, i))} of 5</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HealthSlide() {
  const snapshot = useWorkshop((s) => s.snapshot);
  const health = useMemo(
    () => planHealth(frameworkIndex, [...snapshot.cards.values()], [...snapshot.items.values()], [...snapshot.links.values()]),
    [snapshot],
  );
  const max = Math.max(1, ...health.perDomain.map((d) => d.interventions));
  return (
    <div className="slide">
      <h1 className="slide-title">Plan health</h1>
      <div className="slide-columns">
        <section aria-label="Interventions per domain">
          <h2>Interventions per domain</h2>
          <ul className="health-bars">
            {health.perDomain.map((d, i) => (
              <li key={d.domainId}>
                <span className="health-label">{d.name}</span>
                <span className={`health-bar d${i}`} style={{ width: `${(d.interventions / max) * 100}%` }} />
                <span className="health-count">{d.interventions}</span>
              </li>
            ))}
          </ul>
          {health.domainsWithout.length > 0 && <p className="slide-gap">No intervention yet in {health.domainsWithout.join(', ')}.</p>}
          <h2>Taking part</h2>
          <p>
            {plural(health.organisations.length, 'organisation')} across {plural(health.organisationTypes.length, 'type')}:{' '}
            {health.organisationTypes.map((t) => `${t.type} (${t.organisations})`).join(', ')}.
          </p>
        </section>
        <section aria-label="Criteria not yet met">
          <h2>Still to resolve</h2>
          {health.failing.length === 0 ? (
            <p>Every intervention meets the criteria the app can check.</p>
          ) : (
            <ul>
              {health.failing.map((f) => (
                <li key={f.item.id}>
                  <strong>{f.item.title}</strong>: {f.failures.map((x) => x.reason).join(' ')}
                </li>
              ))}
            </ul>
          )}
          <p>{health.unaddressedCards.length} cards are not yet addressed by any intervention.</p>
        </section>
      </div>
    </div>
  );
}

function PresenterNotes({ step }: { step: number }) {
  const workshopId = useWorkshop((s) => s.session.options.workshopId);
  const key = `slc.notes.${workshopId}.${step}`;
  const [notes, setNotes] = useState(() => localStorage.getItem(key) ?? '');
  useEffect(() => setNotes(localStorage.getItem(key) ?? ''), [key]);
  return (
    <aside className="presenter-notes">
      <label htmlFor="presenter-notes">Presenter notes (only you see these)</label>
      <textarea
        id="presenter-notes"
        rows={3}
        value={notes}
        onChange={(e) => {
          setNotes(e.target.value);
          localStorage.setItem(key, e.target.value);
        }}
        onKeyDown={(e) => e.stopPropagation()}
      />
    </aside>
  );
}
