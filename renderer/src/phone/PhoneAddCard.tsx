// Adding a Start Anywhere card from a phone: the domain, then the lens (the same buttons as the
// board's toolbar), then the words. The card is written once, with its text, when it is added,
// so nobody watching the board sees an empty card waiting.
import { useEffect, useId, useRef, useState } from 'react';
import type { LensId } from '../../../shared/framework/schema';
import { frameworkIndex } from '../../../shared/framework';
import { useActions, useWorkshop } from '../store/context';
import { LensIcon } from '../board/lens-style';
import { CardTextEditor } from './CardTextEditor';

const { lenses, domains } = frameworkIndex.framework;

export function PhoneAddCard() {
  const canEdit = useWorkshop((s) => s.canEdit);
  const isViewer = useWorkshop((s) => s.status.role === 'viewer');
  const domainId = useWorkshop((s) => s.targetDomainId);
  const actions = useActions();
  const [lens, setLens] = useState<LensId | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const domainSelect = useId();
  const titleId = useId();
  const addedTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (addedTimer.current && clearTimeout(addedTimer.current)), []);
  if (isViewer) return null;
  const domain = domains.find((d) => d.id === domainId) ?? domains[0]!;
  const chosen = lenses.find((l) => l.id === lens) ?? null;

  return (
    <section className="phone-add" aria-labelledby={titleId}>
      <h2 id={titleId} className="phone-section-title">
        Add a card
      </h2>
      <label htmlFor={domainSelect}>Domain</label>
      <select id={domainSelect} value={domain.id} disabled={!canEdit} onChange={(e) => actions.setTargetDomain(e.target.value)}>
        {domains.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <div className="phone-lens-buttons" role="group" aria-label="Lens">
        {lenses.map((l) => (
          <button
            key={l.id}
            type="button"
            className={`btn btn-lens lens-${l.id}`}
            disabled={!canEdit}
            aria-pressed={lens === l.id}
            aria-label={`Add ${l.id} card`}
            title={l.question}
            onClick={() => {
              setAdded(null);
              setLens(l.id);
              actions.setNewCardKind(l.id);
            }}
          >
            <LensIcon lens={l.id} />
            {l.name}
          </button>
        ))}
      </div>
      {!canEdit && <p className="small muted">The board is locked: cards cannot be added or changed right now.</p>}
      {chosen && canEdit && (
        <CardTextEditor
          key={`${chosen.id}:${domain.id}`}
          label={`New ${chosen.name.toLowerCase()} card in ${domain.name}`}
          hint={chosen.question}
          initial=""
          saveLabel="Add card"
          onSave={(text) => {
            const id = actions.addCard(chosen.id, domain.id, undefined, text);
            if (!id) return 'The card could not be added: you cannot edit this board right now.';
            setLens(null);
            setAdded(`Added to ${domain.name}`);
            if (addedTimer.current) clearTimeout(addedTimer.current);
            addedTimer.current = setTimeout(() => setAdded(null), 4000);
            return null;
          }}
          onCancel={() => setLens(null)}
        />
      )}
      <p className="small phone-added" role="status">
        {added}
      </p>
    </section>
  );
}
