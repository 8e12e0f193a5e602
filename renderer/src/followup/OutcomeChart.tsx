// A small chart of one measure: outcomes over time against the baseline and the target. Values
// are plotted when the outcomes have them; ratings-only measures show as a row of marks.
import { leadingNumber, outcomeText, type MeasureFollowUp } from '../../../shared/doc/follow-up';
import { outcomeRatings } from '../../../shared/doc/layout';
import { readableDate } from '../../../shared/dates';

const W = 320;
const H = 120;
const PAD = { l: 34, r: 12, t: 12, b: 22 };

export function OutcomeChart({ data }: { data: MeasureFollowUp }) {
  const { measure, outcomes } = data;
  const baseline = leadingNumber(measure.baseline);
  const target = leadingNumber(measure.target);
  const valued = outcomes.filter((o) => o.value !== null);
  const label = `${measure.what}: ${outcomes.length} outcome${outcomes.length === 1 ? '' : 's'}${
    data.latest ? `, latest ${outcomeText(data.latest)} on ${readableDate(data.latest.date)}` : ''
  }${measure.target ? `, target ${measure.target}` : ''}`;
  if (!outcomes.length)
    return (
      <p className="followup-chart-empty small muted" role="img" aria-label={label}>
        No outcomes recorded yet.
      </p>
    );

  const times = outcomes.map((o) => Date.parse(`${o.date}T00:00:00Z`));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) => (t1 === t0 ? (PAD.l + W - PAD.r) / 2 : PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r));
  const values = [...valued.map((o) => o.value!), ...(baseline !== null ? [baseline] : []), ...(target !== null ? [target] : [])];
  const useValues = valued.length > 0;
  // Ratings become a 0..3 scale when no outcome carries a value.
  const v0 = useValues ? Math.min(...values) : 0;
  const v1 = useValues ? Math.max(...values) : outcomeRatings.length - 1;
  const span = v1 - v0 || 1;
  const y = (v: number) => H - PAD.b - ((v - v0) / span) * (H - PAD.t - PAD.b);
  const points = outcomes
    .map((o, i) => ({ o, px: x(times[i]!), v: useValues ? o.value : o.rating ? outcomeRatings.indexOf(o.rating) : null }))
    .filter((p): p is typeof p & { v: number } => p.v !== null);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${p.px.toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const fmt = (v: number) => (Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 10) / 10));

  return (
    <svg className="followup-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line className="axis" x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} />
      {useValues && (
        <>
          <text className="tick" x={PAD.l - 4} y={y(v1) + 4} textAnchor="end">
            {fmt(v1)}
          </text>
          <text className="tick" x={PAD.l - 4} y={y(v0) + 4} textAnchor="end">
            {fmt(v0)}
          </text>
        </>
      )}
      {useValues && baseline !== null && <RefLine kind="baseline" y={y(baseline)} />}
      {useValues && target !== null && <RefLine kind="target" y={y(target)} />}
      <path className="series" d={line} />
      {points.map((p) => (
        <circle key={p.o.id} className="point" cx={p.px} cy={y(p.v)} r={4} data-date={p.o.date} data-value={p.o.value ?? ''} data-rating={p.o.rating}>
          <title>{`${readableDate(p.o.date)}: ${outcomeText(p.o)}${p.o.recordedBy ? ` (${p.o.recordedBy})` : ''}`}</title>
        </circle>
      ))}
      <text className="tick" x={PAD.l} y={H - 6}>
        {readableDate(outcomes[0]!.date)}
      </text>
      {outcomes.length > 1 && (
        <text className="tick" x={W - PAD.r} y={H - 6} textAnchor="end">
          {readableDate(outcomes.at(-1)!.date)}
        </text>
      )}
    </svg>
  );
}

/** A dashed line across the chart at the baseline or the target, labelled at its right end. */
function RefLine({ kind, y }: { kind: 'baseline' | 'target'; y: number }) {
  return (
    <g className={`ref ${kind}`}>
      <line x1={PAD.l} x2={W - PAD.r} y1={y} y2={y} />
      <text x={W - PAD.r} y={y - 3} textAnchor="end">
        {kind}
      </text>
    </g>
  );
}
