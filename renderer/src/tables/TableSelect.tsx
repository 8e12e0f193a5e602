// A choice of table, for one person's seat or for which space to show.
import type { RefObject } from 'react';
import type { TableView } from '../../../shared/doc';

/** A choice of table ('' for none), for one person's seat. */
export function TableSelect(props: {
  id: string;
  label?: string;
  tables: readonly TableView[];
  value: string;
  none: string;
  selectRef?: RefObject<HTMLSelectElement | null>;
  onChange(tableId: string): void;
}) {
  return (
    <select ref={props.selectRef} id={props.id} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.none}</option>
      {props.tables.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}
