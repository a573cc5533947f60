// A competency framework: competencies, optionally grouped in clusters, each
// with indicators at levels. Nothing here is specific to one organisation's
// framework: levels may be numbers or names of grades, clusters are optional,
// indicators come in the kinds the framework names (positive and negative, or
// its own names with their lead-ins), and an edition names its competencies its
// own way while their ids stay stable.
import { z } from 'zod';
import { id, markdown, paragraphs, text } from './common.js';

/** A level is cited by its id: a number (`3`) or a name (`Band B`). */
export const levelId = z
  .union([z.number().int().positive(), text])
  .describe('A level of the framework, by its id: a number such as 3, or a name such as "Grade 7".');

/** A list of indicators (behaviours) at one level: prose, printed as a bulleted list. */
const indicatorList = z.array(markdown).min(1);

/**
 * A kind of indicator the framework gives at each level: "Effective" and
 * "Ineffective", "What good looks like" and "What to avoid". A framework that
 * names no kinds gives one plain list per level, `behaviours`.
 */
export const indicatorKindSchema = z.strictObject({
  id: id.describe('How a level names this kind under `indicators:`, such as `effective`.'),
  name: text.describe('The kind as printed above its list, such as "Effective".'),
  leadIn: markdown
    .nullable()
    .default(null)
    .describe('A sentence printed before the list, such as "People who are effective are likely to…".'),
  negative: z
    .boolean()
    .default(false)
    .describe('True for what to avoid (negative indicators): printed after the positive kinds.'),
});

/**
 * One topic of the introduction: a plain paragraph, or a sub-heading with its
 * paragraphs. Plain paragraphs in a row print under no sub-heading.
 */
const introductionPart = z.union([
  markdown,
  z.strictObject({
    heading: text.describe('The sub-heading of this part of the introduction.'),
    paragraphs: paragraphs.min(1).describe('The paragraphs under the sub-heading.'),
  }),
]);

const competencyLevelSchema = z
  .strictObject({
    level: levelId,
    behaviours: indicatorList
      .nullable()
      .default(null)
      .describe('The behaviours at this level, as one list, in a framework that names no `indicatorKinds`.'),
    indicators: z
      .record(z.string(), indicatorList)
      .nullable()
      .default(null)
      .describe('The indicators at this level, one list for each kind the framework names in `indicatorKinds`, by its id.'),
  })
  .superRefine((value, context) => {
    if (value.behaviours === null && value.indicators === null) {
      context.addIssue({
        code: 'custom',
        path: ['behaviours'],
        message: 'is required',
        params: { hint: 'list the behaviours at this level under `behaviours:`, or by kind under `indicators:`' },
      });
    } else if (value.behaviours !== null && value.indicators !== null) {
      context.addIssue({
        code: 'custom',
        path: ['indicators'],
        message: 'cannot be given with `behaviours`',
        params: { hint: 'a level gives one list under `behaviours:`, or lists by kind under `indicators:`, not both' },
      });
    }
  });

export const frameworkSchema = z.strictObject({
  id,
  name: text,
  edition: text,
  publisher: text,
  /** Id of the values set that underpins the framework, if any. */
  values: id.nullable().default(null),
  /** True when a higher level includes the behaviours of the levels below it. */
  cumulative: z.boolean(),
  introduction: z
    .array(introductionPart)
    .default([])
    .describe('The introduction printed before the competencies: paragraphs, and parts with a `heading:` and their `paragraphs:`.'),
  indicatorKinds: z
    .array(indicatorKindSchema)
    .default([])
    .describe('The kinds of indicator each level gives, such as effective and ineffective; leave it out to give one list of `behaviours` per level.'),
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
        levels: z.array(competencyLevelSchema).default([]),
      }),
    )
    .min(1),
});

export type Framework = z.infer<typeof frameworkSchema>;
export type IndicatorKind = z.infer<typeof indicatorKindSchema>;
