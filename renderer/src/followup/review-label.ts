// What the badge on a plan item in Follow-up says about its next review. "Due" covers the
// coming weeks; a review falling on today is said plainly, since it is the one to act on now.
import type { ItemFollowUp, ReviewState } from '../../../shared/doc/follow-up';

const labels: Record<ReviewState, string> = {
  overdue: 'Review overdue',
  due: 'Review due soon',
  later: 'Review scheduled',
  unscheduled: 'No review date',
  evaluated: 'Evaluated',
};

export function reviewLabel(data: ItemFollowUp, today: string): string {
  if (data.review === 'due' && data.measures.some((m) => m.review === 'due' && m.measure.reviewDate === today)) return 'Review due today';
  return labels[data.review];
}
