// "Portfolio": the host's workshops with filters, what they add up to, two side by side, and a
// CSV of every planned intervention across the chosen workshops.
import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { frameworkIndex } from '../../../shared/framework';
import { aggregatePortfolio, portfolioCsv, type WorkshopSummary } from '../../../shared/export/portfolio';
import { downloadBlob } from '../export/download';
import { fetchPortfolio } from './portfolio-api';
import { BarList } from './BarList';
import { plural } from '../../../shared/wording';
import { CompareWorkshops } from './CompareWorkshops';
import './portfolio.css';

const fw = frameworkIndex.framework;
const academyName = (id: string) => fw.academies.find((a) => a.id === id)?.name ?? '';
const domainColours = Object.fromEntries(fw.domains.map((d, i) => [d.name, `var(--d${i})`]));

export function PortfolioDialog({ onClose }: { onClose: () => void }) {
  const [all, setAll] = useState<WorkshopSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [footprint, setFootprint] = useState('');
  const [academy, setAcademy] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());

  useEffect(() => {
    fetchPortfolio().then(setAll, (e: Error) => setError(e.message));
  }, []);

  const shown = useMemo(
    () =>
      (all ?? []).filter(
        (w) =>
          (!footprint || w.footprint.toLowerCase().includes(footprint.toLowerCase())) &&
          (!academy || w.academyId === academy) &&
          (!from || w.date >= from) &&
          (!to || w.date <= to),
      ),
    [all, footprint, academy, from, to],
  );
  const chosen = shown.filter((w) => !excluded.has(w.id));
  const agg = useMemo(() => aggregatePortfolio(frameworkIndex, chosen), [chosen]);

  return (
    <Dialog title="Portfolio" onClose={onClose} wide>
      <div className="portfolio">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!all && !error && <p role="status">Reading the workshops…</p>}
        {all && (
          <>
            <div className="portfolio-filters">
              <label>
                Footprint
                <input value={footprint} onChange={(e) => setFootprint(e.target.value)} placeholder="Any" />
              </label>
              <label>
                Academy
                <select value={academy} onChange={(e) => setAcademy(e.target.value)}>
                  <option value="">Any</option>
                  {fw.academies.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                From
                <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                To
                <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
            </div>
            <table className="portfolio-table" aria-label="Workshops">
              <thead>
                <tr>
                  <th scope="col">Include</th>
                  <th scope="col">Workshop</th>
                  <th scope="col">Footprint</th>
                  <th scope="col">Academy</th>
                  <th scope="col">Date</th>
                  <th scope="col">Plan</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((w) => (
                  <tr key={w.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Include ${w.title}`}
                        checked={!excluded.has(w.id)}
                        onChange={(e) => {
                          const next = new Set(excluded);
                          if (e.target.checked) next.delete(w.id);
                          else next.add(w.id);
                          setExcluded(next);
                        }}
                      />
                    </td>
                    <th scope="row">{w.title}</th>
                    <td>{w.footprint}</td>
                    <td>{academyName(w.academyId)}</td>
                    <td>{w.date}</td>
                    <td>{w.planStatus}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <section className="portfolio-summary" aria-label="Across the chosen workshops">
              <p role="status">
                {plural(chosen.length, 'workshop')} ·{' '}
                {plural(
                  agg.perDomain.reduce((s, d) => s + d.count, 0),
                  'intervention',
                )}{' '}
                · £{agg.totalCost.toLocaleString('en-GB')} costed · {plural(agg.outcomes, 'outcome')} recorded
              </p>
              <div className="portfolio-grid">
                <BarList label="Interventions per domain" rows={agg.perDomain.map((d) => ({ key: d.name, count: d.count }))} colours={domainColours} />
                <BarList label="Delivery routes" rows={agg.routes} />
                <BarList label="Most chosen interventions" rows={agg.interventions.slice(0, 10)} />
                <BarList label="Partners" rows={agg.partners.slice(0, 10)} />
                <BarList label="Funding sources" rows={agg.funding.slice(0, 10)} />
                <BarList label="Organisations by type" rows={agg.organisationTypes} />
                <BarList label="Criteria most often unmet" rows={agg.unmetCriteria} />
                <BarList label="Domains left uncovered" rows={agg.uncoveredDomains} colours={domainColours} />
                {agg.proposedByTables.length > 0 && <BarList label="Interventions by the tables that proposed them" rows={agg.proposedByTables.slice(0, 10)} />}
              </div>
            </section>
            <CompareWorkshops workshops={shown} />
            <div className="row end gap">
              <button
                className="btn"
                disabled={!chosen.length}
                onClick={() => downloadBlob(new Blob([portfolioCsv(frameworkIndex, chosen)], { type: 'text/csv;charset=utf-8' }), 'portfolio.csv')}
              >
                Export portfolio CSV
              </button>
              <button
                className="btn"
                disabled={!chosen.length}
                onClick={() =>
                  // jsPDF is large: load it only when someone asks for the PDF.
                  void import('./portfolio-pdf').then(({ buildPortfolioPdf }) => downloadBlob(buildPortfolioPdf(frameworkIndex, chosen), 'portfolio.pdf'))
                }
              >
                Export portfolio PDF
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
