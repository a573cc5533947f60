// pack.yaml: what a pack is called, which data it draws on, and which
// sections it prints in which order.
import { z } from 'zod';
import { fileRef, id, isoDate, text } from './common.js';

export const sectionLayouts = ['body', 'cover', 'contents'] as const;

/** The bank holidays of England and Wales, which the project ships; relative to a pack's folder. */
export const DEFAULT_CALENDAR = '../shared/calendars/england-and-wales.yaml';

/**
 * A variant of a pack: the same pack with a few fields changed (the role in another business area
 * or borough, say), built into output/<id>.pdf and .docx of its own. `set` maps field paths to
 * values: a path starts with `pack` or one of the keys under `data:` (`role.title`,
 * `timeline.stages.final-interview.date`); in a list, a part names an element by its `id` (or
 * its position, from 0). validate/variants.ts applies and checks them.
 */
export const variantSchema = z.strictObject({
  /** The variant's id, unique among packs and variants: its outputs are named by it. */
  id,
  /** The fields this variant changes, by path, with their values in this variant. */
  set: z.record(z.string(), z.unknown()),
});

export const packSchema = z.strictObject({
  id,
  title: text,
  subtitle: text,
  tagline: text.nullable().default(null),
  author: text,
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag like en-GB').default('en-GB'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0'),
  /** The date of this version; it is the timestamp written into the outputs. */
  date: isoDate,
  /** How dates are printed: `ordinal` gives "11th January 2021", `plain` gives "11 January 2021". */
  dateStyle: z.enum(['ordinal', 'plain']).default('plain'),
  data: z.strictObject({
    organisation: fileRef,
    framework: fileRef,
    values: fileRef.nullable().default(null),
    role: fileRef,
    letter: fileRef.nullable().default(null),
    remuneration: fileRef.nullable().default(null),
    /** The pay scale the remuneration's salary figures come from. */
    payScale: fileRef.nullable().default(null),
    timeline: fileRef.nullable().default(null),
    /** The calendars of non-working days the timeline's dates are checked against. */
    calendars: z
      .array(fileRef)
      .default([DEFAULT_CALENDAR])
      .describe(
        "The bank holidays the stages' dates must avoid: ../shared/calendars/england-and-wales.yaml (used when this is left out), scotland.yaml or northern-ireland.yaml, and any calendar file of your own.",
      ),
  }),
  sections: z
    .array(
      z.strictObject({
        /** A template in the pack's templates/ folder or in the project's templates/sections/. */
        template: id,
        layout: z.enum(sectionLayouts).default('body'),
      }),
    )
    .min(1),
  /** How the framework section (framework-behaviours, framework-summary) prints the framework. */
  frameworkSection: z
    .strictObject({
      competencies: z
        .enum(['cited', 'all'])
        .default('cited')
        .describe('`cited` prints only the competencies the role cites (at the level cited); `all` prints every competency of the framework.'),
      clusterHeadings: z
        .boolean()
        .default(true)
        .describe('True prints each cluster of the framework as a heading with its competencies under it; false prints the competencies under no cluster heading.'),
    })
    .default({ competencies: 'cited', clusterHeadings: true })
    .describe('How the framework section prints the framework: which competencies, and whether under their clusters\' headings.'),
  /** Variants of this pack, each built as a pack of its own (see variantSchema). */
  variants: z.array(variantSchema).default([]),
});

export type PackFile = z.infer<typeof packSchema>;
