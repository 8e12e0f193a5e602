import { frameworkIndex } from '../../../shared/framework';
import { useActions, useWorkshop } from '../store/context';
import { LensIcon } from './lens-style';

/** Adds Start Anywhere cards to the chosen domain; the new card opens for typing at once. */
export function CardToolbar() {
  const actions = useActions();
  const targetDomainId = useWorkshop((s) => s.targetDomainId);
  const canEdit = useWorkshop((s) => s.canEdit);
  const { lenses, domains } = frameworkIndex.framework;
  return (
    <div className="card-toolbar" id="board-tools" role="toolbar" aria-label="Start Anywhere cards">
      <label htmlFor="target-domain" className="small">
        Add to
      </label>
      <select id="target-domain" aria-label="Add to: domain for new cards" value={targetDomainId} onChange={(e) => actions.setTargetDomain(e.target.value)}>
        {domains.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      {lenses.map((lens) => (
        <button
          key={lens.id}
          type="button"
          className={`btn btn-lens lens-${lens.id}`}
          disabled={!canEdit}
          title={`${lens.question} (adds a ${lens.name.toLowerCase()} card)`}
          aria-label={`Add ${lens.id} card`}
          onClick={() => {
            actions.setNewCardKind(lens.id);
            const id = actions.addCard(lens.id, targetDomainId);
            if (id) {
              actions.focus(id, 'reveal');
              actions.setEditing(id);
            }
          }}
        >
          <LensIcon lens={lens.id} />
          {lens.name}
        </button>
      ))}
    </div>
  );
}
