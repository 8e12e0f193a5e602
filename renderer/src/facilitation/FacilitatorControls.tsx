// Controls only facilitators see. The relay checks the role again, so hiding them is a
// convenience, not the protection.
import { useState } from 'react';
import { useActions, useWorkshop } from '../store/context';
import { Dialog } from '../ui/Dialog';

export function FacilitatorControls({ onPresent }: { onPresent: () => void }) {
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const locked = useWorkshop((s) => s.control?.locked ?? false);
  const vote = useWorkshop((s) => s.control?.vote ?? null);
  const viewport = useWorkshop((s) => s.viewport);
  const space = useWorkshop((s) => s.tableView ?? '');
  const actions = useActions();
  const [voting, setVoting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!isFacilitator) return null;
  return (
    <div className="facilitator-controls" role="group" aria-label="Facilitator controls">
      <button
        className={`btn btn-sm ${locked ? 'btn-warn' : ''}`}
        aria-pressed={locked}
        onClick={() => actions.control({ type: 'lock.board', locked: !locked })}
      >
        {locked ? 'Unlock board' : 'Lock board'}
      </button>
      <button
        className="btn btn-sm"
        disabled={!viewport}
        onClick={() => {
          if (!viewport) return;
          actions.control({ type: 'summon', viewport, space });
          setNotice('Everyone has been brought to your view.');
          setTimeout(() => setNotice(null), 3000);
        }}
      >
        Bring everyone here
      </button>
      {vote ? null : (
        <button className="btn btn-sm" onClick={() => setVoting(true)}>
          Start vote
        </button>
      )}
      <button className="btn btn-sm" onClick={() => actions.control({ type: 'drafts.reveal' })} title="Everyone's private drafts go onto the board">
        Reveal drafts
      </button>
      <button id="present-button" className="btn btn-sm btn-primary" onClick={onPresent}>
        Present
      </button>
      {notice && (
        <span className="small muted" role="status">
          {notice}
        </span>
      )}
      {voting && <StartVoteDialog onClose={() => setVoting(false)} />}
    </div>
  );
}

export function StartVoteDialog({ onClose }: { onClose: () => void }) {
  const actions = useActions();
  const [targets, setTargets] = useState<'cards' | 'items' | 'both'>('items');
  const [dots, setDots] = useState(3);
  const [anonymous, setAnonymous] = useState(true);
  return (
    <Dialog title="Start a dot vote" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          actions.control({ type: 'vote.start', targets, dotsPerPerson: dots, anonymous });
          onClose();
        }}
      >
        <label htmlFor="vote-targets">What can be voted on</label>
        <select id="vote-targets" value={targets} onChange={(e) => setTargets(e.target.value as typeof targets)}>
          <option value="items">Interventions in the plan</option>
          <option value="cards">Start Anywhere cards</option>
          <option value="both">Both</option>
        </select>
        <label htmlFor="vote-dots">Dots per person</label>
        <input id="vote-dots" type="number" min={1} max={20} value={dots} onChange={(e) => setDots(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} />
        <label className="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          Anonymous (results show counts, not names)
        </label>
        <p className="small muted">Nobody sees the tally until you reveal it.</p>
        <div className="row end gap">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Open the vote
          </button>
        </div>
      </form>
    </Dialog>
  );
}
