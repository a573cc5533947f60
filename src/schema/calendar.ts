// A calendar of days that are not working days beyond weekends: bank holidays,
// with where the list came from and when, so a reviewer can check it.
import { z } from 'zod';
import { id, isoDate, text } from './common.js';

export const calendarSchema = z.strictObject({
  id,
  name: text,
  /** Where the list comes from. */
  source: text,
  /** The day the list was taken from its source. */
  taken: isoDate,
  /** The span the list is complete for; dates outside it cannot be checked. */
  covers: z.strictObject({ from: isoDate, to: isoDate }),
  holidays: z.array(z.strictObject({ date: isoDate, name: text })),
});

export type Calendar = z.infer<typeof calendarSchema>;
