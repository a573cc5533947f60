// Organisation content: what a pack says about the employer, shared by every
// pack of that organisation and edition.
import { z } from 'zod';
import { figure, id, markdown, paragraphs, text } from './common.js';

const titled = z.strictObject({ title: text, text });

export const organisationSchema = z.strictObject({
  id,
  name: text,
  shortName: text,
  about: z.strictObject({
    title: text,
    topics: z.array(z.strictObject({ heading: text.nullable().default(null), paragraphs })).min(1),
  }),
  strategy: z
    .strictObject({
      heading: text,
      intro: markdown.nullable().default(null),
      /** The "plan on a page": mission, priorities, capabilities, vision. */
      table: z
        .strictObject({
          mission: text,
          priorities: z.array(titled).min(1),
          capabilitiesIntro: text,
          capabilities: z.array(titled).min(1),
          vision: markdown,
          values: markdown,
          success: markdown,
        })
        .nullable()
        .default(null),
      paragraphs: paragraphs.default([]),
      items: z.array(markdown).default([]),
      closing: paragraphs.default([]),
    })
    .nullable()
    .default(null),
  transformation: z.strictObject({ heading: text, paragraphs }).nullable().default(null),
  structure: z
    .strictObject({
      title: text,
      heading: text.nullable().default(null),
      groups: z
        .array(
          z.strictObject({
            intro: markdown,
            functions: z.array(z.strictObject({ name: text, description: markdown })).min(1),
          }),
        )
        .min(1),
      paragraphs: paragraphs.default([]),
      /** The structure chart, or just its caption. */
      chart: figure.nullable().default(null),
    })
    .nullable()
    .default(null),
});

export type Organisation = z.infer<typeof organisationSchema>;
