// "Start from" in the New workshop form: the built-in templates, the ones kept in this
// browser, and a template file someone shared.
import { useId, useState } from 'react';
import { parseTemplate } from '../../../shared/doc/template';
import { keepTemplate, templateChoices, type TemplateChoice } from './template-library';

export function StartFromField({ value, onChange }: { value: string; onChange: (choice: TemplateChoice) => void }) {
  const [choices, setChoices] = useState(templateChoices);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const fileId = useId();
  const openFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      if (file.size > 2_000_000) throw new Error('This file is too large to be a workshop template.');
      const t = parseTemplate(await file.text());
      keepTemplate(t);
      const next = templateChoices();
      setChoices(next);
      setError(null);
      onChange(next.find((c) => c.id === `saved:${t.name}`)!);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="stack">
      <label htmlFor={selectId}>Start from</label>
      <select id={selectId} value={value} onChange={(e) => onChange(choices.find((c) => c.id === e.target.value)!)}>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <label htmlFor={fileId} className="small">
        Or open a template file
      </label>
      <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void openFile(e.target.files?.[0])} />
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
