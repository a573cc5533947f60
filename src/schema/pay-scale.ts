// A pay scale: the figures of each grade or rank, each set of rates effective
// from a date. Packs name a grade and the day their figures apply on, and print
// the rates in force that day — so a pay award is typed once, here.
//
// A figure is paid in one of the common shapes: a spot salary (one amount), a
// range (minimum to maximum), a band of pay points (in order, lowest first), or
// any of these by location (national, London, …), the pack naming its location.
// Whether a range's minimum is above its maximum, or points are out of order, is
// checked once the file is read (validate/figures.ts), with its own message.
import { z } from 'zod';
import { id, isoDate, pounds, text } from './common.js';

const payPoint = z
  .strictObject({
    id: id.describe('The point\'s id, used by `packs set pay.<figure>.<point>`, e.g. "point-23".'),
    name: text.describe('The point\'s name as printed, e.g. "Point 23" or "After two years".'),
    amount: pounds.describe('The amount at this point, in whole pounds.'),
  })
  .describe('One pay point of a band.');

/** A figure's amount in one place: one amount, a range, or pay points. */
const shapeFields = {
  minimum: pounds.optional().describe('For a range: the lowest amount, in whole pounds (with `maximum`).'),
  maximum: pounds.optional().describe('For a range: the highest amount, in whole pounds (with `minimum`).'),
  points: z
    .array(payPoint)
    .min(1)
    .optional()
    .describe('For a band with pay points: each point and its amount, lowest first.'),
};

const SHAPES = 'an amount in whole pounds (like 28650), `minimum:` and `maximum:`, `points:`';

/** What is wrong with pay that is none of its shapes: a number says what is wrong with it as an amount. */
const notPay = (byLocation: boolean) => (issue: { input?: unknown }) =>
  typeof issue.input === 'number'
    ? Number.isInteger(issue.input)
      ? 'must not be negative'
      : 'must be a whole number of pounds'
    : `must be ${SHAPES}${byLocation ? ' or `locations:`' : ''}`;

/** A figure written as a mapping must have exactly one shape, whole: a range with both ends, points, or (at the top) locations. */
function checkShape(value: { minimum?: number; maximum?: number; points?: unknown; locations?: unknown }, context: z.RefinementCtx, byLocation: boolean) {
  const range = value.minimum !== undefined || value.maximum !== undefined;
  const shapes = [range, value.points !== undefined, value.locations !== undefined].filter(Boolean).length;
  if (shapes === 0) {
    context.addIssue({
      code: 'custom',
      message: `gives no amount: write ${SHAPES}${byLocation ? ' or `locations:`' : ''}`,
      params: { hint: 'a spot salary is one number; a range has `minimum:` and `maximum:`; a band lists its `points:`' },
    });
  } else if (shapes > 1) {
    context.addIssue({
      code: 'custom',
      message: 'gives more than one shape of pay: a figure is one amount, a range, pay points or amounts by location',
      params: { hint: 'keep one of them; a band\'s range is worked out from its points' },
    });
  } else if (range) {
    for (const end of ['minimum', 'maximum'] as const) {
      if (value[end] === undefined) {
        context.addIssue({ code: 'custom', path: [end], message: `is needed with \`${end === 'minimum' ? 'maximum' : 'minimum'}\``, params: { hint: `a range has both \`minimum:\` and \`maximum:\`` } });
      }
    }
  }
}

const payInOnePlace = z.union(
  [
    pounds,
    z.strictObject(shapeFields).superRefine((value, context) => checkShape(value, context, false)),
  ],
  { error: notPay(false) },
);

/** A figure's pay: one amount, a range, pay points, or any of these by location. */
export const pay = z
  .union(
    [
      pounds,
      z
        .strictObject({
          ...shapeFields,
          locations: z
            .record(id, payInOnePlace)
            .optional()
            .describe('The figure by location, by the location ids the scale lists under `locations`, e.g. `national: 28650` and `london: 32000`.'),
        })
        .superRefine((value, context) => checkShape(value, context, true)),
    ],
    { error: notPay(true) },
  )
  .describe('A spot amount in whole pounds (e.g. 28650); or `minimum:` and `maximum:` for a range; or `points:` for a band; or `locations:` giving any of these by location.');

export const payScaleSchema = z.strictObject({
  id: id.describe('An id for this pay scale, such as chief-officers-2020: messages about the scale name it.'),
  name: text.describe('The scale\'s name, e.g. "Chief officer pay 2020".'),
  /** Where the figures come from (a pay circular, a determination), for reviewers. */
  source: text.nullable().default(null).describe('Where the figures come from (a pay circular, a determination), for reviewers.'),
  /** Every figure is an amount per year unless the scale says per month. */
  period: z.enum(['year', 'month']).default('year').describe('Whether every amount is per year (the default) or per month.'),
  /** What each figure is called when printed, by its id. */
  figures: z
    .array(z.strictObject({ id: id.describe('The figure\'s id, used by packs and by `packs set pay.<id>`.'), label: text.describe('What the figure is called when printed, e.g. "Basic Pay".') }))
    .min(1)
    .describe('The figures the scale gives (basic pay, allowances, …), each with the words printed for it.'),
  /** The places a figure may differ by, e.g. national and London; a pack names its own. */
  locations: z
    .array(z.strictObject({ id: id.describe('The location\'s id, e.g. "london".'), name: text.describe('The location\'s name as printed, e.g. "London".') }))
    .default([])
    .describe('The locations figures may differ by (national, London, …); a pack names its own in `salary.location`.'),
  grades: z
    .array(
      z.strictObject({
        id: id.describe('The grade\'s id, named by a pack\'s `salary.grade`.'),
        name: text.describe('The grade or rank as printed.'),
        /** Sets of amounts, each in force from its date until the next one. */
        rates: z
          .array(
            z.strictObject({
              from: isoDate.describe('The day these rates take effect, YYYY-MM-DD.'),
              /** Pay by figure id. */
              amounts: z.record(id, pay).describe('The pay of each figure in these rates, by figure id.'),
            }),
          )
          .min(1)
          .describe('Sets of rates, oldest first, each in force from its date until the next: a pay award is a new set.'),
      }),
    )
    .min(1)
    .describe('The grades or ranks of the scale, each with its rates.'),
});

export type PayScale = z.infer<typeof payScaleSchema>;
/** A figure's pay as written in a rate. */
export type Pay = z.infer<typeof pay>;
