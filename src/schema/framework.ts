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
    level: levelId.describe('The level these indicators are for, by its id or its name under the framework\'s `levels`, such as 3 or "Level 3".'),
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
  id: id.describe('An id for this framework file, such as our-behaviours-2025: messages about the framework name it.'),
  name: text.describe('The framework\'s name, printed as the heading of the framework section, such as "Our Behaviours Framework".'),
  edition: text.describe('Which edition of the framework this file holds, such as "2025, all staff", for reviewers; the project\'s templates do not print it.'),
  publisher: text.describe('Who publishes the framework, such as "Riverside Borough Council", for reviewers; the project\'s templates do not print it.'),
  values: id
    .nullable()
    .default(null)
    .describe(
      'The id of the set of values that underpins the framework, such as riverside-values-2025, for reviewers (a pack prints the values file its pack.yaml names under `data:`); null for none.',
    ),
  cumulative: z
    .boolean()
    .describe('True when each level includes the behaviours of the levels below it (someone at level 3 also shows those of levels 1 and 2); false when each level stands alone.'),
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
        id: levelId.describe('The level\'s id, which roles and competencies cite it by: a number such as 3, or a name such as "Grade 7".'),
        name: text.describe('The level\'s name, printed in the role\'s table of competencies and above the level\'s indicators, such as "Level 3".'),
        title: text
          .nullable()
          .default(null)
          .describe('A title printed after the level\'s name, such as "senior manager" in "Level 3: senior manager"; null for none.'),
        grades: text
          .nullable()
          .default(null)
          .describe('The grades or bands the level is for, such as "Band B and above", for reviewers (the project\'s templates do not print it); null for none.'),
      }),
    )
    .min(1)
    .describe('The levels of the framework, lowest first, such as Level 1 to Level 3, or Grade 5 to Grade 7.'),
  clusters: z
    .array(
      z.strictObject({
        id: id.describe('The cluster\'s id, which a competency\'s `cluster:` names, such as leading-people.'),
        name: text.describe('The cluster\'s name, printed as a heading over its competencies, such as "Leading people".'),
      }),
    )
    .default([])
    .describe('The groups the competencies fall into, in the order they are printed; leave it out for a framework with no clusters.'),
  competencies: z
    .array(
      z.strictObject({
        id: id.describe('The competency\'s id, the same in every edition of the framework, such as working-together; a role may cite it by this.'),
        name: text.describe('The competency\'s name in this edition, printed as its heading and in the role\'s table, such as "We work together".'),
        aliases: z
          .array(text)
          .default([])
          .describe('Other names a role may cite the competency by, such as its name in an earlier edition; none unless given.'),
        cluster: id
          .nullable()
          .default(null)
          .describe('The id of the cluster the competency belongs to, such as leading-people; null in a framework with no clusters.'),
        description: paragraphs.describe('What the competency means, printed under its name, one list item (a line starting "- ") for each paragraph.'),
        whyItMatters: z
          .strictObject({
            title: text.describe('The part\'s title, printed in bold or as a sub-heading, such as "Why it matters".'),
            paragraphs: paragraphs.describe('The paragraphs under the title, one list item (a line starting "- ") for each.'),
          })
          .nullable()
          .default(null)
          .describe('A part with a title of its own, such as "Why it matters", printed after the description; null for none.'),
        levels: z
          .array(competencyLevelSchema)
          .default([])
          .describe('What the competency looks like at each level it gives: the level and its behaviours or indicators; none unless given.'),
      }),
    )
    .min(1)
    .describe('The competencies of the framework, in the order they are printed.'),
});

export type Framework = z.infer<typeof frameworkSchema>;
export type IndicatorKind = z.infer<typeof indicatorKindSchema>;
