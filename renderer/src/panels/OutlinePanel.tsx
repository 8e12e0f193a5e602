import { frameworkIndex } from '../../../shared/framework';
import { useActions, useWorkshop } from '../store/context';

/** The board as a list, by domain: the way a screen-reader user reads and moves around it. */
export function OutlinePanel() {
  const cards = useWorkshop((s) => s.snapshot.cards);
  const items = useWorkshop((s) => s.snapshot.items);
  const actions = useActions();
  return (
    <nav className="outline" aria-label="Board outline">
      {frameworkIndex.framework.domains.map((d) => {
        const dc = [...cards.values()].filter((c) => c.domainId === d.id).sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
        const di = [...items.values()].filter((i) => i.domainId === d.id);
        return (
          <div key={d.id} className="outline-domain">
            <h3>{d.name}</h3>
            {dc.length + di.length === 0 && <p className="small muted">Nothing here yet.</p>}
            {di.length > 0 && (
              <>
                <h4>Interventions</h4>
                <ul>
                  {di.map((i) => (
                    <li key={i.id}>
                      <button className="link-btn" onClick={() => actions.focus(i.id)}>
                        {i.title}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {frameworkIndex.framework.lenses.map((lens) => {
              const list = dc.filter((c) => c.kind === lens.id);
              if (list.length === 0) return null;
              return (
                <div key={lens.id}>
                  <h4>{lens.name}</h4>
                  <ul>
                    {list.map((c) => (
                      <li key={c.id}>
                        <button className="link-btn" onClick={() => actions.focus(c.id)}>
                          {c.text || 'Empty card'}
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
        );
      })}
    </nav>
  );
}
