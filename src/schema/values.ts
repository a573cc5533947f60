// A set of values (and, in some editions, principles) that a pack may cite.
import { z } from 'zod';
import { id, markdown, paragraphs, text } from './common.js';

const namedList = z.strictObject({
  intro: markdown.nullable().default(null).describe('A paragraph printed before the list; null for none.'),
  items: z
    .array(
      z.strictObject({
        id: id.describe('The id a role cites it by, such as integrity.'),
        name: text.describe('The name printed in bold, such as "Integrity".'),
        description: markdown
          .nullable()
          .default(null)
          .describe('What it means, printed after the name, such as "We do the right thing."; null to print the name alone.'),
      }),
    )
    .min(1)
    .describe('The entries of the list, in the order they are printed.'),
});

export const valuesSchema = z.strictObject({
  id: id.describe('An id for this set of values, such as riverside-values-2025.'),
  name: text.describe('The name printed as the heading of the values section, such as "Our values".'),
  source: text
    .nullable()
    .default(null)
    .describe('Where the values come from (a document or a web page), for reviewers; the templates do not print it.'),
  introduction: paragraphs.default([]).describe('Paragraphs printed under the heading, before the principles and values; none unless given.'),
  principles: namedList
    .nullable()
    .default(null)
    .describe('Principles printed as a list before the values, with an optional introduction; null for none.'),
  values: namedList.describe('The values, printed as a list with an optional introduction; a role cites them by id.'),
});

export type ValuesSet = z.infer<typeof valuesSchema>;
