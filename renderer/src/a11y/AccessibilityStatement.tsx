// The accessibility statement, in the app where people need it (and in the README). It says what
// was tested and how, and what is known not to work yet; keep it true when the app changes.
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';

export function AccessibilityStatementButton({ className = 'btn btn-ghost btn-sm' }: { className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)}>
        Accessibility statement
      </button>
      {open && (
        <Dialog title="Accessibility statement" onClose={() => setOpen(false)} wide>
          <AccessibilityStatement />
        </Dialog>
      )}
    </>
  );
}

export function AccessibilityStatement() {
  return (
    <div className="statement">
      <p>
        Systems Leadership Canvas aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, so that everyone in a multi-agency workshop can
        take part, including people who use only a keyboard, a screen reader, or zoom of 200 to 400%.
      </p>
      <h3>What you can do</h3>
      <ul>
        <li>
          Run and join a whole workshop with the keyboard alone. Press ? for the keyboard shortcuts; F6 moves between the board tools, the board, the
          intervention menu, the plan, the side panel and the participants; skip links at the top of the page do the same.
        </li>
        <li>
          Read and change the board without seeing it: the Outline tab lists every domain, card and plan item, and everything on the board can be reached from
          there.
        </li>
        <li>
          Hear what others do: other people’s changes are read out politely, grouped and paced; the timer ending, a locked board and being brought to the
          facilitator’s view are read out at once. You can turn the activity read-out down or off in Keyboard shortcuts.
        </li>
        <li>Colour is never the only signal: each lens has an icon and a name, each domain a name.</li>
        <li>Animations are switched off when your system asks for reduced motion.</li>
      </ul>
      <h3>How it was tested</h3>
      <ul>
        <li>
          Automated checks with axe (WCAG 2.2 A and AA rules, and best practices) on the start screen, joining, the board, a plan item, facilitation panels,
          history, the presentation and the phone view, at normal size and at 400% zoom.
        </li>
        <li>
          Keyboard-only journeys in Chromium that create a workshop, add and move cards, add an intervention, shape a plan item, run a vote and present, with a
          second keyboard-only person joining, adding a card and voting. The number of key presses of each journey is kept as a budget.
        </li>
      </ul>
      <h3>Known problems</h3>
      <ul>
        <li>
          Moving a card on the canvas with a screen reader in browse mode needs the pass-through key; the Outline and the Domain field in Details move cards
          without it.
        </li>
        <li>
          The statement has not yet been checked with a full manual audit by disabled users; please tell the facilitating academy about anything that does not
          work for you.
        </li>
      </ul>
    </div>
  );
}
