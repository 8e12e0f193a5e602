import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { createWorkshop } from '../lib/api';
import { rememberWorkshop } from '../lib/local-prefs';
import { navigate, workshopHash } from '../lib/routes';
import { frameworkIndex } from '../../../shared/framework';
import { StartFromField } from '../templates/StartFromField';
import { WORKED_EXAMPLE, type TemplateChoice } from '../templates/template-library';
import { FormFooter } from '../ui/FormFooter';

export function NewWorkshopDialog({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [footprint, setFootprint] = useState('');
  const [academyId, setAcademyId] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  // The worked example is one of the templates offered in "Start from".
  const [choice, setChoice] = useState<TemplateChoice | null>(null);
  const withSample = choice?.id === WORKED_EXAMPLE;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError('Give the workshop a title.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const startFrom = withSample ? 'worked-example' : choice?.template ? { template: choice.template } : 'empty';
      const created = await createWorkshop({ title: title.trim(), footprint: footprint.trim(), academyId, date }, startFrom);
      rememberWorkshop({ id: created.id, title: title.trim(), token: created.tokens.facilitator, tokens: created.tokens });
      navigate(workshopHash(created.id, created.tokens.facilitator));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog title="New workshop" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor="nw-title">Workshop title</label>
        <input
          id="nw-title"
          autoFocus
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Leading together on hospital discharge"
          required
          aria-invalid={!!error && !title.trim()}
        />
        <label htmlFor="nw-footprint">Footprint</label>
        <input id="nw-footprint" value={footprint} onChange={(e) => setFootprint(e.target.value)} placeholder="STP/ICS, place, or Vanguard/Pioneer site" />
        <div className="row gap">
          <div className="stack grow">
            <label htmlFor="nw-academy">Facilitating academy</label>
            <select id="nw-academy" value={academyId} onChange={(e) => setAcademyId(e.target.value)}>
              <option value="">Not chosen yet</option>
              {frameworkIndex.framework.academies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="stack">
            <label htmlFor="nw-date">Date</label>
            <input id="nw-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
        </div>
        <StartFromField value={choice?.id ?? 'builtin:empty'} onChange={setChoice} />
        <FormFooter error={error} busy={busy} onCancel={onClose} submitLabel={busy ? 'Creating…' : 'Create'} />
      </form>
    </Dialog>
  );
}
