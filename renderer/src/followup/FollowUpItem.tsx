// One plan item in the Follow-up view: its measures with their charts and outcomes, a button
// to record an outcome, and (once evaluated) what was learned.
import { useState } from 'react';
import { itemText } from '../../../shared/doc';
import { outcomeText, type ItemFollowUp } from '../../../shared/doc/follow-up';
import { frameworkIndex } from '../../../shared/framework';
import { useActions, useWorkshop } from '../store/context';
import { readableDate } from '../../../shared/dates';
import { SharedTextArea } from '../plan/SharedTextArea';
import { OutcomeChart } from './OutcomeChart';
import { MeasureForm } from './MeasureForm';
import { RecordOutcomeForm } from './RecordOutcomeForm';
import { reviewLabel } from './review-label';

export function FollowUpItem({ data, today }: { data: ItemFollowUp; today: string }) {
  const session = useWorkshop((s) => s.session);
  const actions = useActions();
  const canEdit = useWorkshop((s) => s.canEdit);
  const [form, setForm] = useState<'measure' | 'outcome' | null>(null);
  const { item, measures } = data;
  const domainIndex = frameworkIndex.framework.domains.findIndex((d) => d.id === item.domainId);
  const headingId = `followup-${item.id}`;
  return (
    <section className={`followup-item d${domainIndex}`} role="group" aria-labelledby={headingId}>
      <header className="followup-item-head">
        <h3 id={headingId}>{item.title}</h3>
        {measures.length > 0 && <span className={`followup-badge ${data.review}`}>{reviewLabel(data, today)}</span>}
        <span className="small muted">{frameworkIndex.domainById.get(item.domainId)?.name}</span>
      </header>
      {item.measuresOfSuccess && <p className="small muted followup-agreed">Agreed measures of success: {item.measuresOfSuccess}</p>}
      {measures.map((m) => (
        <div key={m.measure.id} className="followup-measure">
          <div className="followup-measure-text">
            <h4>{m.measure.what}</h4>
            <p className="small">
              {[m.measure.baseline && `Baseline ${m.measure.baseline}`, m.measure.target && `target ${m.measure.target}`].filter(Boolean).join(', ') ||
                'No baseline or target yet'}
              {m.measure.how && ` · ${m.measure.how}`}
              {m.measure.reviewDate && ` · review ${readableDate(m.measure.reviewDate)}`}
            </p>
            <ul className="followup-outcomes" aria-label={`Outcomes for ${m.measure.what}`}>
              {m.outcomes.map((o) => (
                <li key={o.id} className="followup-outcome">
                  <span>
                    <strong>{readableDate(o.date)}</strong> {outcomeText(o)}
                    {o.note && <span className="muted"> · {o.note}</span>}
                    {o.recordedBy && <span className="muted small"> ({o.recordedBy})</span>}
                  </span>
                  {canEdit && (
                    <button
                      className="btn btn-ghost btn-sm followup-outcome-remove"
                      aria-label={`Remove outcome ${outcomeText(o)} on ${readableDate(o.date)} for ${m.measure.what}`}
                      onClick={() => actions.removeOutcome(o.id)}
                    >
                      ×
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
          <OutcomeChart data={m} />
        </div>
      ))}
      {item.status === 'evaluated' && (
        <SharedTextArea
          key={`${item.id}-learned`}
          field={{ id: item.id, field: 'learned', text: itemText(session.doc, item.id, 'learned') }}
          label="What was learned"
          rows={2}
          disabled={!canEdit}
        />
      )}
      {canEdit && form === null && (
        <div className="row gap">
          <button className="btn btn-sm" onClick={() => setForm('measure')}>
            Add measure
          </button>
          {measures.length > 0 && (
            <button className="btn btn-sm btn-primary" onClick={() => setForm('outcome')}>
              Record outcome
            </button>
          )}
          {measures.length > 0 && item.status !== 'evaluated' && (
            <button className="btn btn-sm" onClick={() => actions.setItemStatus(item.id, 'evaluated')}>
              Mark evaluated
            </button>
          )}
        </div>
      )}
      {form === 'measure' && <MeasureForm itemId={item.id} itemTitle={item.title} onDone={() => setForm(null)} />}
      {form === 'outcome' && <RecordOutcomeForm itemTitle={item.title} measures={measures.map((m) => m.measure)} onDone={() => setForm(null)} />}
    </section>
  );
}
