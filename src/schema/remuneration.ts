// The remuneration package. Salary figures come from the pay scale the pack
// names (by grade and date); the package's other figures are numbers here,
// once. The printed wording (the template) formats them, so a figure can never
// disagree with itself.
import { z } from 'zod';
import { id, isoDate, markdown, paragraphs, pounds, prose, text } from './common.js';

/** A count printed with its unit: "one year", "three years", "70 miles". (That it is 1 or more is checked once the benefit is known, so the message can name it.) */
const count = (unit: string) => z.number().int(`must be a whole number of ${unit}`);

/** The units a benefit's figure may be in, each one key: `{ pounds: 40000 }`, `{ years: 3 }`. */
export const FIGURE_UNITS = ['pounds', 'percent', 'hours', 'days', 'weeks', 'months', 'years', 'miles'] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

/**
 * One figure of a benefit, in one unit. The benefit's text says {{name}} where
 * it prints it, so the figure is typed once and printed formatted everywhere.
 */
const benefitFigure = z
  .strictObject({
    pounds: pounds.optional().describe('An amount in whole pounds, e.g. 40000 for "£40,000".'),
    percent: z.number().nonnegative('must not be negative').optional().describe('A percentage, e.g. 27.1 for "27.1%".'),
    hours: count('hours').optional().describe('A number of hours, e.g. 37 for "37 hours".'),
    days: count('days').optional().describe('A number of days, e.g. 28 for "28 days".'),
    weeks: count('weeks').optional().describe('A number of weeks, e.g. 2 for "two weeks".'),
    months: count('months').optional().describe('A number of months, e.g. 6 for "six months".'),
    years: count('years').optional().describe('A number of years, e.g. 3 for "three years".'),
    miles: count('miles').optional().describe('A distance in miles, e.g. 70 for "70 miles".'),
  })
  .superRefine((figure, context) => {
    const units = FIGURE_UNITS.filter((unit) => figure[unit] !== undefined);
    if (units.length === 1) return;
    context.addIssue({
      code: 'custom',
      message: units.length === 0 ? 'gives no amount' : `gives ${units.join(' and ')}: a figure has one unit`,
      params: { hint: `write the figure in one unit: ${FIGURE_UNITS.map((unit) => `{ ${unit}: … }`).join(', ')}` },
    });
  });

/** A benefit's figure once read: its unit and its value. */
export function figureUnit(figure: z.infer<typeof benefitFigure>): { unit: FigureUnit; value: number } {
  const unit = FIGURE_UNITS.find((u) => figure[u] !== undefined)!;
  return { unit, value: figure[unit]! };
}

/** A figure's name, as its text says it: {{relocation-maximum}}. */
export const figureName = id;

const benefit = z.strictObject({
  id: id.describe('A short name for the benefit, unique in this file, e.g. "pension".'),
  title: text.describe('The heading printed above the benefit, e.g. "Pension".'),
  figures: z
    .record(figureName, benefitFigure)
    .default({})
    .describe(
      'The figures the text mentions, each by a name and in one unit, e.g. `allowance: { pounds: 10500 }` or `period: { years: 3 }`. The text says {{allowance}} where it prints "£10,500", and {{period.number}} for the number alone ("three").',
    ),
  paragraphs: paragraphs
    .min(1)
    .describe('What the benefit is, as paragraphs of Markdown. {{name}} prints a figure of this benefit.'),
});

export const remunerationSchema = z.strictObject({
  intro: paragraphs
    .default([])
    .describe('Paragraphs printed at the start of the remuneration section, before the salary, such as "We offer a flexible reward package."; none unless given.'),
  terms: prose
    .extend({
      atAGlance: text
        .nullable()
        .default(null)
        .describe('The terms in a few words for the cover\'s key facts ("At a glance"), such as "Fixed term, five years"; null to leave them off the cover.'),
    })
    .nullable()
    .default(null)
    .describe('The terms of appointment, a `heading:` and its `paragraphs:`, such as "Terms of Appointment" and "You will be appointed for five years."; null for none.'),
  placeOfWork: prose
    .extend({
      atAGlance: text
        .nullable()
        .default(null)
        .describe('Where the post is based in a few words for the cover\'s key facts ("At a glance"), such as "Riverside Civic Centre"; null to leave it off the cover.'),
    })
    .nullable()
    .default(null)
    .describe('Where the post is based and its hours, a `heading:` and its `paragraphs:`, such as "Place of Work and Hours"; null for none.'),
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
  }).describe('The salary, printed as a table under its heading: the figures of a grade in the pack\'s pay scale on a given day, such as basic pay and London weighting.'),
  benefits: z
    .array(benefit)
    .default([])
    .describe('The benefits of the post (pension, leave, travel, accommodation, …), each printed under its own title, in this order.'),
});

export type Remuneration = z.infer<typeof remunerationSchema>;
