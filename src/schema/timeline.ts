// The selection timeline: stages in order, each with its date and time and
// what it asks of the candidate. Stage text may say {{date}}, {{time}} and
// {{when}}; they are filled in from the stage's own date and time.
import { z } from 'zod';
import { email, id, isoDate, markdown, paragraphs, text, time } from './common.js';

export const timelineSchema = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        id,
        name: text,
        date: isoDate.nullable().default(null),
        time: time.nullable().default(null),
        /** A few words for the summary table, e.g. "Closing date for applications". */
        summary: text,
        paragraphs: paragraphs.min(1),
        /** A stage may fall on a weekend or bank holiday only when this says so, with a reason. */
        allowNonWorkingDay: z.boolean().default(false),
        reason: text.nullable().default(null),
        /** The least gap after an earlier stage, in working days, e.g. shortlisting one working day after the closing date. */
        after: z
          .strictObject({ stage: id, workingDays: z.number().int().nonnegative() })
          .nullable()
          .default(null),
      }),
    )
    .min(1),
  applications: z
    .strictObject({
      email,
      /** The stage whose date and time is the closing date, usually `application`. */
      closingStage: id,
      documents: z.array(markdown).min(1),
    })
    .nullable()
    .default(null),
});

export type Timeline = z.infer<typeof timelineSchema>;
