// The framework document as data: this schema is the single description of what
// resources/framework.json must hold. Counts that the document fixes (four domains,
// 21 interventions, five criteria...) are enforced here so a damaged file fails at load.
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug like "action-learning-sets"');
const text = z.string().trim().min(1, 'must not be empty');

export const entrySchema = z.strictObject({ id: slug, text });

export const interventionSchema = z.strictObject({
  id: slug,
  title: text,
});

export const domainSchema = z
  .strictObject({
    id: slug,
    name: text,
    description: text,
    /** Short label for tight spaces (board chips, table cells). */
    shortName: text,
    /** Leadership roles and behaviours demonstrated are two columns of one table: row i pairs roles[i] with behaviours[i]. */
    roles: z.array(entrySchema).min(1),
    behaviours: z.array(entrySchema).min(1),
    interventions: z.array(interventionSchema).min(1),
  })
  .refine((d) => d.roles.length === d.behaviours.length, {
    message: 'roles and behaviours are the two columns of one table and must have the same number of rows',
    path: ['behaviours'],
  });

export const lensIds = ['people', 'priority', 'place', 'purpose'] as const;
export type LensId = (typeof lensIds)[number];

export const lensSchema = z.strictObject({
  id: z.enum(lensIds),
  name: text,
  /** The question the document asks through this lens ("who are the right people"). */
  question: text,
});

/** Criteria the app can judge from plan data; the rest are answered by the group. */
export const computedCriterionKinds = ['multi-organisational', 'funded'] as const;

export const criterionSchema = z.strictObject({
  id: slug,
  text,
  short: text,
  computedFrom: z.enum(computedCriterionKinds).nullable(),
});

export const deliveryRouteIds = ['provide-directly', 'commission', 'signpost', 'broker'] as const;
export type DeliveryRouteId = (typeof deliveryRouteIds)[number];

export const deliveryRouteSchema = z.strictObject({
  id: z.enum(deliveryRouteIds),
  name: text,
  description: text,
});

export const partnerSchema = z.strictObject({ id: slug, name: text });

export const academySchema = z.strictObject({
  id: slug,
  name: text,
  phones: z.array(z.string().regex(/^0[0-9 ]{9,13}$/, 'must be a UK phone number like "0115 748 4277"')).min(1),
  email: z.email(),
  web: z.url(),
});

export const frameworkSchema = z.strictObject({
  title: text,
  publisher: text,
  definition: text,
  domains: z.array(domainSchema).length(4, 'the framework has exactly four domains'),
  lenses: z.array(lensSchema).length(4, 'Start Anywhere has exactly four lenses'),
  criteria: z.array(criterionSchema).length(5, 'the document names exactly five useful criteria'),
  deliveryRoutes: z.array(deliveryRouteSchema).length(4, 'an academy can provide directly, commission, signpost or broker'),
  partners: z.array(partnerSchema).min(1),
  evaluation: z.strictObject({
    description: text,
    fields: z.array(z.strictObject({ id: z.enum(['measuresOfSuccess', 'expectedImpacts']), label: text, hint: text })).length(2),
    reference: text,
  }),
  academies: z.array(academySchema).length(10, 'there are ten Local Leadership Academies'),
});

export type Framework = z.infer<typeof frameworkSchema>;
export type Domain = Framework['domains'][number];
export type Intervention = Domain['interventions'][number];
export type Lens = Framework['lenses'][number];
export type Criterion = Framework['criteria'][number];
export type DeliveryRoute = Framework['deliveryRoutes'][number];
export type Academy = Framework['academies'][number];
