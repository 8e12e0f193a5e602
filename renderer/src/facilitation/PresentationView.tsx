// Presentation mode: each table reporting back, then the room's four domains with their cards
// and interventions, its plan and the plan's health, one step at a time (presentation-steps.ts).
// The presenter's step reaches everyone through the relay.
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { planRows } from '../../../shared/doc/views';
import { planHealth } from '../../../shared/doc/plan-health';
import { evaluateCriteria, criteriaMet } from '../../../shared/doc/criteria';
import { useWorkshop } from '../store/context';
import { sentenceCase, plural } from '../lib/text';
import { workshopHash } from '../lib/routes';
import { statusLabel, dateSpan } from '../../../shared/wording';
import { PresenterNotes } from './PresenterNotes';
import { WorkshopTimer } from './WorkshopTimer';
import { usePresentationSteps } from './presentation-steps';
import { TableSlide } from '../tables/TableSlide';
import { ClickerHandover } from '../tables/ClickerHandover';
import { StepButtons } from './StepButtons';
import { useEntriesAt } from '../board/use-shown-entries';

// The board's code comes with the board: a phone or a projector screen loads it only when a domain step shows.
const PresentedDomain = lazy(() => import('../board/PresentedDomain').then((m) => ({ default: m.PresentedDomain })));

const fw = frameworkIndex.framework;

export function PresentationView({
  step,
  presenter,
  reporter = false,
  audience = false,
  notesHere = false,
  onStep,
  onExit,
}: {
  step: number;
  /** the facilitator, who steps and ends the presentation */
  presenter: boolean;
  /** someone handed the clicker: they step through, but only the facilitator ends it */
  reporter?: boolean;
  /** the projector view: no buttons at all */
  audience?: boolean;
  /**
   * whether this screen is the presenter's own (the room sees another), so notes may show on it;
   * otherwise the notes are in the presenter view, a window of the presenter's own
   */
  notesHere?: boolean;
  onStep: (n: number) => void;
  onExit: () => void;
}) {
  const meta = useWorkshop((s) => s.snapshot.meta);
  const presentedBy = useWorkshop((s) => s.control?.presentation?.presenter ?? null);
  const canStep = presenter || reporter;
  const ref = useRef<HTMLDivElement>(null);
  const steps = usePresentationSteps();
  const last = steps.length - 1;
  const clamped = Math.max(0, Math.min(last, step));
  const current = steps[clamped]!;

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
  const latest = useRef({ clamped, last, presenter: canStep, onStep, onExit: exitOnce });
  latest.current = { clamped, last, presenter: canStep, onStep, onExit: exitOnce };
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
    <div className="presentation" role="dialog" aria-modal="true" aria-label={`Presentation: ${current.title}`} tabIndex={-1} ref={ref}>
      <header className="presentation-header">
        <div>
          <p className="presentation-kicker">{meta.title}</p>
          <p className="presentation-step" aria-live="polite">
            Step {clamped + 1} of {steps.length}: {current.title}
          </p>
          {presentedBy && <p className="presentation-by">{reporter ? 'You are presenting' : `Presented by ${presentedBy}`}</p>}
        </div>
        {audience && <AudienceTimer />}
        <nav className="presentation-nav" aria-label="Presentation steps">
          {steps.map((s, i) => (
            <span key={s.title} className={`pip ${i === clamped ? 'current' : ''} ${s.kind === 'domain' ? `d${s.index}` : ''}`} aria-hidden="true" />
          ))}
          {presenter && current.kind === 'table' && <ClickerHandover tableId={current.tableId} />}
          {canStep && <StepButtons step={clamped} last={last} onStep={onStep} />}
          {presenter && !notesHere && <PresenterViewButton />}
          {!audience && (
            <button className="btn btn-ghost" onClick={exitOnce}>
              {presenter ? 'End presentation' : 'Leave presentation'}
            </button>
          )}
        </nav>
      </header>
      <div className={`presentation-body${current.kind === 'domain' ? ' on-board' : ''}`}>
        {current.kind === 'domain' ? (
          <DomainOnBoard index={current.index} />
        ) : current.kind === 'table' ? (
          <TableSlide tableId={current.tableId} />
        ) : current.kind === 'plan' ? (
          <PlanSlide />
        ) : (
          <HealthSlide />
        )}
      </div>
      {presenter && notesHere && <PresenterNotes step={clamped} />}
    </div>
  );
}

/**
 * A domain step: the real board, live, with this domain fitted to the screen, under a line that
 * says what the domain is about and whether the plan has anything in it yet.
 */
function DomainOnBoard({ index }: { index: number }) {
  const domain = fw.domains[index]!;
  const { cards, items } = useEntriesAt(null);
  const cardCount = useMemo(() => [...cards.values()].filter((c) => c.domainId === domain.id).length, [cards, domain]);
  const itemCount = useMemo(() => [...items.values()].filter((i) => i.domainId === domain.id).length, [items, domain]);
  return (
    <div className={`slide-board d${index}`}>
      <div className="slide-board-caption">
        <p className="slide-board-lead">{sentenceCase(domain.description)}</p>
        <p className={itemCount === 0 ? 'slide-gap' : 'slide-board-counts'}>
          {plural(cardCount, 'card')} · {itemCount === 0 ? 'no intervention planned here yet' : plural(itemCount, 'intervention')}
        </p>
      </div>
      <div className="slide-board-canvas">
        <Suspense fallback={<p className="muted">Opening the board…</p>}>
          <PresentedDomain index={index} name={domain.name} />
        </Suspense>
      </div>
    </div>
  );
}

/** The workshop timer, large, on the screen the room watches, while it is counting (or has just run out). */
function AudienceTimer() {
  const status = useWorkshop((s) => s.control?.timer.status ?? 'idle');
  if (status === 'idle') return null;
  return (
    <div className="presentation-timer">
      <WorkshopTimer controls={false} />
    </div>
  );
}

/** Opens the presenter view (notes, the next step, the timer) in a window of its own, to keep off the projector. */
function PresenterViewButton() {
  const { workshopId, token } = useWorkshop((s) => s.session.options);
  return (
    <button
      className="btn"
      onClick={() => window.open(`${window.location.pathname}${workshopHash(workshopId, token)}&p=1`, 'slc-presenter', 'popup,width=960,height=720')}
    >
      Presenter view
    </button>
  );
}

function PlanSlide() {
  const { items } = useEntriesAt(null);
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
              <td>{statusLabel(i.status)}</td>
              <td>{i.owner}</td>
              <td>{dateSpan(i.start, i.end)}</td>
              <td>{criteriaMet(evaluateCriteria(frameworkIndex, i))} of 5</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HealthSlide() {
  const room = useEntriesAt(null);
  const health = useMemo(() => planHealth(frameworkIndex, [...room.cards.values()], [...room.items.values()], [...room.links.values()]), [room]);
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
