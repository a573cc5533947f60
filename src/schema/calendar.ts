// A calendar of days that are not working days beyond weekends: bank holidays,
// with where the list came from and when, so a reviewer can check it.
import { z } from 'zod';
import { id, isoDate, text } from './common.js';

export const calendarSchema = z.strictObject({
  id: id.describe('An id for this calendar, such as england-and-wales.'),
  name: text.describe('The calendar\'s name, used in messages about a stage\'s date, such as "Bank holidays in England and Wales".'),
  source: text.describe('Where the list of holidays comes from, such as "GOV.UK UK bank holidays (https://www.gov.uk/bank-holidays)", for reviewers; the project\'s templates do not print it.'),
  taken: isoDate.describe('The day the list was taken from its source, such as 2026-12-06, so a reviewer can tell how current it is.'),
  covers: z
    .strictObject({
      from: isoDate.describe('The first day the list is complete from, such as 2018-01-01.'),
      to: isoDate.describe('The last day the list is complete to, such as 2028-12-31.'),
    })
    .describe('The span of days the list is complete for: a stage dated outside it is not checked against bank holidays, and validate warns.'),
  holidays: z
    .array(
      z.strictObject({
        date: isoDate.describe('The holiday\'s date, such as 2025-12-25.'),
        name: text.describe('The holiday\'s name, used in messages, such as "Christmas Day".'),
      }),
    )
    .describe('The bank holidays in the span, each a date and a name: a stage on one of them is an error unless the stage allows a non-working day.'),
});

export type Calendar = z.infer<typeof calendarSchema>;
