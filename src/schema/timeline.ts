// The selection timeline: stages in order, each with its date (or first and
// last day) and time and what it asks of the candidate. Stage text may say
// {{date}}, {{time}}, {{weekday}} and {{when}}; they are filled in from the
// stage's own dates and time. How to apply (e-mail, an online portal or post),
// the documents and the deadline are data too.
import { z } from 'zod';
import { linkProblem } from './links.js';
import { email, id, isoDate, markdown, paragraphs, text, time } from './common.js';

/** An online application portal: its name and its https:// address. */
const portal = z.strictObject({
  name: text.describe('The name of the portal as candidates know it, e.g. "Civil Service Jobs"; printed as the link.'),
  url: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be a web address starting https://, like https://jobs.example.org/apply' })
    .refine((url) => linkProblem(url) === undefined, 'must be a web address starting https://, with no spaces')
    .describe('The address of the page where candidates apply, starting https://.'),
});

/** The ways of applying; an application names exactly one. */
export const APPLICATION_METHODS = ['email', 'portal', 'post'] as const;

export const timelineSchema = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        id,
        name: text,
        date: isoDate.nullable().default(null),
        endDate: isoDate
          .nullable()
          .default(null)
          .describe('For a stage held over several days: its last day (YYYY-MM-DD), after `date`, its first. Every day between is checked as a working day.'),
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
      email: email.optional().describe('To apply by e-mail: the address applications go to.'),
      portal: portal.optional().describe('To apply online: the portal\'s `name` and its `url`.'),
      post: text
        .optional()
        .describe('To apply by post: the address, one line of it on each line (write it after `|`).'),
      /** The stage whose date and time is the closing date, usually `application`. */
      closingStage: id,
      documents: z.array(markdown).min(1),
      instructions: markdown
        .nullable()
        .default(null)
        .describe(
          'The sentence that asks for the documents, when the pack words it itself. It may say {{email}}, {{portal}} or {{address}} (where to apply) and {{date}}, {{time}} and {{weekday}} (the closing stage\'s).',
        ),
    })
    .superRefine((applications, context) => {
      const given = APPLICATION_METHODS.filter((method) => applications[method] !== undefined);
      if (given.length === 1) return;
      context.addIssue({
        code: 'custom',
        message: given.length === 0 ? 'does not say how to apply' : `gives ${given.join(' and ')}: a pack gives one way to apply`,
        params: { hint: 'give one of `email:` (an address), `portal:` (its `name:` and `url:`) or `post:` (an address)' },
      });
    })
    .nullable()
    .default(null),
});

export type Timeline = z.infer<typeof timelineSchema>;
