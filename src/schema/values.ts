// A set of values (and, in some editions, principles) that a pack may cite.
import { z } from 'zod';
import { id, markdown, paragraphs, text } from './common.js';

const namedList = z.strictObject({
  intro: markdown.nullable().default(null),
  items: z
    .array(z.strictObject({ id, name: text, description: markdown.nullable().default(null) }))
    .min(1),
});

export const valuesSchema = z.strictObject({
  id,
  name: text,
  source: text.nullable().default(null),
  introduction: paragraphs.default([]),
  principles: namedList.nullable().default(null),
  values: namedList,
});

export type ValuesSet = z.infer<typeof valuesSchema>;
