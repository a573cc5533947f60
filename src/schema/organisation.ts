// Organisation content: what a pack says about the employer, shared by every
// pack of that organisation and edition.
import { z } from 'zod';
import { altWithImage, figure, id, imageFile, markdown, paragraphs, text } from './common.js';

/** A colour as the web writes it: `#` and six hexadecimal digits. */
const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written as # and six hexadecimal digits, like #002d62')
  .meta({ patternErrorMessage: 'Write a colour as # and six hexadecimal digits, like #002d62.' });

const colourField = (what: string) => colour.optional().describe(`${what}, such as "#002d62"; today's colour unless given.`);

/** A logo is an SVG drawing (checked: no script, no outside references) or a PNG. */
const logoFile = z
  .string()
  .min(1)
  .regex(/\.(svg|png)$/i, 'must name a .svg or .png file')
  .meta({ patternErrorMessage: 'Name a .svg or .png logo, relative to this file, like logos/our-logo.svg.' });

/** The open fonts the tool ships (pack/shipped-fonts.ts has their files), by the name a theme gives. */
export const SHIPPED_FONT_NAMES = ['Roboto', 'Liberation Sans', 'Source Serif 4'] as const;
export type ShippedFontName = (typeof SHIPPED_FONT_NAMES)[number];

const shippedFont = z.string().superRefine((name, ctx) => {
  if ((SHIPPED_FONT_NAMES as readonly string[]).includes(name)) return;
  const meant = SHIPPED_FONT_NAMES.find((known) => known.toLowerCase().replace(/\s+/g, '') === name.toLowerCase().replace(/\s+/g, ''));
  ctx.addIssue({
    code: 'custom',
    message: `names "${name}", which is not a font the tool ships`,
    params: {
      hint: meant
        ? `did you mean "${meant}"?`
        : `name ${SHIPPED_FONT_NAMES.join(', ')}; or give your own font's files: family, regular, bold, italic and boldItalic`,
    },
  });
});

/** A font file of the organisation's own: TrueType outlines (load/fonts.ts checks), as Word embeds only those. */
const fontFile = (face: string) =>
  z
    .string()
    .min(1)
    .regex(/\.(ttf|otf)$/i, 'must name a .ttf or .otf font file')
    .meta({ patternErrorMessage: 'Name a .ttf or .otf font file, relative to this file, like fonts/OurSans-Regular.ttf.' })
    .describe(`The ${face} face's file, a .ttf font relative to this file, such as fonts/OurSans-${face === 'bold italic' ? 'BoldItalic' : face[0]!.toUpperCase() + face.slice(1)}.ttf.`);

const ownFont = z.strictObject({
  family: text.describe('The font\'s name, as Word and web browsers will call it, such as "Our Sans".'),
  regular: fontFile('regular'),
  bold: fontFile('bold'),
  italic: fontFile('italic'),
  boldItalic: fontFile('bold italic'),
});

const fontChoice = z.union([shippedFont, ownFont]);

const theme = z
  .strictObject({
    colours: z
      .strictObject({
        text: colourField('Body text, on white'),
        heading: colourField('Headings and the contents\' title, on white'),
        accent: colourField('Level-3 headings and the cover\'s subtitle, on white'),
        link: colourField('Links, on white'),
        muted: colourField('Notes, captions and the footer, on white'),
        rule: colourField('Table rules and dividers (decoration: no contrast is asked of it)'),
        headerFill: colourField('The fill of a table\'s header row'),
        headerText: colourField('The text of a table\'s header row, on its fill'),
        band: colourField('The cover\'s band of brand colour'),
        bandText: colourField('The text on the cover\'s band'),
      })
      .default({})
      .describe('The brand colours, each # and six hexadecimal digits; every pair that carries text must reach WCAG AA contrast (4.5:1, or 3:1 for large text).'),
    logo: z
      .strictObject({
        image: logoFile.describe('The logo, an SVG or PNG file relative to this file, such as logos/our-logo.svg.'),
        alt: text.describe('What the logo says or shows, for readers who cannot see it, such as "Riverside Borough Council".'),
      })
      .nullable()
      .default(null)
      .describe('The organisation\'s logo, printed on the cover and at the head of the web page; null for none.'),
    cover: z
      .strictObject({
        style: z.enum(['band', 'plain']).default('band').describe('"band" for a band of the brand colour across the cover, "plain" for white.'),
        image: imageFile.nullable().default(null).describe('A picture for the cover, a PNG or JPEG file relative to this file; null for none.'),
        alt: text.nullable().default(null).describe('What the cover picture shows, for readers who cannot see it; needed with an image.'),
      })
      .superRefine(altWithImage('picture'))
      .default({ style: 'band', image: null, alt: null })
      .describe('The cover: its style and an optional picture.'),
    fonts: z
      .strictObject({
        body: fontChoice.describe(`The font for the text: ${SHIPPED_FONT_NAMES.join(', ')} (shipped with the tool), or your own font's files.`),
        headings: fontChoice
          .nullable()
          .default(null)
          .describe('The font for headings and the cover\'s title, named or given the same way; null for the body\'s font.'),
      })
      .nullable()
      .default(null)
      .describe('The fonts every format is set in, embedded in the files; null for today\'s: Roboto in the PDF, Arial in Word and on the web.'),
  })
  .describe('How the organisation\'s packs look: colours, logo, cover and fonts, in every format.');

const titled = z.strictObject({
  title: text.describe('The title printed in bold, such as "Keep residents safe".'),
  text: text.describe('The sentence or two printed under the title.'),
});

export const organisationSchema = z.strictObject({
  id: id.describe('An id for this organisation file, such as riverside-council-2025.'),
  name: text.describe('The organisation\'s full name, such as "Riverside Borough Council".'),
  shortName: text.describe('A short name a template may use in running text, such as "the council".'),
  about: z
    .strictObject({
      title: text.describe('The heading of the section about the organisation, such as "About the council".'),
      topics: z
        .array(
          z.strictObject({
            heading: text
              .nullable()
              .default(null)
              .describe('The topic\'s heading, such as "Our borough"; null for paragraphs with no heading of their own.'),
            paragraphs: paragraphs.describe('The topic\'s paragraphs, in order, one list item (a line starting "- ") for each.'),
          }),
        )
        .min(1)
        .describe('The topics of the section, in order, each an optional heading and its paragraphs.'),
    })
    .describe('The section about the organisation: its title and topics.'),
  strategy: z
    .strictObject({
      heading: text.describe('The strategy\'s heading, such as "Our strategy".'),
      intro: markdown.nullable().default(null).describe('A paragraph printed under the heading, before the rest; null for none.'),
      table: z
        .strictObject({
          mission: text.describe('The mission, printed at the head of the priorities table, such as "Our mission is to make Riverside a good place to live".'),
          priorities: z.array(titled).min(1).describe('The priorities, one row of the table each: a title in bold and its text.'),
          capabilitiesIntro: text.describe('The line at the head of the capabilities table, such as "To do this we will:".'),
          capabilities: z.array(titled).min(1).describe('What the organisation will build or improve, one row of the table each: a title in bold and its text.'),
          vision: markdown.describe('The vision, a paragraph printed after the tables.'),
          values: markdown.describe('A paragraph on the organisation\'s values, printed after the vision.'),
          success: markdown.describe('What success will look like, a paragraph printed after the values.'),
        })
        .nullable()
        .default(null)
        .describe('The strategy as a "plan on a page": mission, priorities, capabilities, vision, values and success, printed as tables; null for none.'),
      paragraphs: paragraphs.default([]).describe('Paragraphs of the strategy, printed after the table; none unless given.'),
      items: z.array(markdown).default([]).describe('A bulleted list printed after the paragraphs, one list item per point; none unless given.'),
      closing: paragraphs.default([]).describe('Paragraphs printed after the bulleted list; none unless given.'),
    })
    .nullable()
    .default(null)
    .describe('The organisation\'s strategy: a heading with a plan on a page, paragraphs or a list, or all three; null for none.'),
  transformation: z
    .strictObject({
      heading: text.describe('The heading, such as "How we are changing".'),
      paragraphs: paragraphs.describe('The paragraphs under the heading, one list item (a line starting "- ") for each.'),
    })
    .nullable()
    .default(null)
    .describe('A part on how the organisation is changing, printed after the strategy: a heading and paragraphs; null for none.'),
  structure: z
    .strictObject({
      title: text.describe('The title of the section on the structure, such as "Our structure".'),
      heading: text.nullable().default(null).describe('A heading under the title, such as "How we are organised"; null for none.'),
      groups: z
        .array(
          z.strictObject({
            intro: markdown.describe('The line before the group\'s functions, such as "We have four directorates:".'),
            functions: z
              .array(
                z.strictObject({
                  name: text.describe('The function\'s name, printed in bold, such as "Children\'s Services".'),
                  description: markdown.describe('What the function does, printed after its name, such as "runs schools and social care".'),
                }),
              )
              .min(1)
              .describe('The functions of the group, printed as a bulleted list.'),
          }),
        )
        .min(1)
        .describe('Groups of functions (directorates, departments), each an introductory line and its functions.'),
      paragraphs: paragraphs.default([]).describe('Paragraphs printed after the groups; none unless given.'),
      posts: z
        .array(
          z.strictObject({
            id: id.describe('The post\'s id, which other posts\' `reportsTo:` name it by, such as deputy-commissioner.'),
            title: text.describe('The post\'s title, printed in its box of the structure chart, such as "Deputy Commissioner".'),
            holder: text.nullable().default(null).describe('Who holds the post, printed under its title, such as "Jane Smith"; null for none.'),
            reportsTo: id
              .nullable()
              .default(null)
              .describe('The post this one reports to, by its id; null for the one post at the top.'),
          }),
        )
        .default([])
        .describe('The posts of the structure chart, drawn as a tree from the top post down, each post under the one it reports to; none for no drawn chart.'),
      chart: figure.nullable().default(null).describe('The structure chart: its caption and, optionally, a picture (a chart drawn from `posts` needs none); null for none.'),
    })
    .nullable()
    .default(null)
    .describe('How the organisation is structured, printed as a section of its own: groups of functions and a chart; null for none.'),
  theme: theme
    .nullable()
    .default(null)
    .describe('How the organisation\'s packs look (colours, logo, cover, fonts); null for today\'s look: dark blue headings on white, a plain cover.'),
});

export type OrganisationTheme = z.infer<typeof theme>;

export type Organisation = z.infer<typeof organisationSchema>;
