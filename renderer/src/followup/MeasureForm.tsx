// Adds a measure of success to follow up: what is measured, baseline, target, how, and when
// to review it.
import { useState } from 'react';
import { useActions } from '../store/context';
import { FormFooter } from '../ui/FormFooter';

export function MeasureForm({ itemId, itemTitle, onDone }: { itemId: string; itemTitle: string; onDone: () => void }) {
  const actions = useActions();
  const [f, setF] = useState({ what: '', baseline: '', target: '', how: '', reviewDate: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    try {
      actions.addMeasure(itemId, f);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="followup-form" aria-label={`New measure for ${itemTitle}`} onSubmit={submit} noValidate>
      <label>
        What is measured
        <input value={f.what} onChange={set('what')} placeholder="e.g. Median discharge delay (days)" maxLength={2000} autoFocus />
      </label>
      <div className="followup-form-row">
        <label>
          Baseline
          <input value={f.baseline} onChange={set('baseline')} placeholder="e.g. 9" maxLength={2000} />
        </label>
        <label>
          Target
          <input value={f.target} onChange={set('target')} placeholder="e.g. 5" maxLength={2000} />
        </label>
        <label>
          Review date
          <input type="date" value={f.reviewDate} onChange={set('reviewDate')} />
        </label>
      </div>
      <label>
        How it is measured
        <input value={f.how} onChange={set('how')} placeholder="e.g. Monthly audit of discharge records" maxLength={2000} />
      </label>
      <FormFooter error={error} submitLabel="Add measure" onCancel={onDone} compact />
    </form>
  );
}
