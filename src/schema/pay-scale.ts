// A pay scale: the figures of each grade or rank, each set of rates effective
// from a date. Packs name a grade and the day their figures apply on, and print
// the rates in force that day — so a pay award is typed once, here.
import { z } from 'zod';
import { id, isoDate, pounds, text } from './common.js';

export const payScaleSchema = z.strictObject({
  id,
  name: text,
  /** Where the figures come from (a pay circular, a determination), for reviewers. */
  source: text.nullable().default(null),
  /** Every figure is an amount per year unless the scale says per month. */
  period: z.enum(['year', 'month']).default('year'),
  /** What each figure is called when printed, by its id. */
  figures: z.array(z.strictObject({ id, label: text })).min(1),
  grades: z
    .array(
      z.strictObject({
        id,
        name: text,
        /** Sets of amounts, each in force from its date until the next one. */
        rates: z
          .array(
            z.strictObject({
              from: isoDate,
              /** Amount in whole pounds, by figure id. */
              amounts: z.record(id, pounds),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type PayScale = z.infer<typeof payScaleSchema>;
