// "Now" on a phone: the agenda step, the presenter's step, and following the facilitator.
// Facilitators can also open and close a dot vote. (The timer sits in the phone's sticky top, so
// it stays in view: see PhoneWorkshop.)
import { useEffect, useMemo, useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { useActions, useWorkshop } from '../store/context';
import { usePresentationSteps } from '../facilitation/presentation-steps';
import { StartVoteDialog } from '../facilitation/FacilitatorControls';
import { domainIndexInView, domainIndexOfStep } from './follow-target';
import { scrollToDomain } from './scroll-to-domain';
import { shownLayout } from '../board/shown-layout';

const domains = frameworkIndex.framework.domains;

export function PhoneActivity({ onFollowDomain }: { onFollowDomain: (index: number | null) => void }) {
  const steps = usePresentationSteps();
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const locked = useWorkshop((s) => s.control?.locked ?? false);
  const vote = useWorkshop((s) => s.control?.vote ?? null);
  const presentation = useWorkshop((s) => s.control?.presentation ?? null);
  const step = useWorkshop((s) => (s.control && s.control.agenda.current !== null ? (s.control.agenda.steps[s.control.agenda.current] ?? null) : null));
  const participants = useWorkshop((s) => s.participants);
  const following = useWorkshop((s) => s.following);
  const leaderViewport = useWorkshop((s) => (s.following === null ? undefined : s.viewports.get(s.following)));
  const cards = useWorkshop((s) => s.snapshot.cards);
  const items = useWorkshop((s) => s.snapshot.items);
  const layout = useMemo(() => shownLayout(cards, items), [cards, items]);
  const actions = useActions();
  const [startingVote, setStartingVote] = useState(false);

  const facilitator = participants.find((p) => !p.isSelf && p.user.role === 'facilitator') ?? null;
  const leader = following === null ? null : (participants.find((p) => p.clientId === following) ?? null);
  const presentedDomain = presentation ? domainIndexOfStep(presentation.step, domains.length) : null;
  const leaderDomain = leader && leaderViewport ? domainIndexInView(leaderViewport, layout) : null;
  // The presenter's step wins over where the followed person's board happens to be.
  const shownDomain = presentedDomain ?? leaderDomain;

  useEffect(() => {
    onFollowDomain(shownDomain);
    if (shownDomain !== null) scrollToDomain(shownDomain);
  }, [shownDomain, onFollowDomain]);

  // Nothing to say now (no agenda step, nobody to follow, nothing to start): no empty box.
  const offerFollow = !!leader || !!facilitator;
  if (!step && !presentation && !offerFollow && !(locked && !isFacilitator) && !isFacilitator) return null;
  return (
    <section className="phone-now" aria-labelledby="phone-now-title">
      <h2 id="phone-now-title" className="visually-hidden">
        Now
      </h2>
      {step && (
        <p className="agenda-now" aria-live="polite">
          Now: <strong>{step.title}</strong>
        </p>
      )}
      {presentation && (
        <p className="phone-presenting" aria-live="polite">
          Presenting: <strong>{steps[presentation.step]?.title ?? ''}</strong>
        </p>
      )}
      {leader && (
        <p className="small" aria-live="polite">
          Following {leader.user.name}
          {leaderDomain !== null && presentedDomain === null ? <>, who is looking at {domains[leaderDomain]?.name}</> : null}
        </p>
      )}
      {locked && !isFacilitator && (
        <p className="chip chip-warn" role="note">
          The facilitator has locked the board
        </p>
      )}
      <div className="phone-now-actions">
        {leader ? (
          <button className="btn" aria-pressed="true" onClick={() => actions.follow(null)}>
            Stop following
          </button>
        ) : (
          facilitator && (
            <button className="btn" aria-pressed="false" onClick={() => actions.follow(facilitator.clientId)}>
              Follow {facilitator.user.name}
            </button>
          )
        )}
        {isFacilitator && !vote && (
          <button className="btn" onClick={() => setStartingVote(true)}>
            Start vote
          </button>
        )}
      </div>
      {startingVote && <StartVoteDialog onClose={() => setStartingVote(false)} />}
    </section>
  );
}
