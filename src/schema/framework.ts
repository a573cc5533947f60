// A competency framework: competencies, optionally grouped in clusters, each
// with behaviours at levels. Nothing here is specific to the Met's CVF: levels
// may be numbers or names of grades, clusters are optional, and an edition
// names its competencies its own way while their ids stay stable.
import { z } from 'zod';
import { id, markdown, paragraphs, text } from './common.js';

/** A level is cited by its id: a number (`3`) or a name (`Band B`). */
export const levelId = z.union([z.number().int().positive(), text]);

export const frameworkSchema = z.strictObject({
  id,
  name: text,
  edition: text,
  publisher: text,
  /** Id of the values set that underpins the framework, if any. */
  values: id.nullable().default(null),
  /** True when a higher level includes the behaviours of the levels below it. */
  cumulative: z.boolean(),
  introduction: paragraphs.default([]),
  levels: z
    .array(
      z.strictObject({
        id: levelId,
        name: text,
        title: text.nullable().default(null),
        grades: text.nullable().default(null),
      }),
    )
    .min(1),
  clusters: z.array(z.strictObject({ id, name: text })).default([]),
  competencies: z
    .array(
      z.strictObject({
        id,
        name: text,
        aliases: z.array(text).default([]),
        cluster: id.nullable().default(null),
        description: paragraphs,
        whyItMatters: z.strictObject({ title: text, paragraphs }).nullable().default(null),
        levels: z
          .array(z.strictObject({ level: levelId, behaviours: z.array(markdown).min(1) }))
          .default([]),
      }),
    )
    .min(1),
});

export type Framework = z.infer<typeof frameworkSchema>;
