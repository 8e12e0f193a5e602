// Validates raw framework data and turns every problem into one readable message
// that names the bad field, so a broken resources/framework.json fails loudly at start.
import { frameworkSchema, type Framework, type Domain, type Intervention } from './schema';

export class FrameworkError extends Error {
  override name = 'FrameworkError';
}

function pathLabel(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

export function parseFramework(raw: unknown): Framework {
  const result = frameworkSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${pathLabel(i.path) || '(root)'}: ${i.message}`);
    throw new FrameworkError(`framework.json is invalid: ${problems.join('; ')}`);
  }
  assertUniqueIds(result.data);
  return result.data;
}

function assertUniqueIds(fw: Framework): void {
  const seen = new Map<string, string>();
  const claim = (id: string, where: string) => {
    const before = seen.get(id);
    if (before) throw new FrameworkError(`framework.json is invalid: ${where}.id "${id}" is already used by ${before}`);
    seen.set(id, where);
  };
  fw.domains.forEach((d, di) => {
    claim(d.id, `domains[${di}]`);
    d.roles.forEach((r, i) => claim(r.id, `domains[${di}].roles[${i}]`));
    d.behaviours.forEach((b, i) => claim(b.id, `domains[${di}].behaviours[${i}]`));
    d.interventions.forEach((iv, i) => claim(iv.id, `domains[${di}].interventions[${i}]`));
  });
}

/** Lookups the UI needs often, built once. */
export interface FrameworkIndex {
  framework: Framework;
  domainById: ReadonlyMap<string, Domain>;
  interventionById: ReadonlyMap<string, { intervention: Intervention; domain: Domain }>;
  /** role or behaviour id → its text, kind and domain */
  tagById: ReadonlyMap<string, { text: string; kind: 'role' | 'behaviour'; domain: Domain }>;
}

export function indexFramework(framework: Framework): FrameworkIndex {
  const domainById = new Map(framework.domains.map((d) => [d.id, d]));
  const interventionById = new Map<string, { intervention: Intervention; domain: Domain }>();
  const tagById = new Map<string, { text: string; kind: 'role' | 'behaviour'; domain: Domain }>();
  for (const domain of framework.domains) {
    for (const intervention of domain.interventions) interventionById.set(intervention.id, { intervention, domain });
    for (const r of domain.roles) tagById.set(r.id, { text: r.text, kind: 'role', domain });
    for (const b of domain.behaviours) tagById.set(b.id, { text: b.text, kind: 'behaviour', domain });
  }
  return { framework, domainById, interventionById, tagById };
}
