// A table reporting back: its brief and who sat at it, what it wrote in each domain and what it
// proposes, in words large enough to read from the back of the room.
import { useMemo } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { planRows } from '../../../shared/doc/views';
import { useWorkshop } from '../store/context';
import { useShallow } from 'zustand/react/shallow';

const fw = frameworkIndex.framework;

export function TableSlide({ tableId }: { tableId: string }) {
  const table = useWorkshop((s) => s.snapshot.tables.get(tableId));
  const seats = useWorkshop((s) => s.snapshot.seats);
  const all = useWorkshop(useShallow((s) => ({ cards: s.snapshot.cards, items: s.snapshot.items })));
  // What the table wrote and proposed, whether still at the table or brought into the room's plan since.
  const cards = useMemo(() => [...all.cards.values()].filter((c) => c.tableId === tableId || c.fromTableId === tableId), [all.cards, tableId]);
  const items = useMemo(() => [...all.items.values()].filter((i) => i.tableId === tableId || i.fromTables.includes(tableId)), [all.items, tableId]);
  const people = useMemo(() => [...seats.values()].filter((p) => p.tableId === tableId).map((p) => p.name), [seats, tableId]);
  const proposals = useMemo(() => planRows(frameworkIndex, items), [items]);
  if (!table) return <p className="slide-gap">This table has been removed.</p>;
  return (
    <div className="slide slide-table-report">
      <h1 className="slide-title">Table {table.name}</h1>
      {table.brief && <p className="slide-board-lead">{table.brief}</p>}
      {people.length > 0 && <p className="slide-board-counts">{people.join(', ')}</p>}
      <div className="table-report-domains">
        {fw.domains.map((d, i) => {
          const here = cards.filter((c) => c.domainId === d.id);
          return (
            // Named for the table too: the board beneath has a region of the domain's own name.
            <section key={d.id} className={`table-report-domain d${i}`} aria-label={`${d.name} at table ${table.name}`}>
              <h2>{d.name}</h2>
              {here.length === 0 ? (
                <p className="slide-gap">Nothing written here.</p>
              ) : (
                <ul>
                  {here.map((c) => (
                    <li key={c.id}>{c.text || 'An empty card'}</li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      <section className="table-report-proposals" aria-label="Proposed interventions">
        <h2>Proposes</h2>
        {proposals.length === 0 ? (
          <p className="slide-gap">No intervention proposed yet.</p>
        ) : (
          <ul>
            {proposals.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong>
                {p.description && <span> · {p.description}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
