// Building blocks shared by the schemas of every kind of data file.
import { z } from 'zod';

/** A kebab-case identifier, stable across editions: `collaborative`, `met-2020`. */
export const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, like "final-interview"');

/** Text that is printed. It may use Markdown: **bold**, *italic*, [links](https://...). */
export const text = z.string().trim().min(1, 'must not be empty');

/** Paragraphs of printed text, in order. */
export const paragraphs = z.array(text);

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A calendar date written as YYYY-MM-DD, e.g. 2021-01-11. A value not written
 * so is not also called "not a real calendar date": one mistake, one error.
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD, like 2021-01-11', abort: true })
  .refine(isRealDate, 'is not a real calendar date');

/** A time of day on the 24-hour clock, HH:MM, e.g. "12:00". */
export const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM on the 24-hour clock, like "12:00"');

/** An amount of money in whole pounds, e.g. 156693 for £156,693. */
export const pounds = z.number().int('must be a whole number of pounds').nonnegative('must not be negative');

export const email = z.email('must be an email address, like name@example.org');

/** A path to another data file, relative to the file that names it. */
export const fileRef = z
  .string()
  .min(1)
  .regex(/\.ya?ml$/, 'must name a .yaml file');

/**
 * A path to a PNG or JPEG image, relative to the file that names it. Every
 * field named `image` in any data file is one: it is checked and read before
 * the pack is built (see validate/images.ts).
 */
export const imageFile = z
  .string()
  .min(1)
  .regex(/\.(png|jpe?g)$/i, 'must name a .png or .jpg image file');

/** A chart or picture with its caption; the image is optional, and needs `alt` text when present. */
export const figure = z
  .strictObject({
    caption: text,
    image: imageFile.nullable().default(null),
    /** What the image shows, for readers who cannot see it (screen readers, the Word alt text). */
    alt: text.nullable().default(null),
  })
  .superRefine((value, context) => {
    if (value.image !== null && value.alt === null) {
      context.addIssue({
        code: 'custom',
        path: ['alt'],
        message: 'is required with an image',
        params: { hint: 'add `alt:` saying what the image shows, for readers who cannot see it' },
      });
    }
  });

/** A heading followed by paragraphs: the commonest shape of printed prose. */
export const prose = z.strictObject({
  heading: text,
  paragraphs,
});
