// The follow-up as flat rows, one per outcome (a measure with none yet gets one row of its
// own): one source for the CSV, Markdown, PDF and PowerPoint follow-up sections and the chart.
import type { FrameworkIndex } from '../framework/load';
import { planRows } from '../doc/views';
import { followUpView, outcomeText, type FollowUpContent, type ItemFollowUp } from '../doc/follow-up';
import type { PlanContent } from './plan-rows';

export const followUpColumns = [
  'Intervention',
  'Domain',
  'Status',
  'Measure',
  'Baseline',
  'Target',
  'How measured',
  'Review date',
  'Review',
  'Outcome date',
  'Value',
  'Rating',
  'Evidence',
  'Recorded by',
  'What was learned',
] as const;
export type FollowUpColumn = (typeof followUpColumns)[number];

export interface FollowUpExport {
  items: ItemFollowUp[];
  rows: Record<FollowUpColumn, string>[];
}

const reviewWords = { overdue: 'Overdue', due: 'Due soon', later: 'Scheduled', unscheduled: 'No date set', evaluated: 'Evaluated' } as const;

/** Today's date as yyyy-mm-dd in local time (reviews are due by the calendar, not by UTC). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function followUpExport(fw: FrameworkIndex, content: PlanContent & { followUp?: FollowUpContent }, today = localToday()): FollowUpExport {
  const items = followUpView(planRows(fw, content.items), content.followUp ?? { measures: [], outcomes: [] }, today).filter((f) => f.measures.length);
  // Reading order (the plan's), not urgency, so an export reads like the plan it follows.
  const order = new Map(planRows(fw, content.items).map((it, i) => [it.id, i]));
  items.sort((a, b) => order.get(a.item.id)! - order.get(b.item.id)!);
  const rows: FollowUpExport['rows'] = [];
  for (const f of items)
    for (const m of f.measures) {
      const base = {
        Intervention: f.item.title,
        Domain: fw.domainById.get(f.item.domainId)?.name ?? '',
        Status: f.item.status,
        Measure: m.measure.what,
        Baseline: m.measure.baseline,
        Target: m.measure.target,
        'How measured': m.measure.how,
        'Review date': m.measure.reviewDate,
        Review: m.review === 'due' && m.measure.reviewDate === today ? 'Due today' : reviewWords[m.review],
        'What was learned': f.item.learned,
      };
      const none = { 'Outcome date': '', Value: '', Rating: '', Evidence: '', 'Recorded by': '' };
      if (!m.outcomes.length) rows.push({ ...base, ...none });
      for (const o of m.outcomes)
        rows.push({
          ...base,
          'Outcome date': o.date,
          Value: o.value === null ? '' : String(o.value),
          Rating: o.rating,
          Evidence: o.note,
          'Recorded by': o.recordedBy,
        });
    }
  return { items, rows };
}

/** The framework's own sentence pointing to the NHS Leadership Development Evaluation Framework. */
export function evaluationFrameworkPointer(fw: FrameworkIndex): string {
  const sentences = fw.framework.evaluation.description.split(/(?<=\.)\s+/);
  return sentences.find((s) => /Evaluation Framework/.test(s)) ?? '';
}

export { outcomeText };
