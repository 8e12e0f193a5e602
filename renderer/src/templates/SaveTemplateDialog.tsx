// "Save as template": the facilitator picks which parts of this workshop to reuse; the template
// is kept in this browser (offered in New workshop) and downloaded as a file to share.
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { makeTemplate, templateParts, type TemplatePart } from '../../../shared/doc/template';
import { orderedTables } from '../../../shared/doc/tables';
import { useWorkshop } from '../store/context';
import { downloadBlob, fileNameFor } from '../export/download';
import { keepTemplate } from './template-library';

const partLabels: Record<TemplatePart, string> = {
  agenda: 'Agenda',
  tables: 'Tables and their briefs (not who sat where)',
  cards: 'Start Anywhere cards',
  items: 'Plan items',
  notes: 'Notes on plan items (description, audience, measures, impacts)',
};

export function SaveTemplateDialog({ onClose }: { onClose: () => void }) {
  const snapshot = useWorkshop((s) => s.snapshot);
  const agenda = useWorkshop((s) => s.control?.agenda.steps ?? []);
  const [name, setName] = useState(() => `${snapshot.meta.title} template`);
  const [parts, setParts] = useState<Set<TemplatePart>>(() => new Set(['agenda', 'tables', 'cards', 'items']));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = (p: TemplatePart, on: boolean) => {
    const next = new Set(parts);
    if (on) next.add(p);
    else next.delete(p);
    setParts(next);
  };
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    try {
      if (!name.trim()) throw new Error('Give the template a name.');
      if (!parts.size) throw new Error('Choose at least one part to keep.');
      const t = makeTemplate(
        name,
        `From "${snapshot.meta.title}"`,
        { agenda, tables: orderedTables(snapshot.tables), cards: [...snapshot.cards.values()], items: [...snapshot.items.values()] },
        parts,
      );
      keepTemplate(t);
      downloadBlob(new Blob([JSON.stringify(t, null, 2)], { type: 'application/json' }), fileNameFor(t.name, 'slctemplate.json'));
      setError(null);
      setSaved(`Saved "${t.name}". New workshops can start from it, and the file can be shared.`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Dialog title="Save as template" onClose={onClose}>
      <form className="stack" onSubmit={save} noValidate>
        <label htmlFor="tpl-name">Template name</label>
        <input id="tpl-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoFocus />
        <fieldset className="stack">
          <legend>Keep</legend>
          {templateParts.map((p) => (
            <label key={p} className="check">
              <input type="checkbox" checked={parts.has(p)} disabled={p === 'notes' && !parts.has('items')} onChange={(e) => toggle(p, e.target.checked)} />
              {partLabels[p]}
            </label>
          ))}
          <p className="small muted">Never kept: who took part, owners, organisations, votes and links between cards.</p>
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {saved && <p role="status">{saved}</p>}
        <div className="row end gap">
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="btn btn-primary">
            Save template
          </button>
        </div>
      </form>
    </Dialog>
  );
}
