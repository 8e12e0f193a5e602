// The plan: one row per plan item. Choosing a row selects and centres the item on the board;
// selecting an item on the board highlights its row.
import { useMemo } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { planRows, domainCoverage, domainsWithoutInterventions, isOutsideHomeDomain } from '../../../shared/doc/views';
import { planStatuses, type PlanStatus } from '../../../shared/doc/layout';
import { useActions, useWorkshop } from '../store/context';

export function PlanTable() {
  const items = useWorkshop((s) => s.snapshot.items);
  const cards = useWorkshop((s) => s.snapshot.cards);
  const selection = useWorkshop((s) => s.selection);
  const canEdit = useWorkshop((s) => s.status.role !== 'viewer');
  const actions = useActions();
  const rows = useMemo(() => planRows(frameworkIndex, [...items.values()]), [items]);
  const coverage = useMemo(() => domainCoverage(frameworkIndex, [...cards.values()], [...items.values()]), [cards, items]);
  const gaps = domainsWithoutInterventions(coverage);

  return (
    <section className="plan-panel" aria-labelledby="plan-heading">
      <header className="plan-header">
        <h2 id="plan-heading">Plan</h2>
        <ul className="coverage" aria-label="Interventions per domain">
          {coverage.map((c, i) => (
            <li key={c.domainId} className={`coverage-chip d${i} ${c.interventions === 0 ? 'empty' : ''}`}>
              <span className="coverage-count">{c.interventions}</span> {frameworkIndex.domainById.get(c.domainId)?.shortName}
            </li>
          ))}
        </ul>
        {gaps.length > 0 && rows.length > 0 && (
          <p className="coverage-warning" role="note">
            No intervention yet in {gaps.map((g) => g.name).join(', ')}.
          </p>
        )}
      </header>
      <div className="plan-scroll">
        <table className="plan-table" aria-label="Plan">
          <thead>
            <tr>
              <th scope="col">Intervention</th>
              <th scope="col">Domain</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Organisations</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="muted empty-row">
                  No interventions yet. Drag one from the Intervention menu onto a domain.
                </td>
              </tr>
            )}
            {rows.map((item) => {
              const domainIndex = frameworkIndex.framework.domains.findIndex((d) => d.id === item.domainId);
              const selected = selection.includes(item.id);
              return (
                <tr key={item.id} className={selected ? 'is-selected' : ''} aria-selected={selected}>
                  <th scope="row">
                    <button className="link-btn" onClick={() => actions.focus(item.id)} title="Show on the board">
                      {item.title}
                    </button>
                    {isOutsideHomeDomain(frameworkIndex, item) && <span className="chip chip-sm chip-warn">outside its framework domain</span>}
                  </th>
                  <td>
                    <span className={`domain-dot d${domainIndex}`} aria-hidden="true" />
                    {frameworkIndex.domainById.get(item.domainId)?.name ?? 'No domain'}
                  </td>
                  <td>
                    <select
                      aria-label={`Status of ${item.title}`}
                      value={item.status}
                      disabled={!canEdit}
                      onChange={(e) => actions.setItemStatus(item.id, e.target.value as PlanStatus)}
                    >
                      {planStatuses.map((s) => (
                        <option key={s} value={s}>
                          {s.charAt(0).toUpperCase() + s.slice(1)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{item.owner || <span className="muted">Not set</span>}</td>
                  <td>{item.organisations.length || <span className="muted">0</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
