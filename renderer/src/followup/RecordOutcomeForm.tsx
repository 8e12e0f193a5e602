// Records one outcome against a measure: when, the value or a rating against the target, the
// evidence, and who recorded it (the person's own name, from the join dialog).
import { useState } from 'react';
import { outcomeRatings, type MeasureView, type OutcomeRating } from '../../../shared/doc/layout';
import { localToday } from '../../../shared/export/follow-up-rows';
import { useActions, useWorkshop } from '../store/context';
import { FormFooter } from '../ui/FormFooter';

export function RecordOutcomeForm({ itemTitle, measures, onDone }: { itemTitle: string; measures: readonly MeasureView[]; onDone: () => void }) {
  const session = useWorkshop((s) => s.session);
  const actions = useActions();
  const [measureId, setMeasureId] = useState(measures[0]?.id ?? '');
  const [date, setDate] = useState(localToday);
  const [value, setValue] = useState('');
  const [rating, setRating] = useState<OutcomeRating | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const trimmed = value.trim();
    const n = trimmed === '' ? null : Number(trimmed.replace(/,/g, ''));
    if (n !== null && !Number.isFinite(n)) {
      setError('The value must be a number (leave it empty to give only a rating).');
      return;
    }
    try {
      actions.recordOutcome(measureId, { date, value: n, rating, note: note.trim(), recordedBy: session.options.profile.name });
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="followup-form" aria-label={`Record outcome for ${itemTitle}`} onSubmit={submit} noValidate>
      {measures.length > 1 && (
        <label>
          Measure
          <select value={measureId} onChange={(e) => setMeasureId(e.target.value)}>
            {measures.map((m) => (
              <option key={m.id} value={m.id}>
                {m.what}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="followup-form-row">
        <label>
          Outcome date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label>
          Value
          <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder="a number" />
        </label>
        <label>
          Rating
          <select value={rating} onChange={(e) => setRating(e.target.value as OutcomeRating | '')}>
            <option value="">No rating</option>
            {outcomeRatings.map((r) => (
              <option key={r} value={r}>
                {r.charAt(0).toUpperCase() + r.slice(1)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Evidence
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Where the figure comes from, what people said" maxLength={2000} />
      </label>
      <FormFooter error={error} submitLabel="Save outcome" onCancel={onDone} compact />
    </form>
  );
}
