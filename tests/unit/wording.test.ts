import { describe, it, expect } from 'vitest';
import { plural, statusLabel, dateSpan, unlinkedCards } from '../../shared/wording';

describe('wording shared by the screen and the exports', () => {
  it('counts one in the singular', () => {
    expect(plural(1, 'organisation')).toBe('1 organisation');
    expect(plural(0, 'organisation')).toBe('0 organisations');
    expect(plural(3, 'type')).toBe('3 types');
    expect(unlinkedCards(1, 30)).toBe('1 of 30 cards is not yet linked to an intervention.');
    expect(unlinkedCards(2, 1)).toBe('2 of 1 card are not yet linked to an intervention.');
  });

  it('shows a status as the app does', () => {
    expect(statusLabel('in delivery')).toBe('In delivery');
    expect(statusLabel('proposed')).toBe('Proposed');
  });

  it('gives plan dates in words, with either end missing', () => {
    expect(dateSpan('2027-01-15', '2027-06-30')).toBe('15 January 2027 to 30 June 2027');
    expect(dateSpan('2027-01-15', '')).toBe('from 15 January 2027');
    expect(dateSpan('', '2027-06-30')).toBe('until 30 June 2027');
    expect(dateSpan('', '')).toBe('');
  });
});
