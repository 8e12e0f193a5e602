// The presentation's steps: each table reports back first (its brief, its board, its proposed
// interventions), then the room's four domains, its plan and the plan's health. A workshop
// without tables has the room's steps only. The relay keeps the step as an index into these.
import { useMemo } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { orderedTables, type TableView } from '../../../shared/doc';
import { useWorkshop } from '../store/context';

export type PresentationStep =
  | { kind: 'table'; tableId: string; title: string }
  | { kind: 'domain'; index: number; title: string }
  | { kind: 'plan'; title: string }
  | { kind: 'health'; title: string };

export function presentationSteps(tables: ReadonlyMap<string, TableView>): PresentationStep[] {
  return [
    ...orderedTables(tables).map((t): PresentationStep => ({ kind: 'table', tableId: t.id, title: `Table ${t.name}` })),
    ...frameworkIndex.framework.domains.map((d, index): PresentationStep => ({ kind: 'domain', index, title: d.name })),
    { kind: 'plan', title: 'The plan' },
    { kind: 'health', title: 'Plan health' },
  ];
}

export function usePresentationSteps(): PresentationStep[] {
  const tables = useWorkshop((s) => s.snapshot.tables);
  return useMemo(() => presentationSteps(tables), [tables]);
}
