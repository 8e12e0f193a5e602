// Two workshops side by side: what each planned, per domain and by route.
import { useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { aggregatePortfolio, type WorkshopSummary } from '../../../shared/export/portfolio';
import { readableDate } from '../../../shared/dates';

/** A workshop as the person picks it: workshops often share a title, so its date and footprint too. */
const labelOf = (w: WorkshopSummary) => [w.title, w.date && readableDate(w.date), w.footprint].filter(Boolean).join(' · ');

export function CompareWorkshops({ workshops }: { workshops: readonly WorkshopSummary[] }) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const left = workshops.find((w) => w.id === a);
  const right = workshops.find((w) => w.id === b);
  const pick = (value: string, set: (v: string) => void, label: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)}>
        <option value="">Choose a workshop</option>
        {workshops.map((w) => (
          <option key={w.id} value={w.id}>
            {labelOf(w)}
          </option>
        ))}
      </select>
    </label>
  );
  const rows = (w: WorkshopSummary | undefined) => {
    if (!w) return null;
    const agg = aggregatePortfolio(frameworkIndex, [w]);
    return { agg, w };
  };
  const l = rows(left);
  const r = rows(right);
  const keys = [...new Set([...(l?.agg.routes ?? []), ...(r?.agg.routes ?? [])].map((x) => x.key))];
  return (
    <section className="portfolio-compare" aria-label="Compare two workshops">
      <h4>Compare two workshops</h4>
      <div className="portfolio-filters">
        {pick(a, setA, 'First workshop')}
        {pick(b, setB, 'Second workshop')}
      </div>
      {l && r && (
        <table className="portfolio-table" aria-label="Comparison">
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col">{labelOf(l.w)}</th>
              <th scope="col">{labelOf(r.w)}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Plan</th>
              <td>{l.w.planStatus}</td>
              <td>{r.w.planStatus}</td>
            </tr>
            {frameworkIndex.framework.domains.map((d, i) => (
              <tr key={d.id}>
                <th scope="row">{d.name}</th>
                <td>{l.agg.perDomain[i]!.count}</td>
                <td>{r.agg.perDomain[i]!.count}</td>
              </tr>
            ))}
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{l.agg.routes.find((x) => x.key === k)?.count ?? 0}</td>
                <td>{r.agg.routes.find((x) => x.key === k)?.count ?? 0}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Outcomes recorded</th>
              <td>{l.agg.outcomes}</td>
              <td>{r.agg.outcomes}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
