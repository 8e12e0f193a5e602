// The presenter view: a window of the presenter's own, kept on their laptop while the room
// watches the presentation. It has what only the presenter needs (their notes for the step,
// what comes next, the timer) and steps the presentation for everyone. Nothing here is ever
// shown to the room.
import { useActions, useWorkshop } from '../store/context';
import { usePresentationSteps } from './presentation-steps';
import { PresenterNotes } from './PresenterNotes';
import { WorkshopTimer } from './WorkshopTimer';
import { StepButtons } from './StepButtons';

export function PresenterScreen() {
  const presentation = useWorkshop((s) => s.control?.presentation ?? null);
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const title = useWorkshop((s) => s.snapshot.meta.title);
  const actions = useActions();
  const steps = usePresentationSteps();
  const last = steps.length - 1;
  const present = (step: number | null) => actions.control({ type: 'present', step: step === null ? null : Math.max(0, Math.min(last, step)) });

  if (!isFacilitator) {
    return (
      <main className="center-message">
        <h1>Presenter view</h1>
        <p>Only a facilitator can present this workshop.</p>
      </main>
    );
  }
  const step = presentation?.step ?? null;
  return (
    <main className="presenter-screen" aria-label="Presenter view">
      <header className="presenter-screen-head">
        <div>
          <p className="presentation-kicker">Presenter view · {title}</p>
          <h1 aria-live="polite">{step === null ? 'Not presenting' : `Step ${step + 1} of ${steps.length}: ${steps[Math.min(step, last)]!.title}`}</h1>
          <p className="presenter-next">
            {step === null ? 'Start when the room is ready.' : step < last ? `Next: ${steps[step + 1]!.title}` : 'This is the last step.'}
          </p>
        </div>
        <div className="presenter-timer">
          <WorkshopTimer />
        </div>
      </header>
      <nav className="presenter-controls" aria-label="Presentation steps">
        {step === null ? (
          <button className="btn btn-primary" onClick={() => present(0)}>
            Start presenting
          </button>
        ) : (
          <>
            <StepButtons step={step} last={last} onStep={present} />
            <button className="btn btn-ghost" onClick={() => present(null)}>
              End presentation
            </button>
          </>
        )}
      </nav>
      {step !== null && <PresenterNotes step={step} />}
    </main>
  );
}
