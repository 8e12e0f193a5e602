// The plan: one row per plan item. Choosing a row selects and centres the item on the board;
// selecting an item on the board highlights its row (and scrolls it into view).
import { statusLabel } from '../../../shared/wording';
import { useEffect, useMemo, useRef, useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { planRows, domainCoverage, domainsWithoutInterventions, isOutsideHomeDomain } from '../../../shared/doc/views';
import { planStatuses, type PlanStatus } from '../../../shared/doc/layout';
import { evaluateCriteria, criteriaMet } from '../../../shared/doc/criteria';
import { useActions, useWorkshop } from '../store/context';
import { togglePanel, usePanels } from '../layout/panel-prefs';
import { useShownEntries } from '../board/use-shown-entries';
import { GapsButton } from '../coach/GapsButton';

const MIN_HEIGHT = 120;

export function PlanTable() {
  // The plan of what the board shows: the room's, or one table's proposals.
  const { items, cards } = useShownEntries();
  const selection = useWorkshop((s) => s.selection);
  const canEdit = useWorkshop((s) => s.canEdit);
  const actions = useActions();
  const rows = useMemo(() => planRows(frameworkIndex, [...items.values()]), [items]);
  const anyVotes = rows.some((r) => r.votes !== null);
  const coverage = useMemo(() => domainCoverage(frameworkIndex, [...cards.values()], [...items.values()]), [cards, items]);
  const gaps = domainsWithoutInterventions(coverage);
  const open = usePanels().plan;
  const [height, setHeight] = useState<number | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  // A board selection brings its row into view.
  const selectedItem = selection.length === 1 && items.has(selection[0]!) ? selection[0]! : null;
  useEffect(() => {
    if (!selectedItem) return;
    bodyRef.current?.querySelector(`tr[data-id="${CSS.escape(selectedItem)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedItem]);

  const maxHeight = () => Math.max(MIN_HEIGHT, (panelRef.current?.parentElement?.clientHeight ?? 800) - 220);
  const resizeBy = (dy: number) => {
    const current = height ?? panelRef.current?.getBoundingClientRect().height ?? 240;
    setHeight(Math.min(maxHeight(), Math.max(MIN_HEIGHT, current + dy)));
  };

  return (
    <section
      ref={panelRef}
      id="plan"
      className={`plan-panel${open ? '' : ' collapsed'}`}
      aria-labelledby="plan-heading"
      style={open && height ? { height } : undefined}
    >
      {open && (
        <div
          className="plan-resizer"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the plan"
          aria-valuenow={Math.round(height ?? panelRef.current?.getBoundingClientRect().height ?? 0)}
          aria-valuemin={MIN_HEIGHT}
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              resizeBy(e.key === 'ArrowUp' ? 24 : -24);
            }
          }}
          onPointerDown={(e) => {
            const el = e.currentTarget;
            el.setPointerCapture(e.pointerId);
            const startY = e.clientY;
            const startH = panelRef.current?.getBoundingClientRect().height ?? 240;
            const onMove = (ev: PointerEvent) => setHeight(Math.min(maxHeight(), Math.max(MIN_HEIGHT, startH + startY - ev.clientY)));
            const onUp = () => {
              el.removeEventListener('pointermove', onMove);
              el.removeEventListener('pointerup', onUp);
            };
            el.addEventListener('pointermove', onMove);
            el.addEventListener('pointerup', onUp);
          }}
        />
      )}
      <header className="plan-header">
        <h2 id="plan-heading">Plan</h2>
        <span className="small muted">
          {rows.length} {rows.length === 1 ? 'intervention' : 'interventions'}
        </span>
        <ul className="coverage" aria-label="Interventions per domain">
          {coverage.map((c, i) => (
            <li key={c.domainId} className={`coverage-chip d${i}${c.interventions === 0 ? ' empty' : ''}`} title={c.name}>
              <span className="coverage-count">{c.interventions}</span>
              <span className="visually-hidden">{c.interventions === 1 ? 'intervention' : 'interventions'} in</span>{' '}
              {frameworkIndex.domainById.get(c.domainId)?.shortName}
            </li>
          ))}
        </ul>
        {/* Beside the counts it reads from, where the header has room at every width. */}
        <GapsButton className="plan-gaps" />
        {gaps.length > 0 && rows.length > 0 && (
          <p className="coverage-warning" role="note">
            <span aria-hidden="true">⚠ </span>No intervention yet in {gaps.map((g) => g.name).join(', ')}.
          </p>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-sm plan-toggle"
          aria-expanded={open}
          aria-controls="plan-body"
          aria-keyshortcuts="Alt+Shift+P"
          title="Alt+Shift+P"
          onClick={() => togglePanel('plan')}
        >
          {open ? 'Hide plan' : 'Show plan'}
        </button>
      </header>
      <div className="plan-scroll" id="plan-body" hidden={!open}>
        <table className="plan-table" aria-label="Plan">
          {/* The Votes column appears once a vote has been revealed (results live on the items). */}
          <thead>
            <tr>
              <th scope="col">Intervention</th>
              <th scope="col">Domain</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col" className="num" title="Useful criteria met">
                Criteria
              </th>
              <th scope="col" className="num">
                Organisations
              </th>
              {anyVotes && (
                <th scope="col" className="num">
                  Votes
                </th>
              )}
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {rows.length === 0 && (
              <tr>
                <td colSpan={anyVotes ? 7 : 6} className="muted empty-row">
                  No interventions yet. Drag one from the Intervention menu onto a domain, or choose one there and press “Add to plan”.
                </td>
              </tr>
            )}
            {rows.map((item) => {
              const domainIndex = frameworkIndex.framework.domains.findIndex((d) => d.id === item.domainId);
              const selected = selection.includes(item.id);
              const outside = isOutsideHomeDomain(frameworkIndex, item);
              const criteria = evaluateCriteria(frameworkIndex, item);
              const met = criteriaMet(criteria);
              return (
                <tr key={item.id} data-id={item.id} className={selected ? 'is-selected' : ''} aria-current={selected ? 'true' : undefined}>
                  <th scope="row">
                    <button type="button" className="link-btn" onClick={() => actions.focus(item.id)} title="Show on the board">
                      {item.title}
                    </button>
                    {outside && <span className="chip chip-sm chip-warn">outside its framework domain</span>}
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
                          {statusLabel(s)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{item.owner || <span className="muted">Not set</span>}</td>
                  <td className="num">
                    <span aria-hidden="true">
                      {met}/{criteria.length}
                    </span>
                    <span className="visually-hidden">
                      {met} of {criteria.length} met
                    </span>
                  </td>
                  <td className="num">{item.organisations.length}</td>
                  {anyVotes && <td className="num">{item.votes?.dots ?? 0}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
