/** A revealed dot-vote result on a card or plan item (the count is in its description too). */
export function VoteChip({ dots }: { dots: number }) {
  return (
    <span className="chip chip-sm chip-votes" title={`${dots} ${dots === 1 ? 'vote' : 'votes'}`}>
      <span className="vote-dot" aria-hidden="true" />
      {dots}
    </span>
  );
}
