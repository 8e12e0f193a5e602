// The phone view of a workshop, for people in the room holding a phone: what is happening now,
// their table (when the room works in tables), the dot vote, adding a card, and every card of
// the space shown (their table's first) by domain and lens, in one column that never
// scrolls sideways. The full board stays the tool for laptops and tablets.
import { useRef, useState } from 'react';
import { useWorkshop } from '../store/context';
import { StatusIndicator } from '../StatusIndicator';
import { VotePanel } from '../facilitation/VotePanel';
import { Logo } from '../ui/Logo';
import { PhoneActivity } from './PhoneActivity';
import { ActivityLog } from '../a11y/ActivityLog';
import { PhoneAddCard } from './PhoneAddCard';
import { PhoneCardList } from './PhoneCardList';
import { PhoneTable } from './PhoneTable';
import { OfflineStartNote } from '../offline/OfflineStartNote';
import { WorkshopTimer } from '../facilitation/WorkshopTimer';
import { useStickyHeight } from './use-sticky-height';

export function PhoneWorkshop() {
  const title = useWorkshop((s) => s.snapshot.meta.title);
  const refusal = useWorkshop((s) => s.status.refusal);
  // The domain the person being followed (or the presenter) is on, shown highlighted.
  const [followedDomain, setFollowedDomain] = useState<number | null>(null);
  const top = useRef<HTMLDivElement>(null);
  useStickyHeight(top);
  return (
    <div className="phone">
      <ActivityLog />
      {/* The timer rides with the bar: it stays in view however far down the cards someone scrolls. */}
      <div className="phone-top" ref={top}>
        <header className="phone-bar">
          <a href="#/" className="phone-home" aria-label="All workshops">
            <Logo size={28} />
          </a>
          <h1 className="phone-title">{title || 'Workshop'}</h1>
          <StatusIndicator />
        </header>
        {/* A landmark of its own, so a screen reader finds it beside the bar. */}
        <section className="phone-timer" aria-label="Timer">
          <WorkshopTimer />
        </section>
      </div>
      {refusal && (
        <div className="banner banner-error" role="alert">
          {refusal} <a href="#/">Back to start</a>
        </div>
      )}
      <main className="phone-main">
        <OfflineStartNote />
        <PhoneTable />
        <PhoneActivity onFollowDomain={setFollowedDomain} />
        <VotePanel />
        <PhoneAddCard />
        <PhoneCardList followedDomain={followedDomain} />
      </main>
    </div>
  );
}
