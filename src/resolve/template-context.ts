// The shape of what the templates see (a resolved pack and its section), made of
// the data files' schemas, so that compose can tell prose (a field whose schema
// is `markdown`, printed as Markdown) from plain values (printed exactly as
// written). Most of a resolved pack keeps its data file's shape; this says where
// resolvePack moves prose elsewhere. Anything not described here, or worked out
// by resolvePack (dates, money, labels), is a plain value: the safe default.
import { z } from 'zod';
import { markdown } from '../schema/common.js';
import { frameworkSchema, indicatorKindSchema } from '../schema/framework.js';
import { letterSchema } from '../schema/letter.js';
import { organisationSchema } from '../schema/organisation.js';
import { packSchema } from '../schema/pack.js';
import { payScaleSchema } from '../schema/pay-scale.js';
import { remunerationSchema } from '../schema/remuneration.js';
import { roleSchema } from '../schema/role.js';
import { timelineSchema } from '../schema/timeline.js';
import { valuesSchema } from '../schema/values.js';

/** A competency as the framework gives it: its description and why it matters are prose. */
const frameworkCompetency = frameworkSchema.shape.competencies.element;

/** The behaviours at a level, prose as in the framework's `levels[].behaviours`. */
const behaviours = z.array(markdown);

/** A competency's indicators as resolve lists them (indicatorLists): a kind's lead-in and items are prose. */
const indicatorLists = z.array(z.object({ leadIn: indicatorKindSchema.shape.leadIn, items: behaviours }));

/** A competency the role cites (resolveRole): the framework's competency at a level, with its behaviours. */
const citedCompetency = z.object({
  ...frameworkCompetency.shape,
  level: frameworkSchema.shape.levels.element,
  behaviours,
  cumulativeBehaviours: z.array(z.object({ behaviours })),
  indicators: indicatorLists,
});

/** A competency the framework section prints (frameworkGroups). */
const printedCompetency = z.object({ ...frameworkCompetency.shape, indicators: indicatorLists });

const roleBehaviours = roleSchema.shape.behaviours;

export const templateContextSchema = z.object({
  pack: packSchema,
  organisation: organisationSchema,
  letter: letterSchema,
  role: z.object({
    ...roleSchema.shape,
    behaviours: z.object({
      ...roleBehaviours.shape,
      competencies: z.array(citedCompetency),
      clusters: z.array(z.object({ competencies: z.array(citedCompetency) })),
      values: z.array(valuesSchema.shape.values.shape.items.element),
    }),
  }),
  framework: z.object({
    ...frameworkSchema.shape,
    introduction: z.array(z.object({ paragraphs: z.array(markdown) })),
    clusters: z.array(z.object({ competencies: z.array(frameworkCompetency) })),
    groups: z.array(z.object({ competencies: z.array(printedCompetency) })),
  }),
  values: valuesSchema,
  payScale: payScaleSchema,
  remuneration: remunerationSchema,
  timeline: timelineSchema,
  section: packSchema.shape.sections.element,
});
