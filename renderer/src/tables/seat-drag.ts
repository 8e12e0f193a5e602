// Dragging a person from one table to another in the Tables overview (the select beside each
// name does the same by keyboard). The drag carries who the person is; what a drop brings is
// read back as a person only if it is one, since anything can be dropped on a page.
import type { DragEvent } from 'react';
import { organisationTypes, type Sitter } from '../../../shared/doc';

const SEAT_TYPE = 'application/x-slc-seat';

export function startSeatDrag(e: DragEvent, who: Sitter): void {
  e.dataTransfer.setData(SEAT_TYPE, JSON.stringify({ name: who.name, organisation: who.organisation, organisationType: who.organisationType }));
  e.dataTransfer.effectAllowed = 'move';
}

/** Whether a drag over a table carries a person (its data can only be read on the drop). */
export function carriesSeat(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(SEAT_TYPE);
}

/** The person a drop brings, or null for anything else. */
export function droppedSitter(e: DragEvent): Sitter | null {
  try {
    const v = JSON.parse(e.dataTransfer.getData(SEAT_TYPE)) as Partial<Sitter>;
    if (typeof v.name !== 'string' || !v.name || typeof v.organisation !== 'string') return null;
    if (!organisationTypes.includes(v.organisationType as Sitter['organisationType'])) return null;
    return { name: v.name.slice(0, 80), organisation: v.organisation.slice(0, 120), organisationType: v.organisationType as Sitter['organisationType'] };
  } catch {
    return null;
  }
}
