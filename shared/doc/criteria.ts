// The five useful criteria, judged per plan item. Two follow from the item's data (who takes
// part; cost and funding) and always show their reason; the rest are answered by the group.
import type { FrameworkIndex } from '../framework/load';
import type { Criterion } from '../framework/schema';
import type { PlanItemView } from './layout';

export interface CriterionResult {
  criterion: Criterion;
  /** true met, false not met, null not yet known */
  met: boolean | null;
  computed: boolean;
  /** why, in words a facilitator can read out */
  reason: string;
}

const NO_COST = /^\s*(£\s*0+([.,]0+)?|0|nil|none|free|no cost)\s*$/i;

export function multiOrganisational(item: PlanItemView): Pick<CriterionResult, 'met' | 'reason'> {
  const names = item.organisations.map((o) => o.name);
  const types = [...new Set(item.organisations.map((o) => o.type))];
  if (names.length === 0) return { met: false, reason: 'No organisations added yet.' };
  if (types.length >= 2) return { met: true, reason: `Multi-agency: ${names.length} organisations of ${types.length} types (${types.join(', ')}).` };
  if (names.length >= 2) return { met: true, reason: `Multi-organisational: ${names.length} organisations (${names.join(', ')}), all ${types[0]}.` };
  return { met: false, reason: `Only one organisation involved (${names[0]}).` };
}

export function funded(item: PlanItemView): Pick<CriterionResult, 'met' | 'reason'> {
  const cost = item.cost.trim();
  const funding = item.funding.trim();
  if (cost && NO_COST.test(cost)) return { met: true, reason: 'No cost.' };
  if (funding) return { met: true, reason: cost ? `${cost}, funded by ${funding}.` : `Funded by ${funding}.` };
  if (cost) return { met: false, reason: `${cost} has no funding source yet.` };
  return { met: null, reason: 'No cost or funding given yet.' };
}

export function evaluateCriteria(fw: FrameworkIndex, item: PlanItemView): CriterionResult[] {
  return fw.framework.criteria.map((criterion) => {
    if (criterion.computedFrom === 'multi-organisational') return { criterion, computed: true, ...multiOrganisational(item) };
    if (criterion.computedFrom === 'funded') return { criterion, computed: true, ...funded(item) };
    const answer = item.criteria[criterion.id];
    const met = answer?.met ?? null;
    const note = answer?.note.trim() ?? '';
    const reason = note || (met === null ? 'Not answered yet.' : met ? 'Agreed by the group.' : 'The group judged it not met.');
    return { criterion, computed: false, met, reason };
  });
}

export function criteriaMet(results: readonly CriterionResult[]): number {
  return results.filter((r) => r.met === true).length;
}
