// "Mix the agencies": spreads people over tables so each table hears from as many kinds of
// organisation as the room holds, as the framework asks (the audience is multi-organisational
// at a minimum, or multi-agency). Deterministic: the same room gives the same tables.
import type { OrganisationType } from './layout';
import type { Sitter } from './tables';

export interface TableMix<P extends Sitter> {
  /** per table (in the order given), the people placed there */
  tables: P[][];
}

/**
 * Deals people out type by type, largest type first, each to a table not yet full (tables end
 * within one person of each other) that has the fewest of that type, then the fewest of that
 * organisation, then the fewest people, then the first such table.
 */
export function mixAgencies<P extends Sitter>(people: readonly P[], tableCount: number): TableMix<P> {
  if (tableCount < 1) return { tables: [] };
  const tables: P[][] = Array.from({ length: tableCount }, () => []);
  const byType = new Map<OrganisationType, P[]>();
  for (const p of [...people].sort((a, b) => a.organisation.localeCompare(b.organisation) || a.name.localeCompare(b.name)))
    byType.set(p.organisationType, [...(byType.get(p.organisationType) ?? []), p]);
  const types = [...byType.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const count = (t: P[], f: (p: P) => boolean) => t.reduce((n, p) => n + (f(p) ? 1 : 0), 0);
  for (const [type, group] of types) {
    for (const person of group) {
      let best = 0;
      let bestScore: number[] | null = null;
      for (let i = 0; i < tables.length; i++) {
        const t = tables[i]!;
        const score = [
          t.length >= Math.ceil(people.length / tableCount) ? 1 : 0,
          count(t, (p) => p.organisationType === type),
          count(t, (p) => p.organisation === person.organisation),
          t.length,
        ];
        if (!bestScore || lessThan(score, bestScore)) {
          best = i;
          bestScore = score;
        }
      }
      tables[best]!.push(person);
    }
  }
  return { tables };
}

function lessThan(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** The organisation types at a table, most common first. */
export function typesAt(people: readonly Pick<Sitter, 'organisationType'>[]): OrganisationType[] {
  const counts = new Map<OrganisationType, number>();
  for (const p of people) counts.set(p.organisationType, (counts.get(p.organisationType) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}
