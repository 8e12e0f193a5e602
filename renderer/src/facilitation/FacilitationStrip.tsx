// The row under the top bar: the timer for everyone, the facilitator's controls, and the
// presentation (with a way back in for anyone who stepped out of it).
import { useState } from 'react';
import { useActions, useWorkshop } from '../store/context';
import { WorkshopTimer } from './WorkshopTimer';
import { FacilitatorControls } from './FacilitatorControls';
import { PresentationView } from './PresentationView';

export function FacilitationStrip() {
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const presentation = useWorkshop((s) => s.control?.presentation ?? null);
  const locked = useWorkshop((s) => s.control?.locked ?? false);
  const step = useWorkshop((s) => (s.control && s.control.agenda.current !== null ? (s.control.agenda.steps[s.control.agenda.current] ?? null) : null));
  const actions = useActions();
  const [steppedOut, setSteppedOut] = useState(false);

  const present = (step: number | null) => actions.control({ type: 'present', step });
  const showing = presentation !== null && (isFacilitator || !steppedOut);

  return (
    <div className="facilitation-strip">
      <WorkshopTimer />
      {step && (
        <span className="agenda-now" aria-live="polite">
          Now: <strong>{step.title}</strong>
        </span>
      )}
      {locked && !isFacilitator && (
        <span className="chip chip-warn" role="note">
          The facilitator has locked the board
        </span>
      )}
      {presentation !== null && !isFacilitator && steppedOut && (
        <button className="btn btn-sm" onClick={() => setSteppedOut(false)}>
          Rejoin the presentation
        </button>
      )}
      <FacilitatorControls
        onPresent={() => {
          present(0);
          void document.documentElement.requestFullscreen?.().catch(() => {});
        }}
      />
      {showing && (
        <PresentationView
          step={presentation.step}
          presenter={isFacilitator}
          onStep={(n) => present(n)}
          onExit={() => {
            if (isFacilitator) {
              present(null);
              if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
            } else setSteppedOut(true);
          }}
        />
      )}
    </div>
  );
}
