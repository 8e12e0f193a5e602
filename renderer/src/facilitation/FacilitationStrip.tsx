// The row under the top bar: the timer for everyone, the facilitator's controls, and the
// presentation (with a way back in for anyone who stepped out of it).
import { TableCallChips } from '../tables/TableCalls';
import { useEffect, useState } from 'react';
import { useActions, useWorkshop } from '../store/context';
import { WorkshopTimer } from './WorkshopTimer';
import { FacilitatorControls } from './FacilitatorControls';
import { PresentationView } from './PresentationView';
import { usePresentationSteps } from './presentation-steps';
import { desktopApi } from '../lib/desktop';
import { workshopHash } from '../lib/routes';
import { OfflineStartNote } from '../offline/OfflineStartNote';

export function FacilitationStrip() {
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const presentation = useWorkshop((s) => s.control?.presentation ?? null);
  const locked = useWorkshop((s) => s.control?.locked ?? false);
  const tableLocked = useWorkshop((s) => (s.tableView ? (s.control?.lockedTables ?? []).includes(s.tableView) : false));
  const step = useWorkshop((s) => (s.control && s.control.agenda.current !== null ? (s.control.agenda.steps[s.control.agenda.current] ?? null) : null));
  const actions = useActions();
  const session = useWorkshop((s) => s.session);
  const steps = usePresentationSteps();
  const [steppedOut, setSteppedOut] = useState(false);

  // The presenter moves on at once; the relay's echo must not pull them back a step when they
  // press the arrow keys faster than a round trip.
  const [presenterStep, setPresenterStep] = useState<number | null>(null);
  // Likewise the presenter's Escape closes the slides at once rather than after the echo.
  const [ending, setEnding] = useState(false);
  // Whether the room watches another screen (the desktop app's second display), so that this
  // one is the presenter's own and may show the presenter notes.
  const [audienceElsewhere, setAudienceElsewhere] = useState(false);
  const presenting = presentation !== null;
  useEffect(() => {
    if (!presenting) setEnding(false);
  }, [presenting]);
  // Once the relay has caught up with the presenter's own step, the relay's step leads again,
  // so a step taken in the presenter view (another window) moves this screen too.
  const relayStep = presentation?.step ?? null;
  useEffect(() => {
    if (relayStep !== null && relayStep === presenterStep) setPresenterStep(null);
  }, [relayStep, presenterStep]);
  const present = (step: number | null) => {
    setPresenterStep(step);
    setEnding(step === null);
    actions.control({ type: 'present', step });
  };
  const showing = presentation !== null && (isFacilitator ? !ending : !steppedOut);

  return (
    <section className="facilitation-strip" id="facilitation" aria-label="Facilitation">
      <WorkshopTimer />
      <OfflineStartNote />
      {step && (
        <span className="agenda-now" aria-live="polite">
          Now: <strong>{step.title}</strong>
        </span>
      )}
      <TableCallChips />
      {locked && !isFacilitator && (
        <span className="chip chip-warn" role="note">
          The facilitator has locked the board
        </span>
      )}
      {tableLocked && !locked && !isFacilitator && (
        <span className="chip chip-warn" role="note">
          The facilitator has locked this table
        </span>
      )}
      {presentation !== null && !isFacilitator && steppedOut && (
        <button id="rejoin-presentation" className="btn btn-sm" onClick={() => setSteppedOut(false)}>
          Rejoin the presentation
        </button>
      )}
      <FacilitatorControls
        onPresent={() => {
          present(0);
          // In the desktop app with a projector attached, the audience view goes full screen
          // there and this window keeps the presenter's controls and notes; otherwise this
          // window goes full screen itself.
          const api = desktopApi();
          const { workshopId, token } = session.options;
          const onSecond = api ? api.presentOnSecondScreen(`${workshopHash(workshopId, token)}&a=1`).catch(() => false) : Promise.resolve(false);
          void onSecond.then((shown) => {
            setAudienceElsewhere(shown);
            if (!shown) void document.documentElement.requestFullscreen?.().catch(() => {});
          });
        }}
      />
      {showing && (
        <PresentationView
          step={(isFacilitator || presentation.youPresent) && presenterStep !== null ? presenterStep : presentation.step}
          presenter={isFacilitator}
          reporter={!isFacilitator && presentation.youPresent}
          notesHere={isFacilitator && audienceElsewhere}
          onStep={(n) => present(Math.max(0, Math.min(steps.length - 1, n)))}
          onExit={() => {
            if (isFacilitator) {
              present(null);
              if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
            } else setSteppedOut(true);
            // Back to what opened it (Present, or Rejoin for someone who stepped out), not the top of the page.
            requestAnimationFrame(() => document.querySelector<HTMLElement>(isFacilitator ? '#present-button' : '#rejoin-presentation')?.focus());
          }}
        />
      )}
    </section>
  );
}
