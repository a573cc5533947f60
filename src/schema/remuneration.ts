// The remuneration package. Salary figures come from the pay scale the pack
// names (by grade and date); the package's other figures are numbers here,
// once. The printed wording (the template) formats them, so a figure can never
// disagree with itself.
import { z } from 'zod';
import { id, isoDate, markdown, paragraphs, pounds, prose, text } from './common.js';

export const remunerationSchema = z.strictObject({
  intro: paragraphs.default([]),
  terms: prose.nullable().default(null),
  placeOfWork: prose.nullable().default(null),
  salary: z.strictObject({
    heading: text,
    /** The grade or rank in the pack's pay scale (`data.payScale` in pack.yaml). */
    grade: id,
    /** The day the figures apply on: the scale's rates in force that day are printed. */
    on: isoDate,
    /** The figures to print, in order, by their id in the pay scale. */
    items: z.array(id).min(1),
    /** Pay that depends on when an officer joined, e.g. London allowance 2. */
    conditional: z
      .strictObject({
        intro: markdown,
        options: z
          .array(
            z.strictObject({
              id,
              joined: z.enum(['before', 'on-or-after']),
              date: isoDate,
              /** A figure of the pay scale, or null for pay without a set amount. */
              figure: id.nullable().default(null),
              /** The words printed; for a figure, its label in the scale unless given here. */
              label: text.nullable().default(null),
              note: text.nullable().default(null),
            }),
          )
          .min(1),
      })
      .nullable()
      .default(null),
  }),
  travel: prose.nullable().default(null),
  subscriptions: prose.nullable().default(null),
  vehicle: z
    .strictObject({
      heading: text,
      car: markdown,
      allowance: pounds,
      allowanceNote: markdown,
    })
    .nullable()
    .default(null),
  accommodation: z
    .strictObject({
      heading: text,
      intro: markdown,
      qualifyingDistanceMiles: z.number().int().positive(),
      relocateWithinMiles: z.number().int().positive(),
      landmark: text,
      relocation: z.strictObject({ maximum: pounds, taxExempt: pounds }),
      rental: z.strictObject({
        monthlyMaximum: pounds,
        nightlyMaximum: pounds,
        maximumYears: z.number().int().positive(),
        estateMonths: z.number().int().positive(),
      }),
    })
    .nullable()
    .default(null),
});

export type Remuneration = z.infer<typeof remunerationSchema>;
