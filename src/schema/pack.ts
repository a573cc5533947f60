// pack.yaml: what a pack is called, which data it draws on, and which
// sections it prints in which order.
import { z } from 'zod';
import { email, fileRef, id, isoDate, text } from './common.js';

export const sectionLayouts = ['body', 'cover', 'contents'] as const;

/** The bank holidays of England and Wales, which the project ships; relative to a pack's folder. */
export const DEFAULT_CALENDAR = '../shared/calendars/england-and-wales.yaml';

/**
 * A variant of a pack: the same pack with a few fields changed (the role in another business area
 * or borough, say), built into output/<id>.pdf, .docx and .html of its own. `set` maps field paths to
 * values: a path starts with `pack` or one of the keys under `data:` (`role.title`,
 * `timeline.stages.final-interview.date`); in a list, a part names an element by its `id` (or
 * its position, from 0). validate/variants.ts applies and checks them.
 */
export const variantSchema = z.strictObject({
  id: id.describe('The variant\'s id, such as dac-2021-north: its files are output/<id>.pdf, .docx and .html, so no other pack or variant may have it.'),
  set: z
    .record(z.string(), z.unknown())
    .describe('The fields this variant changes, each a path and its value in this variant, such as role.title or timeline.stages.final-interview.date.'),
});

export const packSchema = z.strictObject({
  id: id.describe('The pack\'s id, the name of its folder, such as riverside-planning-officer-2025: its files are output/<id>.pdf, .docx and .html.'),
  title: text.describe('The pack\'s title, printed large on the cover, such as "Riverside Borough Council Information Pack".'),
  subtitle: text.describe('The line under the title on the cover, also in every page\'s footer, such as "Planning Officer Selection Process".'),
  tagline: text.nullable().default(null).describe('A line printed in bold on the cover, under the subtitle; null for none.'),
  author: text.describe('Who the pack is from, written into the PDF and Word files as their author, such as "Riverside Borough Council".'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag like en-GB')
    .meta({ patternErrorMessage: 'Write a language tag, like en-GB (English, United Kingdom) or cy-GB (Welsh).' })
    .default('en-GB')
    .describe('The language the pack is written in, such as en-GB (the default) or cy-GB, so that screen readers read it aloud correctly.'),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0')
    .meta({ patternErrorMessage: 'Write the version as three numbers joined by dots, like 1.0.0.' })
    .describe('The pack\'s version, three numbers such as 1.0.0, printed in the footer: raise it for each edition you publish.'),
  date: isoDate.describe('The date of this version, such as 2021-01-11, printed in the footer and written into the PDF and Word files.'),
  dateStyle: z
    .enum(['ordinal', 'plain'])
    .default('plain')
    .describe('How dates are printed: ordinal gives "11th January 2021", plain (the default) gives "11 January 2021".'),
  data: z
    .strictObject({
      organisation: fileRef.describe('The file about the organisation, such as ../shared/organisations/riverside-2025.yaml.'),
      framework: fileRef.describe('The competency framework the role cites, such as ../shared/frameworks/our-behaviours.yaml.'),
      values: fileRef.nullable().default(null).describe('The set of values the role cites, such as ../shared/values/our-values.yaml; null for none.'),
      role: fileRef.describe('The role profile, usually role.yaml in this folder.'),
      letter: fileRef.nullable().default(null).describe('A signed letter printed near the start, such as introduction.yaml; null for none.'),
      remuneration: fileRef.nullable().default(null).describe('What the role pays and offers, such as remuneration.yaml; null for none.'),
      payScale: fileRef
        .nullable()
        .default(null)
        .describe('The pay scale the remuneration\'s salary figures come from, such as ../shared/pay-scales/our-pay-scale.yaml; null for none.'),
      timeline: fileRef.nullable().default(null).describe('The stages and dates of the selection process, such as timeline.yaml; null for none.'),
      calendars: z
        .array(fileRef)
        .default([DEFAULT_CALENDAR])
        .describe(
          "The bank holidays the stages' dates must avoid: ../shared/calendars/england-and-wales.yaml (used when this is left out), scotland.yaml or northern-ireland.yaml, and any calendar file of your own.",
        ),
    })
    .describe('The data files this pack draws on, each a path relative to this folder.'),
  contacts: z
    .array(
      z
        .strictObject({
          name: text.describe('Who to contact, a person or a team, such as "The Recruitment Team".'),
          role: text.nullable().default(null).describe('Their role, printed after the name, such as "Head of Resourcing"; null for none.'),
          email: email.nullable().default(null).describe('Their email address, such as recruitment@example.org; null for none.'),
          phone: z
            .string()
            .regex(/^\+?[0-9][0-9 ()-]{5,}$/, 'must be a telephone number written in quotes, like "01632 960 123"')
            .meta({ patternErrorMessage: 'Write a telephone number in quotes, digits and spaces, like "01632 960 123".' })
            .nullable()
            .default(null)
            .describe('Their telephone number, in quotes so that it stays as written, such as "01632 960 123"; null for none.'),
        })
        .refine((contact) => contact.email !== null || contact.phone !== null, {
          message: 'gives no way to reach them',
          params: { hint: 'give `email:` or `phone:`, or both' },
        }),
    )
    .default([])
    .describe('Who candidates may contact about the role, printed by the contacts section (put `- template: contacts` last in `sections:`); none unless given.'),
  sections: z
    .array(
      z.strictObject({
        template: id.describe('The section\'s template, named without .md.hbs, such as role-profile: from this pack\'s templates/ folder, or else the project\'s templates/sections/.'),
        layout: z
          .enum(sectionLayouts)
          .default('body')
          .describe('How the section is laid out: body (the default), cover (the title page) or contents (the table of contents).'),
        newPage: z
          .boolean()
          .default(false)
          .describe(
            'True starts this section on a new page; false (the default) prints it straight after the section before, on the same page. The cover and the contents are pages of their own, so the section after either starts a new page whatever this says.',
          ),
      }),
    )
    .min(1)
    .describe('The sections of the pack, in the order they are printed.'),
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
      levels: z
        .enum(['cited', 'cumulative'])
        .default('cited')
        .describe('`cited` prints a cited competency at the level cited; `cumulative` also prints the levels below it, for a framework whose levels are cumulative (`cumulative: true`), each under its own name.'),
    })
    .default({ competencies: 'cited', clusterHeadings: true, levels: 'cited' })
    .describe('How the framework section prints the framework: which competencies, and whether under their clusters\' headings.'),
  variants: z
    .array(variantSchema)
    .default([])
    .describe('Other versions of this pack (the same role in another area, say), each built into files of its own; none unless given.'),
});

export type PackFile = z.infer<typeof packSchema>;
