// A list of labelled horizontal bars: easier to take in than a table of counts.
export function BarList({ label, rows, colours }: { label: string; rows: { key: string; count: number }[]; colours?: Record<string, string> }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className="portfolio-bars" aria-label={label}>
      <h4>{label}</h4>
      {rows.length === 0 ? (
        <p className="small muted">None.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.key} aria-label={`${r.key}: ${r.count}`}>
              <span className="portfolio-bar-label" title={r.key}>
                {r.key}
              </span>
              <span className="portfolio-bar-track">
                <span className="portfolio-bar" style={{ width: `${(r.count / max) * 100}%`, background: colours?.[r.key] }} />
              </span>
              <span className="portfolio-bar-count">{r.count}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
