// While a dot vote is open: place and move your dots (with the keyboard too), see how many are
// left and how many the room has placed, but not where, until the facilitator reveals.
import { useMemo } from 'react';
import { useActions, useWorkshop } from '../store/context';

const NO_DOTS: readonly string[] = [];

export function VotePanel() {
  const vote = useWorkshop((s) => s.control?.vote ?? null);
  // A shared empty array: a fresh [] per read would look like a change on every render.
  const myDots = useWorkshop((s) => s.control?.myDots ?? NO_DOTS);
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const canVote = useWorkshop((s) => s.status.role !== 'viewer');
  const cards = useWorkshop((s) => s.snapshot.cards);
  const items = useWorkshop((s) => s.snapshot.items);
  const refusal = useWorkshop((s) => s.session.control.lastRefusal);
  const actions = useActions();
  const entries = useMemo(() => {
    if (!vote) return [];
    const list: { id: string; label: string }[] = [];
    if (vote.targets !== 'cards') for (const i of items.values()) list.push({ id: i.id, label: i.title });
    if (vote.targets !== 'items') for (const c of cards.values()) list.push({ id: c.id, label: c.text || 'Empty card' });
    return list;
  }, [vote, cards, items]);
  if (!vote) return null;
  const left = vote.dotsPerPerson - myDots.length;
  const results = vote.results;
  const ranked = results ? [...entries].sort((a, b) => (results[b.id]?.dots ?? 0) - (results[a.id]?.dots ?? 0)) : entries;

  return (
    <section className="vote-panel" id="dot-vote" aria-label="Dot vote">
      <header className="row gap wrap">
        <h2 className="panel-title">{vote.revealed ? 'Vote results' : 'Dot vote open'}</h2>
        {!vote.revealed && canVote && <span className="chip">{left === 1 ? '1 dot left' : `${left} dots left`}</span>}
        <span className="small muted">
          {vote.dotsPlaced} {vote.dotsPlaced === 1 ? 'dot' : 'dots'} from {vote.voters} {vote.voters === 1 ? 'person' : 'people'}
          {vote.anonymous ? ' · anonymous' : ''}
        </span>
        {isFacilitator && (
          <span className="row gap">
            {!vote.revealed && (
              <button className="btn btn-sm btn-primary" onClick={() => actions.control({ type: 'vote.reveal' })}>
                Reveal votes
              </button>
            )}
            <button className="btn btn-sm" onClick={() => actions.control({ type: 'vote.close' })}>
              Close vote
            </button>
          </span>
        )}
      </header>
      {refusal && (
        <p className="error small" role="alert">
          {refusal}
        </p>
      )}
      <ul className="vote-list">
        {ranked.map((e) => {
          const mine = myDots.filter((d) => d === e.id).length;
          const total = results?.[e.id]?.dots ?? 0;
          return (
            <li key={e.id}>
              <span className="grow">{e.label}</span>
              {results ? (
                <span className="vote-total">
                  {/* a name on a plain span is not read out (axe: aria-prohibited-attr), so words instead */}
                  <span aria-hidden="true">{'●'.repeat(Math.min(total, 12))} </span>
                  {total}
                  <span className="visually-hidden"> {total === 1 ? 'dot' : 'dots'}</span>
                  {results[e.id]?.voters.length ? <span className="small muted"> ({results[e.id]!.voters.join(', ')})</span> : null}
                </span>
              ) : (
                canVote && (
                  <span className="row gap">
                    <span className="my-dots">
                      <span aria-hidden="true">{'●'.repeat(mine)}</span>
                      <span className="visually-hidden">{`your dots on ${e.label}: ${mine}`}</span>
                    </span>
                    <button
                      className="btn btn-sm"
                      disabled={left <= 0}
                      aria-label={`Place a dot on ${e.label}`}
                      onClick={() => actions.control({ type: 'vote.place', target: e.id })}
                    >
                      +
                    </button>
                    <button
                      className="btn btn-sm"
                      disabled={mine === 0}
                      aria-label={`Remove a dot from ${e.label}`}
                      onClick={() => actions.control({ type: 'vote.remove', target: e.id })}
                    >
                      −
                    </button>
                  </span>
                )
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
