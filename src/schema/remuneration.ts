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
    heading: text.describe('The heading of the salary part, e.g. "Salary and allowances".'),
    /** The grade or rank in the pack's pay scale (`data.payScale` in pack.yaml). */
    grade: id.describe('The grade or rank in the pack\'s pay scale (`data.payScale` in pack.yaml), by its id.'),
    /** The day the figures apply on: the scale's rates in force that day are printed. */
    on: isoDate.describe('The day the figures apply on (YYYY-MM-DD): the pay scale\'s rates in force that day are printed.'),
    /** The location whose figures are printed, when the scale gives figures by location. */
    location: id
      .nullable()
      .default(null)
      .describe('The location whose figures are printed (e.g. "london"), by its id in the pay scale\'s `locations`; needed when the scale gives a figure by location.'),
    /** The figures to print, in order, by their id in the pay scale. */
    items: z.array(id).min(1).describe('The figures to print, in order, by their id in the pay scale.'),
    /** How a band with pay points is printed: its range, each point, or both. */
    payPoints: z
      .enum(['range', 'points', 'both'])
      .default('range')
      .describe('How a figure paid in pay points is printed: `range` (lowest to highest), `points` (a row for each point) or `both`.'),
    /** The salary table's column headings. */
    columns: z
      .strictObject({
        item: text.describe('The heading of the column naming each figure, e.g. "Pay".'),
        amount: text.describe('The heading of the column giving each amount, e.g. "Amount".'),
      })
      .default({ item: 'Pay', amount: 'Amount' })
      .describe('The salary table\'s column headings; "Pay" and "Amount" unless given.'),
    /** Pay that depends on when someone joined, e.g. London allowance 2. */
    conditional: z
      .strictObject({
        intro: markdown.describe('The words before the table, e.g. "Plus:".'),
        heading: text.describe('The heading of the column of conditions, e.g. "Staff" or "Officers".'),
        amountHeading: text.describe('The heading of the column of what is paid, e.g. "Allowance".'),
        who: text.describe('Who the options are for, as each condition reads: "For <who> who joined before 1 September 1994", e.g. "staff".'),
        options: z
          .array(
            z.strictObject({
              id: id.describe('The option\'s id.'),
              joined: z.enum(['before', 'on-or-after']).describe('Whether the option is for people who joined `before` the date or `on-or-after` it.'),
              date: isoDate.describe('The joining date the option turns on, YYYY-MM-DD.'),
              /** A figure of the pay scale, or null for pay without a set amount. */
              figure: id.nullable().default(null).describe('A figure of the pay scale to print with its amount; leave it out for pay without a set amount.'),
              /** The words printed; for a figure, its label in the scale unless given here. */
              label: text.nullable().default(null).describe('The words printed; for a figure, its label in the pay scale unless given here.'),
              note: text.nullable().default(null).describe('A note printed after the option in brackets.'),
            }),
          )
          .min(1)
          .describe('The options, each for people who joined before or on or after a date.'),
      })
      .nullable()
      .default(null)
      .describe('Pay that depends on when someone joined, printed as a table after the salary.'),
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
