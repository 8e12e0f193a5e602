// "Gaps": the framework as a coach, for what the board shows (the room's, or one table's). Each
// rule says what is missing and what would fill it; an intervention the framework offers for a
// thin domain is added to the plan from here with one press.
import { useMemo, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useActions, useWorkshop } from '../store/context';
import { useShownEntries } from '../board/use-shown-entries';
import { frameworkIndex } from '../../../shared/framework';
import { readGaps, type DomainGap } from '../../../shared/doc';
import { plural } from '../../../shared/wording';
import { sentenceCase } from '../lib/text';

export function GapsButton({ className = '' }: { className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={`btn btn-sm ${className}`} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Gaps
      </button>
      {open && <GapsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function GapsDialog({ onClose }: { onClose: () => void }) {
  const { cards, items } = useShownEntries();
  const tableName = useWorkshop((s) => (s.tableView ? (s.snapshot.tables.get(s.tableView)?.name ?? null) : null));
  const gaps = useMemo(() => readGaps(frameworkIndex, [...cards.values()], [...items.values()]), [cards, items]);
  const thin = gaps.domains.filter((d) => d.suggestions.length > 0);
  return (
    <Dialog title={tableName ? `Gaps: Table ${tableName}` : 'Gaps: the room'} onClose={onClose} wide>
      <div className="gaps">
        {thin.length === 0 && gaps.criteria.length === 0 ? (
          <p>Every domain has cards and an intervention, and no intervention fails a criterion the app can check.</p>
        ) : (
          <p className="small muted">What the framework would ask of this board, rule by rule.</p>
        )}
        {thin.map((d) => (
          <ThinDomain key={d.domainId} gap={d} />
        ))}
        {gaps.criteria.length > 0 && (
          <section aria-label="Interventions failing a criterion">
            <h3>Interventions failing a criterion</h3>
            <ul>
              {gaps.criteria.map((c) => (
                <li key={`${c.itemId}-${c.criterion}`}>
                  <strong>{c.title}</strong> · {c.criterion}: {c.problem} <em>{c.fix}</em>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-label="Roles and behaviours not yet tagged">
          <h3>Roles and behaviours no card is tagged with</h3>
          {gaps.domains.map((d) => (
            <details key={d.domainId}>
              <summary>
                {d.name}: {plural(d.untagged.length, 'not tagged', 'not tagged')}
              </summary>
              <ul>
                {d.untagged.map((u) => (
                  <li key={u.id}>
                    {u.kind === 'role' ? 'Role' : 'Behaviour'}: {u.text}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      </div>
    </Dialog>
  );
}

function ThinDomain({ gap }: { gap: DomainGap }) {
  const actions = useActions();
  const canEdit = useWorkshop((s) => s.canEdit);
  const [added, setAdded] = useState<string | null>(null);
  const what = gap.cards === 0 ? 'No cards yet' : `Only ${plural(gap.cards, 'card')}`;
  return (
    <section className="gap-domain" aria-label={`Gap: ${gap.name}`}>
      <h3>{gap.name}</h3>
      <p>
        {what} and {gap.interventions === 0 ? 'no intervention' : plural(gap.interventions, 'intervention')}. The framework says this domain is about{' '}
        <q>{sentenceCase(gap.why)}</q>
      </p>
      <p className="small">The menu offers for it:</p>
      <ul className="gap-suggestions">
        {gap.suggestions.map((s) => (
          <li key={s.id}>
            <span>{s.title}</span>
            {canEdit && (
              <button
                className="btn btn-sm"
                onClick={() => {
                  if (actions.addPlanItem(s.id, gap.domainId)) setAdded(s.title);
                }}
                aria-label={`Add ${s.title} to the plan`}
              >
                Add to plan
              </button>
            )}
          </li>
        ))}
      </ul>
      <p className="small muted" role="status">
        {added ? `${added} is in the plan.` : ''}
      </p>
    </section>
  );
}
