// The remuneration package. Every figure is a number here, once; the printed
// wording (the template) formats it, so a figure can never disagree with itself.
import { z } from 'zod';
import { id, isoDate, paragraphs, pounds, prose, text } from './common.js';

const payItem = z.strictObject({
  id,
  label: text,
  amount: pounds,
  period: z.enum(['year', 'month']).default('year'),
});

export const remunerationSchema = z.strictObject({
  intro: paragraphs.default([]),
  terms: prose.nullable().default(null),
  placeOfWork: prose.nullable().default(null),
  salary: z.strictObject({
    heading: text,
    /** The date from which the figures apply. */
    effectiveDate: isoDate,
    items: z.array(payItem).min(1),
    /** Pay that depends on when an officer joined, e.g. London allowance 2. */
    conditional: z
      .strictObject({
        intro: text,
        options: z
          .array(
            z.strictObject({
              id,
              joined: z.enum(['before', 'on-or-after']),
              date: isoDate,
              label: text,
              amount: pounds.nullable().default(null),
              period: z.enum(['year', 'month']).default('year'),
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
      car: text,
      allowance: pounds,
      allowanceNote: text,
    })
    .nullable()
    .default(null),
  accommodation: z
    .strictObject({
      heading: text,
      intro: text,
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
