import { useId, useState, useSyncExternalStore } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { lensIds, type LensId } from '../../../shared/framework/schema';
import { useActions, useWorkshop } from '../store/context';
import { addDraft, loadDrafts, onDraftsChange, removeDraft, revealDrafts } from './drafts';

/** Write cards only you can see, then put them on the board when you (or the facilitator) say. */
export function DraftsPanel() {
  const session = useWorkshop((s) => s.session);
  const canEdit = useWorkshop((s) => s.canEdit);
  const actions = useActions();
  const workshopId = session.options.workshopId;
  const drafts = useSyncExternalStore(onDraftsChange, () => JSON.stringify(loadDrafts(workshopId)));
  const list = JSON.parse(drafts) as ReturnType<typeof loadDrafts>;
  const [text, setText] = useState('');
  const [kind, setKind] = useState<LensId>('people');
  const [domainId, setDomainId] = useState(frameworkIndex.framework.domains[0]!.id);
  const textId = useId();
  const kindId = useId();
  const domainSelectId = useId();

  return (
    <section className="drafts" aria-label="My private drafts">
      <p className="small muted">Only you can see these until they are revealed.</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          addDraft(workshopId, { kind, domainId, text: text.trim() });
          setText('');
        }}
      >
        <label htmlFor={textId}>Draft card</label>
        <textarea id={textId} rows={2} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
        <div className="row gap">
          <label htmlFor={kindId} className="visually-hidden">
            Draft lens
          </label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as LensId)}>
            {lensIds.map((k) => (
              <option key={k} value={k}>
                {frameworkIndex.framework.lenses.find((l) => l.id === k)!.name}
              </option>
            ))}
          </select>
          <label htmlFor={domainSelectId} className="visually-hidden">
            Draft domain
          </label>
          <select id={domainSelectId} value={domainId} onChange={(e) => setDomainId(e.target.value)} className="grow">
            {frameworkIndex.framework.domains.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button className="btn btn-sm" type="submit" disabled={!text.trim()}>
          Save draft
        </button>
      </form>
      {list.length > 0 && (
        <>
          <ul className="draft-list">
            {list.map((d) => (
              <li key={d.id}>
                <span className="grow">{d.text}</span>
                <button className="btn btn-ghost btn-sm" aria-label={`Discard draft ${d.text}`} onClick={() => removeDraft(workshopId, d.id)}>
                  Discard
                </button>
              </li>
            ))}
          </ul>
          <button
            className="btn btn-primary btn-sm"
            disabled={!canEdit}
            onClick={() => revealDrafts(workshopId, (d) => actions.addCard(d.kind, d.domainId, undefined, d.text) !== null)}
          >
            Reveal my drafts
          </button>
        </>
      )}
    </section>
  );
}
