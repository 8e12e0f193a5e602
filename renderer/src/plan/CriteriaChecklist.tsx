import { useId } from 'react';
import { evaluateCriteria } from '../../../shared/doc/criteria';
import type { PlanItemView } from '../../../shared/doc/layout';
import { frameworkIndex } from '../../../shared/framework';
import { useActions } from '../store/context';

const mark = (met: boolean | null) => (met === true ? '✓' : met === false ? '✗' : '?');
const word = (met: boolean | null) => (met === true ? 'met' : met === false ? 'not met' : 'not known yet');

/** The five useful criteria for one item: computed ones show their reason, the rest are answered. */
export function CriteriaChecklist({ item, disabled }: { item: PlanItemView; disabled: boolean }) {
  const results = evaluateCriteria(frameworkIndex, item);
  return (
    <fieldset className="criteria" disabled={disabled}>
      <legend>Useful criteria</legend>
      <ul>
        {results.map((r) => (
          <li key={r.criterion.id} className={`criterion met-${String(r.met)}`}>
            <span className="criterion-mark" aria-hidden="true">
              {mark(r.met)}
            </span>
            <div className="stack grow">
              <span className="criterion-text" title={r.criterion.text}>
                {r.criterion.short}
                <span className="visually-hidden">: {word(r.met)}</span>
              </span>
              {r.computed ? (
                <span className="small muted">{r.reason} (worked out from the plan)</span>
              ) : (
                <Answer item={item} criterionId={r.criterion.id} label={r.criterion.short} />
              )}
            </div>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function Answer({ item, criterionId, label }: { item: PlanItemView; criterionId: string; label: string }) {
  const actions = useActions();
  const answer = item.criteria[criterionId] ?? { met: null, note: '' };
  const selectId = useId();
  const noteId = useId();
  const write = (met: boolean | null, note: string) => actions.setCriterionAnswer(item.id, criterionId, { met, note });
  return (
    <div className="row gap wrap">
      <label htmlFor={selectId} className="visually-hidden">
        {label}: answer
      </label>
      <select
        id={selectId}
        value={answer.met === null ? '' : String(answer.met)}
        onChange={(e) => write(e.target.value === '' ? null : e.target.value === 'true', answer.note)}
      >
        <option value="">Not answered</option>
        <option value="true">Met</option>
        <option value="false">Not met</option>
      </select>
      <label htmlFor={noteId} className="visually-hidden">
        {label}: note
      </label>
      <input
        id={noteId}
        className="grow"
        placeholder="Why (optional)"
        defaultValue={answer.note}
        key={answer.note}
        onBlur={(e) => e.target.value !== answer.note && write(answer.met, e.target.value)}
      />
    </div>
  );
}
