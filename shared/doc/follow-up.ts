// Evaluation follow-up: the measures of success each plan item is followed up with, and the
// outcomes recorded against them over time. Writers check what they are given (a hostile or
// careless client gets an error, the doc stays as it was); readers never trust the doc.
import type * as Y from 'yjs';
import { measureFields, outcomeRatings, type MeasureField, type MeasureView, type OutcomeView, type OutcomeRating, type PlanItemView } from './layout';
import { measuresMap, outcomesMap, itemsMap, type Entry } from './workshop-doc';
import { newEntryId } from './ids';
import { FOLLOW_UP_TEXT_MAX, createEntry, measureRecord } from './schema';

export { FOLLOW_UP_TEXT_MAX };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class FollowUpInputError extends Error {
  override name = 'FollowUpInputError';
}

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function checkText(label: string, v: string): string {
  if (typeof v !== 'string') throw new FollowUpInputError(`${label} must be text.`);
  if (v.length > FOLLOW_UP_TEXT_MAX) throw new FollowUpInputError(`${label} is too long (at most ${FOLLOW_UP_TEXT_MAX} characters).`);
  return v;
}

function checkMeasureField(field: MeasureField, value: string): string {
  checkText(field, value);
  if (field === 'reviewDate' && value !== '' && !isIsoDate(value)) throw new FollowUpInputError('The review date must be a date like 2027-03-31.');
  return value;
}

export type NewMeasure = Partial<Record<MeasureField, string>>;

export function addMeasure(doc: Y.Doc, itemId: string, fields: NewMeasure, origin: unknown = null, id = newEntryId()): string {
  if (!itemsMap(doc).has(itemId)) throw new FollowUpInputError('That plan item no longer exists.');
  const values = Object.fromEntries(measureFields.map((f) => [f, checkMeasureField(f, fields[f] ?? '')]));
  if (!values['what']!.trim()) throw new FollowUpInputError('Say what is measured.');
  const entry = createEntry(measureRecord, { itemId, ...Object.fromEntries(measureFields.map((f) => [f, values[f]])), createdAt: Date.now() });
  doc.transact(() => measuresMap(doc).set(id, entry), origin);
  return id;
}

export function setMeasureField(doc: Y.Doc, measureId: string, field: MeasureField, value: string, origin: unknown = null): void {
  const m = measuresMap(doc).get(measureId);
  if (!m) throw new FollowUpInputError('That measure no longer exists.');
  checkMeasureField(field, value);
  doc.transact(() => m.set(field, value), origin);
}

/** Removes a measure and every outcome recorded against it. */
export function removeMeasure(doc: Y.Doc, measureId: string, origin: unknown = null): void {
  doc.transact(() => {
    measuresMap(doc).delete(measureId);
    const outcomes = outcomesMap(doc);
    for (const [id, o] of outcomes) if ((o as { measureId?: unknown })?.measureId === measureId) outcomes.delete(id);
  }, origin);
}

export interface NewOutcome {
  date: string;
  value?: number | null;
  rating?: OutcomeRating | '';
  note?: string;
  recordedBy: string;
}

export function recordOutcome(doc: Y.Doc, measureId: string, o: NewOutcome, origin: unknown = null, id = newEntryId()): string {
  if (!measuresMap(doc).has(measureId)) throw new FollowUpInputError('That measure no longer exists.');
  if (!isIsoDate(o.date)) throw new FollowUpInputError('The outcome needs a date like 2027-03-31.');
  const value = o.value ?? null;
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw new FollowUpInputError('The value must be a number.');
  const rating = o.rating ?? '';
  if (rating !== '' && !outcomeRatings.includes(rating)) throw new FollowUpInputError(`The rating must be one of: ${outcomeRatings.join(', ')}.`);
  if (value === null && rating === '') throw new FollowUpInputError('Give a value, a rating, or both.');
  const note = checkText('The evidence note', o.note ?? '');
  const recordedBy = checkText('Recorded by', o.recordedBy).slice(0, 120);
  doc.transact(() => outcomesMap(doc).set(id, { measureId, date: o.date, value, rating, note, recordedBy, recordedAt: Date.now() }), origin);
  return id;
}

export function removeOutcome(doc: Y.Doc, outcomeId: string, origin: unknown = null): void {
  doc.transact(() => outcomesMap(doc).delete(outcomeId), origin);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function readMeasure(id: string, e: Entry): MeasureView {
  const createdAt = e.get('createdAt');
  return {
    id,
    itemId: str(e.get('itemId')),
    what: str(e.get('what')),
    baseline: str(e.get('baseline')),
    target: str(e.get('target')),
    how: str(e.get('how')),
    reviewDate: isIsoDate(str(e.get('reviewDate'))) ? str(e.get('reviewDate')) : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}

/** An outcome as the UI sees it, or null when the stored value is not one. */
export function readOutcome(id: string, raw: unknown): OutcomeView | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const date = str(o['date']);
  if (!isIsoDate(date) || !str(o['measureId'])) return null;
  const value = typeof o['value'] === 'number' && Number.isFinite(o['value']) ? o['value'] : null;
  const rating = outcomeRatings.includes(o['rating'] as OutcomeRating) ? (o['rating'] as OutcomeRating) : '';
  if (value === null && rating === '') return null;
  return {
    id,
    measureId: str(o['measureId']),
    date,
    value,
    rating,
    note: str(o['note']),
    recordedBy: str(o['recordedBy']),
    recordedAt: typeof o['recordedAt'] === 'number' ? o['recordedAt'] : 0,
  };
}

export interface FollowUpContent {
  measures: readonly MeasureView[];
  outcomes: readonly OutcomeView[];
}

export function readFollowUp(doc: Y.Doc): FollowUpContent {
  return {
    measures: [...measuresMap(doc)].map(([id, e]) => readMeasure(id, e)),
    outcomes: [...outcomesMap(doc)].map(([id, raw]) => readOutcome(id, raw)).filter((o): o is OutcomeView => !!o),
  };
}

/** The first number in a text such as "12 per week" or "£4,000", for charts; null if none. */
export function leadingNumber(s: string): number | null {
  const m = /-?\d[\d,]*(\.\d+)?/.exec(s);
  if (!m) return null;
  const n = Number(m[0].replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

export type ReviewState = 'overdue' | 'due' | 'later' | 'unscheduled' | 'evaluated';

export interface MeasureFollowUp {
  measure: MeasureView;
  /** oldest first */
  outcomes: OutcomeView[];
  latest: OutcomeView | null;
  review: ReviewState;
}

export interface ItemFollowUp {
  item: PlanItemView;
  measures: MeasureFollowUp[];
  /** the most pressing review state among its measures */
  review: ReviewState;
}

/** Days ahead within which a review counts as due. */
export const REVIEW_DUE_DAYS = 30;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const reviewOrder: ReviewState[] = ['overdue', 'due', 'later', 'unscheduled', 'evaluated'];

/**
 * Plan items with their measures and outcomes, most pressing first. Measures of items that no
 * longer exist (deleted while someone added a measure) are left out, as dangling links are.
 */
export function followUpView(items: readonly PlanItemView[], content: FollowUpContent, today: string): ItemFollowUp[] {
  const byMeasure = new Map<string, OutcomeView[]>();
  for (const o of content.outcomes) byMeasure.set(o.measureId, [...(byMeasure.get(o.measureId) ?? []), o]);
  const soon = addDays(today, REVIEW_DUE_DAYS);
  const rows: ItemFollowUp[] = [];
  for (const item of items) {
    const measures = content.measures
      .filter((m) => m.itemId === item.id)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((measure): MeasureFollowUp => {
        const outcomes = (byMeasure.get(measure.id) ?? []).sort(
          (a, b) => a.date.localeCompare(b.date) || a.recordedAt - b.recordedAt || a.id.localeCompare(b.id),
        );
        const review: ReviewState =
          item.status === 'evaluated'
            ? 'evaluated'
            : !measure.reviewDate
              ? 'unscheduled'
              : measure.reviewDate < today
                ? 'overdue'
                : measure.reviewDate <= soon
                  ? 'due'
                  : 'later';
        return { measure, outcomes, latest: outcomes.at(-1) ?? null, review };
      });
    const review = item.status === 'evaluated' ? 'evaluated' : (reviewOrder.find((r) => measures.some((m) => m.review === r)) ?? 'unscheduled');
    rows.push({ item, measures, review });
  }
  return rows.sort((a, b) => reviewOrder.indexOf(a.review) - reviewOrder.indexOf(b.review));
}

/** "12" / "met" / "12 (met)": how an outcome reads in a list or an export. */
export function outcomeText(o: OutcomeView): string {
  if (o.value !== null && o.rating) return `${o.value} (${o.rating})`;
  return o.value !== null ? String(o.value) : o.rating;
}
