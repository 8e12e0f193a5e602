// How counts, statuses and plan dates read wherever a person reads them (screen, PDF, PowerPoint),
// so "1 organisation", "In delivery" and "15 January 2027 to 30 June 2027" are written once.
import { readableDate } from './dates';

/** "1 organisation", "3 organisations". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A plan status as the app shows it: "in delivery" reads "In delivery". */
export function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** "2 of 30 cards are not yet linked to an intervention." */
export function unlinkedCards(unlinked: number, total: number): string {
  return `${unlinked} of ${plural(total, 'card')} ${unlinked === 1 ? 'is' : 'are'} not yet linked to an intervention.`;
}

/** A plan item's dates in words: "15 January 2027 to 30 June 2027", "from …", "until …", or "". */
export function dateSpan(start: string, end: string): string {
  if (start && end) return `${readableDate(start)} to ${readableDate(end)}`;
  if (start) return `from ${readableDate(start)}`;
  if (end) return `until ${readableDate(end)}`;
  return '';
}
