// The Word writer: document model → docx objects → .docx bytes. Headings use
// Word's built-in Heading 1–3 styles (so the navigation pane and the contents
// work); table header rows repeat on every page, and each table has a caption.
// Inserted and deleted content become Word's tracked changes, so a redline is
// this writer given marks.
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  DeletedTextRun,
  Document as WordDocument,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  InternalHyperlink,
  LevelFormat,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IParagraphOptions,
  type IRunOptions,
  type PageNumberEstimator,
  type ParagraphChild,
} from 'docx';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimatePageNumbersWith } from 'docx/layout';
import { FONT_FACES, plainText, type Block, type Document, type DocumentMeta, type Inline, type ParagraphStyle, type FontFamily, type Picture, type Theme } from '../../model/document.js';
import { CaptionedTable } from './captioned-table.js';
import { tableCaptions } from '../../model/table-captions.js';
import { docxStyles, FONT, PAGE, wordColoursOf } from './styles.js';
import { DEFAULT_THEME, themeOf } from '../../model/default-theme.js';
import { writeReproducibleDocx } from './reproducible.js';
import { embeddedFonts } from './embedded-fonts.js';
import { columnPercents } from '../table-layout.js';
import { printedSize } from '../image-size.js';
import { drawingPng } from './drawing-png.js';

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  link?: boolean;
  /** Inside inserted or deleted content: written as a tracked change. */
  change?: 'inserted' | 'deleted';
  /** A colour of the run's own (`rrggbb`): text on the cover's band. */
  color?: string;
}

/** Who made the tracked changes of the document being written, when, and how many so far (each needs its own id). */
let revisions = { author: '', date: '', count: 0 };

function startRevisions(meta: DocumentMeta): void {
  const { author, date } = meta.changes ?? { author: meta.author, date: meta.date };
  revisions = { author, date: date.toISOString().replace(/\.\d{3}Z$/, 'Z'), count: 0 };
}

/** The next tracked change's id, author and date. */
function revision() {
  revisions.count += 1;
  return { id: revisions.count, author: revisions.author, date: revisions.date };
}

/** A run, as a tracked insertion or deletion inside changed content, keeping its formatting. */
function run(options: IRunOptions, change: RunFormat['change']): ParagraphChild {
  if (change === 'inserted') return new InsertedTextRun({ ...options, ...revision() });
  if (change === 'deleted') return new DeletedTextRun({ ...options, ...revision() });
  return new TextRun(options);
}

function runs(list: Inline[], format: RunFormat = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const { link, change, ...formatting } = format;
  for (const inline of list) {
    switch (inline.type) {
      case 'text':
        out.push(run({ text: inline.text, ...formatting, ...(link ? { style: 'Hyperlink' } : {}) }, change));
        break;
      case 'break':
        out.push(run({ break: 1 }, change));
        break;
      case 'strong':
        out.push(...runs(inline.children, { ...format, bold: true }));
        break;
      case 'emphasis':
        out.push(...runs(inline.children, { ...format, italics: true }));
        break;
      case 'inserted':
      case 'deleted':
        out.push(...runs(inline.children, { ...format, change: inline.type }));
        break;
      case 'link': {
        // A change inside a link is marked on the link's runs: Word's revisions hold runs, never a hyperlink.
        const children = runs(inline.children, { ...format, link: true });
        out.push(
          inline.href.startsWith('#')
            ? new InternalHyperlink({ anchor: inline.href.slice(1), children })
            : new ExternalHyperlink({ link: inline.href, children }),
        );
        break;
      }
    }
  }
  return out;
}

/**
 * A paragraph whose text was all inserted, or all deleted, was itself: its
 * paragraph mark is marked too, so accepting or rejecting the change leaves no
 * empty paragraph behind.
 */
function paragraphMark(children: Inline[]): Pick<IParagraphOptions, 'run'> {
  const whole = (type: 'inserted' | 'deleted') => children.length > 0 && children.every((inline) => inline.type === type);
  if (whole('inserted')) return { run: { insertion: revision() } };
  if (whole('deleted')) return { run: { deletion: revision() } };
  return {};
}

const paragraphStyleIds: Record<ParagraphStyle, string | undefined> = {
  normal: undefined,
  title: 'Title',
  subtitle: 'Subtitle',
  tagline: 'Tagline',
  note: 'Note',
  signature: 'Signature',
  caption: 'Caption',
};

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function cell(content: Inline[], header: boolean, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: wordColours.headerFill, color: 'auto' } } : {}),
    margins: { top: 80, bottom: 80, left: 100, right: 100 },
    children: [new Paragraph({ style: header ? 'TableHeader' : 'TableText', children: runs(content) })],
  });
}

const twipsToPoints = (twips: number) => twips / 20;

/** Liberation Sans, shipped with the tool (SIL Open Font License): Arial's metrics in a font we may redistribute. */
const METRIC_FONTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fonts', 'liberation-sans');

let arialEstimator: PageNumberEstimator | undefined;

/** Estimators for theme fonts, by the body's family and then the headings' (the same objects for every document of an organisation). */
const themeEstimators = new WeakMap<FontFamily, WeakMap<FontFamily, PageNumberEstimator>>();


/**
 * Works out the page of each contents entry as Word lays out the pages. The
 * packs are set in Arial, or in the theme's fonts: measuring with the files of
 * the fonts (for Arial, a font with Arial's metrics) under the names the styles
 * give gives Word's line breaks from real glyph widths, and is about a third
 * quicker than docx's built-in width tables. Read once per process, or once
 * per set of theme fonts.
 */
function pageNumberEstimator(fonts: Theme['fonts']) {
  if (!fonts) {
    arialEstimator ??= withoutListNumbers(
      estimatePageNumbersWith({
        fonts: ['Regular', 'Bold', 'Italic', 'BoldItalic'].map((face) => ({
          data: new Uint8Array(readFileSync(path.join(METRIC_FONTS, `LiberationSans-${face}.ttf`))),
          name: FONT,
        })),
      }),
    );
    return arialEstimator;
  }
  const byHeadings = themeEstimators.get(fonts.body) ?? new WeakMap<FontFamily, PageNumberEstimator>();
  themeEstimators.set(fonts.body, byHeadings);
  let estimator = byHeadings.get(fonts.headings);
  if (!estimator) {
    const families = fonts.headings.family === fonts.body.family ? [fonts.body] : [fonts.body, fonts.headings];
    estimator = withoutListNumbers(
      estimatePageNumbersWith({ fonts: families.flatMap((family) => FONT_FACES.map((face) => ({ data: family[face], name: family.family }))) }),
    );
    byHeadings.set(fonts.headings, estimator);
  }
  return estimator;
}

/**
 * The estimator without its `listNumbers`, which docx uses to start the contents
 * entry of a numbered heading with the heading's number. Our headings are never
 * list items (see `blocks`), so it could only find none, and finding none meant
 * reading the whole document a second time: a third of the estimate's time.
 */
function withoutListNumbers(estimate: PageNumberEstimator): PageNumberEstimator {
  return (document, context) => estimate(document, context);
}

/** Pictures numbered so far in the document being written (reset for each document). */
let pictures = 0;

/** Each table's caption in the document being written, in order, and how many tables are written (set for each document; model/table-captions.ts). */
let captions: readonly string[] = [];
/** The document's theme colours as Word writes them (hexadecimal, no #), set as each document starts. */
let wordColours = wordColoursOf(DEFAULT_THEME.colours);
let tables = 0;

/** Numbered lists so far in the document being written (reset for each document): each is its own numbering instance. */
let numberedLists = 0;

/** The numbering levels of a numbered list: 1., a., i., counting from `start`. */
function orderedLevels(start: number) {
  return [0, 1, 2].map((level) => ({
    level,
    format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level]!,
    text: `%${level + 1}.`,
    start,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
  }));
}

/**
 * Where a list's items are numbered. Word numbers every paragraph of one
 * numbering instance on from the last, so each numbered list is an instance of
 * its own and counts from its start, as in the PDF; a list from another number
 * than 1 has a definition of its own (added to the document as it is written).
 */
function listNumbering(node: Extract<Block, { type: 'list' }>, level: number) {
  if (!node.ordered) return { reference: 'bullets', level };
  numberedLists += 1;
  const start = node.start ?? 1;
  const reference = start === 1 ? 'ordered' : { reference: `ordered-from-${start}`, levels: orderedLevels(start) };
  return { reference, level, instance: numberedLists };
}

/** The theme of the document being written, or the default: the cover's band, logo and picture. */
let theme: Theme = DEFAULT_THEME;

/** A picture as a run with its alternative text, fitted into a box (in points); an SVG with its PNG for older readers. */
function pictureRun(image: Picture, box: { width: number; height: number }): ImageRun {
  const size = printedSize(image, box);
  pictures += 1;
  // docx sizes images in pixels at 96 an inch.
  const common = {
    transformation: { width: (size.width * 96) / 72, height: (size.height * 96) / 72 },
    // An id of our own: docx would take the next of a counter shared by every document in the process.
    altText: { id: String(pictures), name: `Picture ${pictures}`, title: image.alt, description: image.alt },
  };
  if (image.format === 'svg') {
    const svg = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    // A logo keeps its own background (none): it may sit on the cover's band.
    return new ImageRun({ type: 'svg', data: svg, fallback: { type: 'png', data: drawingPng(svg.toString('utf8'), undefined) }, ...common });
  }
  return new ImageRun({ type: image.format === 'png' ? 'png' : 'jpg', data: image.data, ...common });
}

/**
 * The cover: the logo, the organisation, the title, subtitle and taglines as paragraphs shaded with the theme's
 * band (one block of colour in Word), the cover picture, then each key fact as a paragraph: its label in bold,
 * a tab, its value, so that it reads in order aloud.
 */
function cover(node: Extract<Block, { type: 'cover' }>): FileChild[] {
  const { logo, cover: look } = theme;
  const banded = look.style === 'band';
  // A border in the band's own colour, drawn a little outside the text, gives the band room around its words
  // (Word joins the borders of paragraphs in a row that share them into one box, and shades up to it).
  const edge = { style: BorderStyle.SINGLE, size: 4, color: wordColours.band, space: 12 };
  const band = banded ? { shading: { type: ShadingType.CLEAR, fill: wordColours.band, color: 'auto' }, border: { top: edge, bottom: edge, left: edge, right: edge } } : {};
  const colour = banded ? { color: wordColours.bandText } : {};
  const out: FileChild[] = [];
  if (logo) out.push(new Paragraph({ style: 'CoverOrganisation', ...band, children: [pictureRun(logo, { width: 160, height: 56 })] }));
  // No key facts to follow: the band reaches down the page, the words set low in it under a gap (Word
  // shades a paragraph's space before it), as the PDF's band fills the top two thirds of its page.
  const low = node.facts.length === 0 ? { spacing: { before: TALL_COVER_GAP } } : {};
  out.push(new Paragraph({ style: 'CoverOrganisation', ...band, ...low, children: runs([{ type: 'text', text: node.organisation }], colour) }));
  out.push(new Paragraph({ style: 'Title', ...band, ...paragraphMark(node.title), children: runs(node.title, colour) }));
  if (node.subtitle.length > 0) out.push(new Paragraph({ style: 'Subtitle', ...band, ...paragraphMark(node.subtitle), children: runs(node.subtitle, colour) }));
  for (const tagline of node.taglines) out.push(new Paragraph({ style: 'Tagline', ...band, ...paragraphMark(tagline), children: runs(tagline, colour) }));
  if (look.image) out.push(new Paragraph({ style: 'Picture', children: [pictureRun(look.image, { width: twipsToPoints(PAGE.textWidth), height: 200 })] }));
  if (node.facts.length > 0) {
    out.push(new Paragraph({ style: 'CoverFactsTitle', children: [new TextRun(node.factsTitle)] }));
    for (const fact of node.facts) {
      out.push(new Paragraph({ style: 'KeyFact', tabStops: [{ type: TabStopType.LEFT, position: 2880 }], children: [...runs(fact.label, { bold: true }), new TextRun({ children: [new Tab()] }), ...runs(fact.value)] }));
    }
  }
  return out;
}

/**
 * The gap above the organisation's name on a cover with no key facts, in twips: Word cannot set a paragraph
 * to the foot of a box, so a fixed gap brings a logo, a two-line title, a subtitle and a tagline's band
 * down to about two thirds of the page; longer words make the band longer.
 */
const TALL_COVER_GAP = 5200;

function blocks(list: Block[], depth = 0): FileChild[] {
  const out: FileChild[] = [];
  for (const node of list) {
    switch (node.type) {
      case 'heading':
        out.push(
          new Paragraph({
            heading: headingLevels[node.level],
            ...paragraphMark(node.children),
            children: [new Bookmark({ id: node.id, children: runs(node.children) })],
          }),
        );
        break;
      case 'paragraph': {
        const style = paragraphStyleIds[node.style];
        // A paragraph that leads into what follows (a level's name over its indicators) stays on its page, as headings do.
        const keep = node.keepWithNext ? { keepNext: true } : {};
        out.push(new Paragraph({ ...(style ? { style } : {}), ...keep, ...paragraphMark(node.children), children: runs(node.children) }));
        break;
      }
      case 'list': {
        const numbering = listNumbering(node, Math.min(depth, 2));
        for (const item of node.items) {
          item.forEach((child, i) => {
            if (child.type === 'paragraph') {
              out.push(
                new Paragraph({
                  style: 'ListItem',
                  ...paragraphMark(child.children),
                  children: runs(child.children),
                  ...(i === 0 ? { numbering } : { indent: { left: 720 * (depth + 1) } }),
                }),
              );
            } else {
              out.push(...blocks([child], depth + 1));
            }
          });
        }
        break;
      }
      case 'table': {
        const columns = node.header.length;
        const widths = columnPercents(columns);
        out.push(
          new CaptionedTable({
            caption: captions[tables++]!,
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: { style: BorderStyle.SINGLE, size: 4, color: wordColours.rule },
              bottom: { style: BorderStyle.SINGLE, size: 4, color: wordColours.rule },
              left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
              right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
              insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: wordColours.rule },
              insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
            },
            rows: [
              new TableRow({ tableHeader: true, cantSplit: true, children: node.header.map((c, i) => cell(c, true, widths[i]!)) }),
              ...node.rows.map(
                (row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, false, widths[i]!)) }),
              ),
            ],
          }),
        );
        // Word needs a paragraph between a table and what follows it to keep them apart.
        out.push(new Paragraph({ style: 'AfterTable', children: [] }));
        break;
      }
      case 'image': {
        const page = { width: twipsToPoints(PAGE.textWidth), height: twipsToPoints(PAGE.height - PAGE.margin.top - PAGE.margin.bottom) };
        out.push(new Paragraph({ style: 'Picture', children: [pictureRun(node, page)] }));
        break;
      }
      case 'drawing': {
        pictures += 1;
        out.push(
          new Paragraph({
            style: 'Picture',
            children: [
              new ImageRun({
                type: 'svg',
                data: Buffer.from(node.svg, 'utf8'),
                // For Word before 2016 and other readers that cannot show SVG.
                fallback: { type: 'png', data: drawingPng(node.svg) },
                transformation: { width: (node.width * 96) / 72, height: (node.height * 96) / 72 },
                altText: { id: String(pictures), name: `Picture ${pictures}`, title: node.alt, description: node.alt },
              }),
            ],
          }),
        );
        break;
      }
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'cover':
        out.push(...cover(node));
        break;
      case 'contents':
        out.push(new Paragraph({ style: 'ContentsTitle', children: [new TextRun(node.title)] }));
        out.push(new TableOfContents(node.title, { hyperlink: true, headingStyleRange: '1-1' }));
        break;
    }
  }
  return out;
}

function footer(text: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        tabStops: [{ type: TabStopType.RIGHT, position: PAGE.textWidth }],
        children: [
          new TextRun(text),
          new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

export function docxDocument(document: Document): WordDocument {
  const { meta } = document;
  theme = themeOf(meta);
  wordColours = wordColoursOf(theme.colours);
  pictures = 0;
  numberedLists = 0;
  captions = tableCaptions(document.blocks);
  tables = 0;
  startRevisions(meta);
  const children = blocks(document.blocks);
  return new WordDocument({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join(', '),
    description: meta.footer,
    revision: 1,
    customProperties: [
      { name: 'Version', value: meta.version },
      { name: 'Version date', value: meta.versionDate },
    ],
    styles: docxStyles(meta.language, wordColours, theme.fonts && { body: theme.fonts.body.family, headings: theme.fonts.headings.family }),
    // The theme's fonts travel in the file (cut down to the document's characters as it is packed: reproducible.ts).
    ...(theme.fonts ? { fonts: embeddedFonts(theme.fonts) } : {}),
    // A document with tracked changes goes on tracking them as it is edited.
    ...(revisions.count > 0 ? { features: { trackRevisions: true } } : {}),
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [0, 1, 2].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: ['•', '–', '◦'][level]!,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
          })),
        },
        { reference: 'ordered', levels: orderedLevels(1) },
      ],
    },
    // Works out the page of each contents entry as Word lays the pages out, so the
    // contents shows page numbers before anyone updates fields.
    pageNumbers: pageNumberEstimator(theme.fonts),
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin },
        },
        footers: { first: new Footer({ children: [new Paragraph({ children: [] })] }), default: footer(meta.footer) },
        children,
      },
    ],
  });
}

export function writeDocx(document: Document): Promise<Uint8Array> {
  return writeReproducibleDocx(docxDocument(document), document.meta.date, document.meta.attachment);
}

