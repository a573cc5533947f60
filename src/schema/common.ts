// Building blocks shared by the schemas of every kind of data file.
import { z } from 'zod';
import { LINK_HINT, linkProblem, linkTargets } from './links.js';

/**
 * What an editor shows for a value that does not match a field's pattern (the
 * JSON Schema's `patternErrorMessage`, which VS Code and the YAML language
 * server show instead of the regular expression). A sentence of its own: the
 * messages of the schemas below end one that names the field.
 */
const EDITOR_MESSAGES = {
  id: 'Write lower-case words joined by hyphens, like "final-interview".',
  date: 'Write a date as YYYY-MM-DD, like 2021-01-11.',
  time: 'Write a time as HH:MM on the 24-hour clock, in quotes, like "12:00".',
  email: 'Write an email address, like name@example.org.',
};

/** A kebab-case identifier, stable across editions: `collaborative`, `met-2020`. */
export const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, like "final-interview"')
  .meta({ patternErrorMessage: EDITOR_MESSAGES.id });

/**
 * A value printed exactly as written: a name, a title, a heading, an address, a
 * table cell. Nothing in it is read as Markdown, so `__jobs__@example.org` and
 * `2*3*4` print as they are typed.
 */
export const text = z.string().trim().min(1, 'must not be empty').describe('Printed exactly as written (not Markdown).');

/**
 * Prose: printed as Markdown, so it may use **bold**, *italic*, lists and
 * [links](https://...). A link may go only to a web page, an email address or a
 * heading of the pack (links.ts). Compose tells prose from plain values by this
 * schema (isMarkdown), so every field that takes Markdown uses this one object.
 */
export const markdown = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .superRefine((value, context) => {
    for (const href of linkTargets(value)) {
      const problem = linkProblem(href);
      if (problem === undefined) continue;
      context.addIssue({
        code: 'custom',
        message: `links to "${href}": ${problem} is not allowed in a pack`,
        params: { code: 'link-not-allowed', hint: LINK_HINT, about: href },
      });
    }
  })
  // In backticks, so that an editor that renders descriptions as Markdown shows the marks themselves.
  .describe('Markdown: may use `**bold**`, `*italic*`, lists and `[links](https://…)` to web pages, email addresses (`mailto:`) or headings (`#…`).');

/**
 * Whether a field's schema (once unwrapped of null and default) is prose, printed as Markdown.
 * `markdown.describe(...)` is a copy of `markdown` with the same definition, so a field given a
 * description is still prose: the definitions are compared, not the schemas.
 */
export function isMarkdown(schema: unknown): boolean {
  let node = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (node?.def && (node.def.type === 'nullable' || node.def.type === 'default' || node.def.type === 'optional')) {
    node = node.def.innerType as typeof node;
  }
  return node?.def !== undefined && node.def === markdown.def;
}

/** Paragraphs of printed prose, in order. */
export const paragraphs = z.array(markdown);

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
  .refine(isRealDate, 'is not a real calendar date')
  .meta({ patternErrorMessage: EDITOR_MESSAGES.date });

/** A time of day on the 24-hour clock, HH:MM, e.g. "12:00". */
export const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM on the 24-hour clock, like "12:00"')
  .meta({ patternErrorMessage: EDITOR_MESSAGES.time });

/** An amount of money in whole pounds, e.g. 156693 for £156,693. */
export const pounds = z.number().int('must be a whole number of pounds').nonnegative('must not be negative');

export const email = z.email('must be an email address, like name@example.org').meta({ patternErrorMessage: EDITOR_MESSAGES.email });

/** A path to another data file, relative to the file that names it. */
export const fileRef = z
  .string()
  .min(1)
  .regex(/\.ya?ml$/, 'must name a .yaml file')
  .meta({ patternErrorMessage: 'Name a .yaml file, relative to this file, like ../shared/values/our-values.yaml.' });

/**
 * A path to a PNG or JPEG image, relative to the file that names it. Every
 * field named `image` in any data file is one: it is checked and read before
 * the pack is built (see validate/images.ts).
 */
export const imageFile = z
  .string()
  .min(1)
  .regex(/\.(png|jpe?g)$/i, 'must name a .png or .jpg image file')
  .meta({ patternErrorMessage: 'Name a .png or .jpg picture, relative to this file, like images/structure-chart.png.' });

/** A check for an object with an optional `image` and its `alt`: the words are needed with a picture. */
export function altWithImage(what: 'image' | 'picture') {
  return (value: { image: unknown; alt: unknown }, context: z.RefinementCtx) => {
    if (value.image !== null && value.alt === null) {
      context.addIssue({
        code: 'custom',
        path: ['alt'],
        message: 'is required with an image',
        params: { hint: `add \`alt:\` saying what the ${what} shows, for readers who cannot see it` },
      });
    }
  };
}

/** A chart or picture with its caption; the image is optional, and needs `alt` text when present. */
export const figure = z
  .strictObject({
    caption: text.describe('The caption printed with the chart or picture, such as "Our structure in 2021".'),
    image: imageFile
      .nullable()
      .default(null)
      .describe('The picture, a PNG or JPEG file relative to this file, such as images/structure-chart.png; leave it out to print the caption alone.'),
    alt: text
      .nullable()
      .default(null)
      .describe('What the picture shows, in words, for readers who cannot see it (screen readers read it aloud; Word shows it as alt text); needed with an image.'),
  })
  .superRefine(altWithImage('image'));

/** A heading followed by paragraphs: the commonest shape of printed prose. */
export const prose = z.strictObject({
  heading: text.describe('The heading printed above the paragraphs, such as "Place of work".'),
  paragraphs: paragraphs.describe('The paragraphs under the heading, one list item (a line starting "- ") for each.'),
});
