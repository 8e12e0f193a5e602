// The review badge says "due today" only for a review that falls on today; other due reviews
// are "due soon", and overdue stays overdue even when another measure is due today.
import { describe, it, expect } from 'vitest';
import { followUpView } from '../../../shared/doc/follow-up';
import type { MeasureView, PlanItemView } from '../../../shared/doc/layout';
import { reviewLabel } from './review-label';

const item = { id: 'i1', status: 'agreed' } as unknown as PlanItemView;
const measure = (id: string, reviewDate: string): MeasureView => ({ id, itemId: 'i1', what: id, baseline: '', target: '', how: '', reviewDate, createdAt: 0 });
const label = (...dates: string[]) =>
  reviewLabel(followUpView([item], { measures: dates.map((d, i) => measure(`m${i}`, d)), outcomes: [] }, '2026-11-30')[0]!, '2026-11-30');

describe('review label', () => {
  it('names today, soon, overdue and later apart', () => {
    expect(label('2026-11-30')).toBe('Review due today');
    expect(label('2026-12-01')).toBe('Review due soon');
    expect(label('2026-12-10', '2026-11-30')).toBe('Review due today');
    expect(label('2026-11-29', '2026-11-30')).toBe('Review overdue');
    expect(label('2027-06-30')).toBe('Review scheduled');
    expect(label('')).toBe('No review date');
  });
});
