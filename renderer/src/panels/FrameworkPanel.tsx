import { useMemo } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { domainCoverage } from '../../../shared/doc/views';
import { useWorkshop } from '../store/context';
import { sentenceCase } from '../lib/text';

/** The framework itself, with what the board already covers ticked off. */
export function FrameworkPanel() {
  const cards = useWorkshop((s) => s.snapshot.cards);
  const items = useWorkshop((s) => s.snapshot.items);
  const coverage = useMemo(() => domainCoverage(frameworkIndex, [...cards.values()], [...items.values()]), [cards, items]);
  return (
    <div className="framework-panel">
      {frameworkIndex.framework.domains.map((d, i) => {
        const covered = coverage[i]!.coveredTags;
        const total = d.roles.length + d.behaviours.length;
        return (
          <details key={d.id} className={`fw-domain d${i}`} open={i === 0}>
            <summary>
              <span className="fw-domain-name">{d.name}</span>
              <span className="small muted">
                {covered.size} of {total} covered
              </span>
            </summary>
            <p className="small">{sentenceCase(d.description)}</p>
            <CoverageList title="Leadership roles" entries={d.roles} covered={covered} />
            <CoverageList title="Behaviours demonstrated" entries={d.behaviours} covered={covered} />
          </details>
        );
      })}
    </div>
  );
}

function CoverageList({ title, entries, covered }: { title: string; entries: readonly { id: string; text: string }[]; covered: ReadonlySet<string> }) {
  return (
    <>
      <h4>{title}</h4>
      <ul className="fw-list">
        {entries.map((e) => (
          <li key={e.id} className={covered.has(e.id) ? 'covered' : ''}>
            <span className="tick" aria-hidden="true">
              {covered.has(e.id) ? '✓' : ''}
            </span>
            {e.text}
            {covered.has(e.id) && <span className="visually-hidden"> (covered on the board)</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
