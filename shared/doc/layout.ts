// The shape of a workshop's Y.Doc. Every top-level type is a Y.Map keyed by id so that
// concurrent edits of different entries never conflict, and each entry is itself a Y.Map so
// that two people changing different fields of one card both win.
import type { LensId, DeliveryRouteId } from '../framework/schema';
import { itemRecord, measureRecord, fieldNamesOfType, organisationTypes, planStatuses, outcomeRatings, SCHEMA_VERSION, CARD_TEXT_MAX } from './schema';

export { organisationTypes, planStatuses, outcomeRatings, SCHEMA_VERSION, CARD_TEXT_MAX };

export const rootKeys = {
  meta: 'meta',
  cards: 'cards',
  items: 'items',
  links: 'links',
  votes: 'votes',
  /** measures of success being followed up, keyed by id; each names its plan item (schema 2) */
  measures: 'measures',
  /** outcomes recorded against measures, keyed by id; each is written once, whole (schema 2) */
  outcomes: 'outcomes',
  /** table groups, keyed by id (schema 4) */
  tables: 'tables',
  /** who sits at which table, keyed by a person's seat id (schema 4) */
  seats: 'seats',
} as const;

export type OrganisationType = (typeof organisationTypes)[number];

export type PlanStatus = (typeof planStatuses)[number];

export interface WorkshopMeta {
  title: string;
  footprint: string;
  /** id of the facilitating Local Leadership Academy, or '' when not chosen */
  academyId: string;
  /** ISO date (yyyy-mm-dd) of the workshop */
  date: string;
  schemaVersion: number;
}

export interface Position {
  x: number;
  y: number;
}

/** Revealed dot-vote result kept with a card or plan item (written by the relay on reveal). */
export interface VoteResult {
  readonly dots: number;
  /** names of voters, empty for an anonymous vote */
  readonly voters: readonly string[];
}

/** A Start Anywhere card as the UI sees it (a plain, immutable snapshot). */
export interface CardView {
  id: string;
  kind: LensId;
  text: string;
  domainId: string;
  position: Position;
  /** ids of leadership roles/behaviours from the framework */
  tags: readonly string[];
  author: string;
  organisation: string;
  createdAt: number;
  votes: VoteResult | null;
  /** the table the card was written at; '' for the whole room */
  tableId: string;
  /** in the room's plan: the table it was brought from ('' if written in the room) */
  fromTableId: string;
}

/** A table group (schema 4). */
export interface TableView {
  id: string;
  name: string;
  /** what the table is asked to work on: a domain, a place, a priority, a question */
  brief: string;
  order: number;
}

/** A person's seat at a table (schema 4); `tableId` '' while they sit at none. */
export interface SeatView {
  id: string;
  tableId: string;
  name: string;
  organisation: string;
  organisationType: OrganisationType;
}

export interface Organisation {
  readonly name: string;
  readonly type: OrganisationType;
}

export interface CriterionAnswer {
  /** true met, false not met, null not yet answered */
  readonly met: boolean | null;
  readonly note: string;
}

/** A plan item: an intervention placed on the board, as the UI sees it. */
export interface PlanItemView {
  id: string;
  /** framework intervention id, or null for a custom intervention */
  interventionId: string | null;
  /** the title people see: the framework title, or the custom title */
  title: string;
  customTitle: string;
  domainId: string;
  position: Position;
  status: PlanStatus;
  description: string;
  audience: string;
  organisations: readonly Organisation[];
  tags: readonly string[];
  deliveryRoute: DeliveryRouteId | '';
  partner: string;
  owner: string;
  start: string;
  end: string;
  cost: string;
  funding: string;
  measuresOfSuccess: string;
  expectedImpacts: string;
  /** what was learned once the item was evaluated */
  learned: string;
  criteria: Readonly<Record<string, CriterionAnswer>>;
  createdAt: number;
  votes: VoteResult | null;
  /** the table that proposed the item; '' for the whole room */
  tableId: string;
  /** in the room's plan: the tables that proposed it */
  fromTables: readonly string[];
}

export interface LinkView {
  id: string;
  from: string;
  to: string;
}

/** Plan item fields held as Y.Text so two people typing in one field merge instead of clobbering (read from the schema). */
export const itemTextFields = fieldNamesOfType(itemRecord, 'text', false);
/** What was learned once an item is evaluated (schema 2): a Y.Text like the fields above. */
export const itemEvaluationTextFields = fieldNamesOfType(itemRecord, 'text', true);
export type ItemTextField = (typeof itemTextFields)[number] | (typeof itemEvaluationTextFields)[number];

/**
 * A measure of success being followed up. Held as a Y.Map in the top-level "measures" map (not
 * inside its plan item) so two people adding the first measures of one item never race to
 * create the container. Every field is a plain string replaced whole.
 */
export const measureFields = fieldNamesOfType(measureRecord, 'value').filter(
  (f): f is Exclude<typeof f, 'itemId' | 'createdAt'> => !['itemId', 'createdAt'].includes(f),
);
export type MeasureField = (typeof measureFields)[number];

export interface MeasureView {
  id: string;
  itemId: string;
  what: string;
  baseline: string;
  target: string;
  how: string;
  /** ISO date (yyyy-mm-dd) of the next review, or '' */
  reviewDate: string;
  createdAt: number;
}

/** How an outcome stands against its target, for measures that are judged rather than counted. */
export type OutcomeRating = (typeof outcomeRatings)[number];

/**
 * One outcome recorded against a measure. Stored as a plain object under its own key in the
 * top-level "outcomes" map: outcomes are added, never edited, so concurrent records all survive.
 */
export interface OutcomeView {
  id: string;
  measureId: string;
  /** ISO date (yyyy-mm-dd) the outcome refers to */
  date: string;
  value: number | null;
  rating: OutcomeRating | '';
  note: string;
  recordedBy: string;
  recordedAt: number;
}

/** Plan item fields held as plain strings (short values that are replaced whole). */
export const itemScalarFields = fieldNamesOfType(itemRecord, 'value').filter(
  (f): f is Exclude<typeof f, 'interventionId' | 'domainId' | 'x' | 'y' | 'createdAt' | 'votes'> =>
    !['interventionId', 'domainId', 'x', 'y', 'createdAt', 'votes'].includes(f),
);
export type ItemScalarField = (typeof itemScalarFields)[number];
