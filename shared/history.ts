// What the relay's History endpoints send: restore points and previews, shared by the relay
// (server/history*.ts) and the History dialog.

/** One card or plan item as the History dialog names it. */
export interface NamedEntry {
  id: string;
  /** card text or plan item title */
  label: string;
  /** card kind (lens) or plan item status */
  detail: string;
  /** the table it was at (its name), or '' for the room's own; absent in points taken before tables */
  table?: string;
}

export interface PointPreview {
  cards: NamedEntry[];
  items: NamedEntry[];
  links: number;
}

export interface ChangeSummary {
  cardsAdded: NamedEntry[];
  cardsRemoved: NamedEntry[];
  itemsAdded: NamedEntry[];
  itemsRemoved: NamedEntry[];
  /** entries present in both points whose content differs */
  changed: number;
}

/** Why a point was taken. */
export type PointReason = 'auto' | 'opened' | 'closed' | 'requested' | 'before-restore' | 'imported';

export interface RestorePoint {
  id: number;
  at: number;
  reason: PointReason;
  /** names of the people whose edits went into this point since the previous one */
  by: string[];
  summary: ChangeSummary;
  bytes: number;
}
