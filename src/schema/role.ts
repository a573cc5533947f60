// A role profile: purpose, accountabilities, the behaviours (competencies at
// levels) the role asks for, and what a candidate needs to bring.
import { z } from 'zod';
import { id, markdown, paragraphs, text } from './common.js';
import { levelId } from './framework.js';

const noted = { note: markdown.nullable().default(null) };

export const roleSchema = z.strictObject({
  id,
  title: text,
  organisation: text,
  profileTitle: text.nullable().default(null),
  purpose: z.strictObject({ ...noted, paragraphs: paragraphs.min(1) }),
  accountabilities: z.strictObject({ ...noted, items: z.array(markdown).min(1) }).nullable().default(null),
  behaviours: z.strictObject({
    ...noted,
    paragraphs: paragraphs.default([]),
    competencies: z
      .array(
        z.strictObject({
          /** The competency's id, or its name or alias in the pack's framework. */
          competency: text,
          /** The cluster's name or id, when the profile prints it beside the competency. */
          cluster: text.nullable().default(null),
          level: levelId,
        }),
      )
      .min(1),
    /** Ids or names of values in the pack's values set. */
    values: z
      .array(text)
      .default([])
      .describe('The values of the pack\'s values set this role asks for, by id or name: printed as a list after the table of competencies.'),
    closing: paragraphs
      .default([])
      .describe('Paragraphs printed after the table of competencies, such as what the levels mean.'),
  }),
  education: z
    .strictObject({
      heading: text,
      ...noted,
      experienceHeading: text,
      experience: z.array(markdown).min(1),
      skills: z.array(markdown).default([]),
    })
    .nullable()
    .default(null),
  cpd: z
    .strictObject({
      heading: text,
      ...noted,
      paragraphs: paragraphs.default([]),
      groups: z.array(z.strictObject({ title: text, items: z.array(markdown).min(1) })).min(1),
    })
    .nullable()
    .default(null),
  eligibility: z.strictObject({ paragraphs: paragraphs.min(1) }).nullable().default(null),
  /** How applications are assessed against the framework, printed with it. */
  assessment: paragraphs.default([]),
});

export type Role = z.infer<typeof roleSchema>;
