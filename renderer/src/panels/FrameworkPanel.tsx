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
            <h4>Leadership roles</h4>
            <ul className="fw-list">
              {d.roles.map((r) => (
                <li key={r.id} className={covered.has(r.id) ? 'covered' : ''}>
                  <span className="tick" aria-hidden="true">
                    {covered.has(r.id) ? '✓' : ''}
                  </span>
                  {r.text}
                  {covered.has(r.id) && <span className="visually-hidden"> (covered on the board)</span>}
                </li>
              ))}
            </ul>
            <h4>Behaviours demonstrated</h4>
            <ul className="fw-list">
              {d.behaviours.map((b) => (
                <li key={b.id} className={covered.has(b.id) ? 'covered' : ''}>
                  <span className="tick" aria-hidden="true">
                    {covered.has(b.id) ? '✓' : ''}
                  </span>
                  {b.text}
                  {covered.has(b.id) && <span className="visually-hidden"> (covered on the board)</span>}
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
