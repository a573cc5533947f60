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
    .meta({ patternErrorMessage: 'Write a web address starting https://, like https://jobs.example.org/apply.' })
    .describe('The address of the page where candidates apply, starting https://.'),
});

/** The ways of applying; an application names exactly one. */
export const APPLICATION_METHODS = ['email', 'portal', 'post'] as const;

export const timelineSchema = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        id: id.describe('The stage\'s id, which other stages\' `after:` and `closingStage:` name it by, such as final-interview.'),
        name: text.describe('The stage\'s name, printed in the table of stages and as its heading, such as "Final Interview Panel".'),
        date: isoDate
          .nullable()
          .default(null)
          .describe('The day of the stage (its first day, with `endDate`), such as 2021-01-20: printed in the table, and checked as a working day; leave it out for a stage with no date yet.'),
        endDate: isoDate
          .nullable()
          .default(null)
          .describe('For a stage held over several days: its last day (YYYY-MM-DD), after `date`, its first. Every day between is checked as a working day.'),
        time: time
          .nullable()
          .default(null)
          .describe('The time of the stage on the 24-hour clock, in quotes, such as "12:00" (printed "midday"); null for none.'),
        summary: text.describe('A few words for the table of stages, saying what happens, such as "Closing date for applications".'),
        paragraphs: paragraphs
          .min(1)
          .describe('What the stage asks of the candidate, printed under its heading; {{date}}, {{time}}, {{weekday}} and {{when}} print the stage\'s own, such as "The interview will be held on {{date}}."'),
        allowNonWorkingDay: z
          .boolean()
          .default(false)
          .describe('True lets the stage fall on a weekend or bank holiday, such as a closing date on a Sunday; give the `reason:` too. False (the default) makes that an error.'),
        reason: text
          .nullable()
          .default(null)
          .describe('Why the stage may fall on a non-working day, for the people who check the pack, such as "The panel sits on a Saturday to suit candidates in work"; not printed.'),
        after: z
          .strictObject({
            stage: id.describe('The earlier stage, by its id, such as application.'),
            workingDays: z
              .number()
              .int()
              .nonnegative()
              .describe('The least number of working days between the earlier stage (its last day) and this one, such as 1.'),
          })
          .nullable()
          .default(null)
          .describe('The least gap in working days after an earlier stage, such as shortlisting at least one working day after the closing date; validate reports a gap too short. Null for none.'),
      }),
    )
    .min(1)
    .describe('The stages of the selection process, in order, such as the closing date, shortlisting and the final interview: printed as a table and then one by one.'),
  applications: z
    .strictObject({
      email: email.optional().describe('To apply by e-mail: the address applications go to.'),
      portal: portal.optional().describe('To apply online: the portal\'s `name` and its `url`.'),
      post: text
        .optional()
        .describe('To apply by post: the address, one line of it on each line (write it after `|`).'),
      closingStage: id.describe('The stage whose date and time is the closing date for applications, by its id, such as application.'),
      documents: z
        .array(markdown)
        .min(1)
        .describe('The documents a candidate sends, printed as a bulleted list, such as "CV and supporting statement".'),
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
    .default(null)
    .describe('How to apply (by e-mail, through an online portal or by post), the documents to send and which stage is the closing date; null to leave it out.'),
});

export type Timeline = z.infer<typeof timelineSchema>;
