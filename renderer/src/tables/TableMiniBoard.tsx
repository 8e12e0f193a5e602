// One table's board, small: its four domains side by side in their colours, each with how many
// cards and interventions it holds and the first cards' words, large enough to read in the
// facilitator's Tables overview without opening the table.
import { frameworkIndex } from '../../../shared/framework';
import type { CardView, PlanItemView } from '../../../shared/doc';
import { plural } from '../../../shared/wording';

const { domains } = frameworkIndex.framework;
/** Cards shown per domain: enough to see what a table is on, few enough for six tables on one screen. */
const SHOWN = 3;

export function TableMiniBoard({ name, cards, items }: { name: string; cards: readonly CardView[]; items: readonly PlanItemView[] }) {
  return (
    <div className="table-mini-board" role="group" aria-label={`Table ${name}'s board`}>
      {domains.map((d, i) => {
        const here = cards.filter((c) => c.domainId === d.id).sort((a, b) => b.createdAt - a.createdAt);
        const proposals = items.filter((it) => it.domainId === d.id).length;
        return (
          // Groups, not regions: six tables' boards would make 24 landmarks of four names.
          <div key={d.id} className={`mini-domain d${i}`} role="group" aria-label={d.name}>
            <p className="mini-domain-name">{d.name}</p>
            <p className="mini-domain-counts">
              {plural(here.length, 'card')}
              {proposals > 0 && ` · ${plural(proposals, 'intervention')}`}
            </p>
            {here.length > 0 && (
              <ul>
                {here.slice(0, SHOWN).map((c) => (
                  <li key={c.id} className={`lens-${c.kind}`}>
                    {c.text || 'An empty card'}
                  </li>
                ))}
                {here.length > SHOWN && <li className="mini-more">and {here.length - SHOWN} more</li>}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
