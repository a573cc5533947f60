// The PDF writer: document model → pdfmake document definition → bytes.
// It reads only the document model and returns bytes; it never touches files
// other than Roboto's, which pdfmake ships (a theme's fonts come as bytes in the model).
import { createHash } from 'node:crypto';
import pdfmake from 'pdfmake';
import type { Block, Document, Inline, Picture, Theme } from '../../model/document.js';
import { plainText } from '../../model/document.js';
import { pdfStyles, pageMargins } from './styles.js';
import { pdfFontsOf } from './fonts.js';
import { themeOf } from '../../model/default-theme.js';
import { columnPercents } from '../table-layout.js';
import { printedSize } from '../image-size.js';
import { withVisibleText } from './visible-text.js';
// pdfmake's layout of a paragraph made linear in its length (see the module).
import './linear-layout.js';
import { hadHeaderTallerThanAPage, hadRowTallerThanAPage } from './tall-rows.js';
import { keepWithNext } from './keep-with-next.js';
// The structure tree a screen reader reads (see the module).
import { pagination, structureChild, structureRoot, type StructureNode } from './tagging.js';
import { tableCaptions } from '../../model/table-captions.js';

/** A4's width in points, and room for "Page 999 of 999" in the footer's type. */
const A4_WIDTH = 595.28;
const PAGE_NUMBER_WIDTH = 72;

type Content = Record<string, unknown> | string;

/** The A4 page less its margins, in points: what an image may fill. */
const textBox = { width: 595.28 - pageMargins[0] - pageMargins[2], height: 841.89 - pageMargins[1] - pageMargins[3] };

// pdfmake keeps named destinations in an array, so an id like "values" or "map"
// collides with Array.prototype's methods; a prefix keeps every id clear of them.
const destination = (id: string) => `h-${id}`;

function inlines(list: Inline[], inherited: Record<string, unknown> = {}): Content[] {
  return list.map((inline): Content => {
    switch (inline.type) {
      case 'text':
        return { text: inline.text, ...inherited };
      case 'break':
        return { text: '\n', ...inherited };
      case 'strong':
        return { text: inlines(inline.children, { ...inherited, bold: true }) };
      case 'emphasis':
        return { text: inlines(inline.children, { ...inherited, italics: true }) };
      // Tracked changes, as a reviewer marks them on paper (a redline is written as Word; see the Word writer).
      case 'inserted':
        return { text: inlines(inline.children, { ...inherited, decoration: 'underline' }) };
      case 'deleted':
        return { text: inlines(inline.children, { ...inherited, decoration: 'lineThrough' }) };
      case 'link': {
        const target = inline.href.startsWith('#')
          ? { linkToDestination: destination(inline.href.slice(1)) }
          : { link: inline.href };
        return { text: inlines(inline.children, { ...inherited, ...target }), style: 'link', decoration: 'underline' };
      }
    }
  });
}

/** What one definition's blocks share as they are made. */
interface DefinitionState {
  /** The last level-1 heading's destination, so that subsections nest under their section in the bookmarks. */
  section?: string;
  /** How many lists the block being made is inside. */
  listDepth: number;
  /** The definitions of the document's tables, in order. */
  tables: Record<string, unknown>[];
  /** The tables (by their place in `tables`) whose rows may break across pages: those with a row taller than a page. */
  breakableTables: ReadonlySet<number>;
  /** Tables whose header row is taller than a page: it is printed once, as an ordinary row. */
  unrepeatedHeaders: ReadonlySet<number>;
  /** The structure element the block being made goes in. */
  parent: StructureNode;
  /** Each table's caption, by its place in `tables`: its title in the structure tree. */
  captions: readonly string[];
  /** The document's theme, or the default: the cover's band, logo and picture. */
  theme: Theme;
}

/** The blocks' definitions, their structure elements made under `parent`. */
function blocksIn(parent: StructureNode, blocks: readonly Block[], state: DefinitionState): Content[] {
  const outer = state.parent;
  state.parent = parent;
  const made = blocks.map((child) => block(child, state));
  state.parent = outer;
  return made;
}

function block(node: Block, state: DefinitionState): Content {
  switch (node.type) {
    case 'heading': {
      const text = plainText(node.children);
      // Plain heading text is given as a string, not as runs: pdfmake counts runs as nodes of
      // their own. Every heading is kept with what follows it (see keep-with-next.ts).
      const plain = node.children.every((child) => child.type === 'text');
      const base = {
        text: plain ? text : inlines(node.children),
        style: `h${node.level}`,
        id: destination(node.id),
        headlineLevel: node.level,
        keepWithNext: true,
        _tag: structureChild(state.parent, `H${node.level}`),
      };
      if (node.level === 1) {
        state.section = destination(node.id);
        return { ...base, tocItem: true, outline: true, outlineText: text };
      }
      if (node.level === 2) {
        return { ...base, outline: true, outlineText: text, ...(state.section ? { outlineParentId: state.section } : {}) };
      }
      return base;
    }
    case 'paragraph':
      return {
        text: inlines(node.children),
        style: node.style === 'normal' ? 'body' : node.style,
        ...(node.keepWithNext ? { keepWithNext: true } : {}),
        _tag: structureChild(state.parent, 'P'),
      };
    case 'list': {
      const depth = state.listDepth;
      state.listDepth += 1;
      const list = structureChild(state.parent, 'L');
      const items = node.items.map((item) => {
        const listItem = structureChild(list, 'LI');
        const label = structureChild(listItem, 'Lbl', node.ordered ? {} : { actual: '•' });
        const body = structureChild(listItem, 'LBody', { label });
        return { stack: blocksIn(body, item, state), _tag: body };
      });
      state.listDepth = depth;
      if (!node.ordered) return { ul: items, style: 'list', _tag: list };
      // Numbered as the Word writer numbers: each list on its own from 1 (or `start`), as 1., a., i. by depth.
      const type = ['decimal', 'lower-alpha', 'lower-roman'][Math.min(depth, 2)];
      return { ol: items, style: 'list', ...(depth > 0 ? { type } : {}), ...(node.start !== undefined ? { start: node.start } : {}), _tag: list };
    }
    case 'table': {
      const columns = node.header.length;
      const index = state.tables.length;
      const structure = structureChild(state.parent, 'Table', { title: state.captions[index] });
      const row = () => structureChild(structure, 'TR');
      const headerRow = row();
      const breakable = state.breakableTables.has(index);
      const repeated = !state.unrepeatedHeaders.has(index);
      const table = {
        headerRows: repeated ? 1 : 0,
        // The header row never alone at a page's foot: kept with the first row, unless a row is taller than a page.
        ...(repeated && !breakable && node.rows.length > 0 ? { keepWithHeaderRows: 1 } : {}),
        // Each row on one page, as in the Word file, unless one is taller than a page (see tall-rows.ts).
        dontBreakRows: !breakable,
        widths: columnPercents(columns).map((percent) => `${percent}%`),
        body: [
          node.header.map((cell) => ({ text: inlines(cell), style: 'tableHeader', _tag: structureChild(headerRow, 'TH', { scope: 'Column' }) })),
          ...node.rows.map((cells) => {
            const tableRow = row();
            return cells.map((cell) => ({ text: inlines(cell), style: 'tableCell', _tag: structureChild(tableRow, 'TD') }));
          }),
        ],
      };
      state.tables.push(table);
      return { style: 'table', table, layout: 'lightHorizontalLines', _tag: structure };
    }
    case 'image': {
      const size = printedSize(node, textBox);
      return {
        image: `data:image/${node.format};base64,${Buffer.from(node.data.buffer, node.data.byteOffset, node.data.byteLength).toString('base64')}`,
        width: size.width,
        height: size.height,
        alignment: 'center',
        style: 'image',
        _tag: structureChild(state.parent, 'Figure', { alt: node.alt }),
      };
    }
    case 'drawing':
      // Drawn at its own size, which fits the text width; its text is outlines, so it adds nothing to the page's text.
      return {
        svg: node.svg,
        width: Math.min(node.width, textBox.width),
        alignment: 'center',
        style: 'image',
        _tag: structureChild(state.parent, 'Figure', { alt: node.alt }),
      };
    case 'pageBreak':
      // Only where a page break has nothing after it (withPageBreaksBefore puts the others on the block that follows).
      return { text: '' };
    case 'cover':
      return cover(node, state);
    case 'contents': {
      // The contents' title is a heading before them, not part of the TOC element.
      const title = { text: node.title, style: 'h1', _tag: structureChild(state.parent, 'H1') };
      return {
        _tag: structureChild(state.parent, 'TOC'),
        toc: {
          title,
          textStyle: 'tocEntry',
          numberStyle: 'tocNumber',
          textMargin: [0, 4, 0, 4],
        },
      };
    }
  }
}

/** A picture (logo or cover image) fitted into a box, tagged as a Figure with its alternative text. */
function picture(image: Picture, box: { width: number; height: number }, parent: StructureNode, extra: Record<string, unknown> = {}): Content {
  const size = printedSize(image, box);
  const _tag = structureChild(parent, 'Figure', { alt: image.alt });
  if (image.format === 'svg') return { svg: Buffer.from(image.data).toString('utf8'), width: size.width, height: size.height, _tag, ...extra };
  const data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64');
  return { image: `data:image/${image.format};base64,${data}`, width: size.width, height: size.height, _tag, ...extra };
}

/**
 * The cover page: the organisation's logo and name, the title, subtitle and taglines on a band of the
 * theme's colour running to the page's edges (a one-cell table whose fill, drawn as a shape, is an
 * artifact), then the cover picture, then the key facts as a table of row headers and values.
 */
function cover(node: Extract<Block, { type: 'cover' }>, state: DefinitionState): Content {
  const { colours, logo, cover: look } = state.theme;
  const banded = look.style === 'band';
  const onBand = banded ? { color: colours.bandText } : {};
  const group = structureChild(state.parent, 'Div');
  const paragraph = (children: Inline[], style: string) => ({ text: inlines(children), style, ...onBand, _tag: structureChild(group, 'P') });
  const bandWidth = A4_WIDTH - 2 * COVER_BLEED_INSET;
  const logoPicture = logo ? picture(logo, { width: 160, height: 56 }, group, { margin: [0, 0, 0, 18] }) : undefined;
  const words: Content[] = [
    { text: node.organisation, style: 'coverOrganisation', ...onBand, _tag: structureChild(group, 'P') },
    paragraph(node.title, 'title'),
    ...(node.subtitle.length > 0 ? [paragraph(node.subtitle, 'subtitle')] : []),
    ...node.taglines.map((tagline) => paragraph(tagline, 'tagline')),
  ];
  const heading: Content[] = [...(logoPicture ? [logoPicture] : []), ...words];
  const fill = banded ? { fillColor: colours.band } : {};
  const parts: Content[] = [
    node.facts.length === 0 ? tallBand(logoPicture, words, fill, group) : {
      // The band runs from the page's top and side edges: the page margins undone.
      margin: [-pageMargins[0] + COVER_BLEED_INSET, -pageMargins[1], -pageMargins[2] + COVER_BLEED_INSET, 24],
      table: { widths: [bandWidth - 2 * COVER_PADDING], body: [[{ stack: heading, ...(banded ? { fillColor: colours.band } : {}) }]] },
      layout: {
        hLineWidth: () => 0,
        vLineWidth: () => 0,
        paddingLeft: () => COVER_PADDING,
        paddingRight: () => COVER_PADDING,
        // Less room above when a logo takes some: the cover, picture and facts stay on one page.
        paddingTop: () => (logo ? 48 : banded ? 100 : 140),
        paddingBottom: () => 40,
      },
      _tag: group,
    },
  ];
  if (look.image) parts.push(picture(look.image, { width: textBox.width, height: COVER_PICTURE_HEIGHT }, group, { alignment: 'center', margin: [0, 0, 0, 18] }));
  if (node.facts.length > 0) {
    parts.push({ text: node.factsTitle, style: 'coverFactsTitle', _tag: structureChild(group, 'P') });
    const table = structureChild(group, 'Table', { title: node.factsTitle });
    parts.push({
      style: 'coverFacts',
      table: {
        widths: ['32%', '68%'],
        dontBreakRows: true,
        body: node.facts.map((fact) => {
          const row = structureChild(table, 'TR');
          return [
            { text: inlines(fact.label), style: 'coverFactLabel', _tag: structureChild(row, 'TH', { scope: 'Row' }) },
            { text: inlines(fact.value), style: 'tableCell', _tag: structureChild(row, 'TD') },
          ];
        }),
      },
      // A rule between rows, none above or below: the rows are peers, no header row.
      layout: {
        hLineWidth: (i: number, table: { table: { body: unknown[] } }) => (i > 0 && i < table.table.body.length ? 0.5 : 0),
        vLineWidth: () => 0,
        hLineColor: () => colours.rule,
      },
      _tag: table,
    });
  }
  return { stack: parts, _tag: group };
}

/** The cover band's inner padding at the sides, so that its text lines up with the page's; and how far in from the page's edges it stops (none: it bleeds). */
const COVER_PADDING = pageMargins[0];
const COVER_BLEED_INSET = 0;
/** The cover picture's greatest height, in points: with a logo, a three-line title and eight key facts, the cover is still one page. */
const COVER_PICTURE_HEIGHT = 150;
/** The band's height when the cover has no key facts (two thirds of the page), its padding above the logo (or the words) and below the words, and the space under the logo. */
const COVER_TALL_BAND_HEIGHT = (841.89 * 2) / 3;
const COVER_TALL_BAND_PADDING = 48;
const COVER_BAND_PADDING_BELOW = 40;
const COVER_LOGO_SPACE = 18;

/**
 * The cover's band when no key facts follow it: it fills the top two thirds of the page, the logo at its
 * top and the words set low in it, as on a report's cover. A row for the logo and one for the words, as
 * tall as the rest of the band, its cell aligned to the bottom (the only place pdfmake aligns so).
 */
function tallBand(logo: Content | undefined, words: Content[], fill: Record<string, unknown>, group: StructureNode): Content {
  const logoRow = logo === undefined ? 0 : COVER_TALL_BAND_PADDING + (logo as { height: number }).height + COVER_LOGO_SPACE;
  const wordsRow = COVER_TALL_BAND_HEIGHT - (logo === undefined ? COVER_TALL_BAND_PADDING : logoRow) - COVER_BAND_PADDING_BELOW;
  const rows = [...(logo === undefined ? [] : [[{ stack: [logo], ...fill }]]), [{ stack: words, verticalAlignment: 'bottom', ...fill }]];
  return {
    // The band runs from the page's top and side edges: the page margins undone.
    margin: [-pageMargins[0] + COVER_BLEED_INSET, -pageMargins[1], -pageMargins[2] + COVER_BLEED_INSET, 24],
    table: { widths: [A4_WIDTH - 2 * COVER_BLEED_INSET - 2 * COVER_PADDING], heights: (row: number) => (row === rows.length - 1 ? wordsRow : 'auto'), body: rows },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => COVER_PADDING,
      paddingRight: () => COVER_PADDING,
      paddingTop: (row: number) => (row === 0 ? COVER_TALL_BAND_PADDING : 0),
      paddingBottom: (row: number) => (row === rows.length - 1 ? COVER_BAND_PADDING_BELOW : 0),
    },
    _tag: group,
  };
}

/**
 * The blocks, each page break put on the block after it as a break before it. An empty line
 * breaking the page after itself, as a break once was, fell onto a page of its own when the
 * page before was full, and left that page blank.
 */
function withPageBreaksBefore(blocks: readonly Block[], state: DefinitionState): unknown[] {
  const content: unknown[] = [];
  let breakBefore = false;
  for (const node of blocks) {
    if (node.type === 'pageBreak') {
      breakBefore = content.length > 0;
      continue;
    }
    const definition = block(node, state) as Record<string, unknown>;
    content.push(breakBefore ? { ...definition, pageBreak: 'before' } : definition);
    breakBefore = false;
  }
  return content;
}

/**
 * pdfmake reads attachments by name from its in-memory file system; the name is
 * the content's hash, so documents built in one process never share a name.
 */
function virtualFile(text: string): string {
  const name = `attachment-${createHash('sha256').update(text).digest('hex')}.json`;
  if (!pdfmake.virtualfs.existsSync(name)) pdfmake.virtualfs.writeFileSync(name, Buffer.from(text, 'utf8'));
  return name;
}

/**
 * Builds a fresh pdfmake definition: pdfmake rewrites arrays in place, so nothing of the model is handed over.
 * `tables` receives the definitions of the tables, in order.
 */
function pdfDefinition(document: Document, tall: TallTables, tables: Record<string, unknown>[], tagged: boolean): Record<string, unknown> {
  const state: DefinitionState = {
    listDepth: 0,
    tables,
    breakableTables: tall.rows,
    unrepeatedHeaders: tall.headers,
    parent: structureRoot(),
    captions: tableCaptions(document.blocks),
    theme: themeOf(document.meta),
  };
  const { meta } = document;
  const fonts = pdfFontsOf(state.theme);
  return {
    pageSize: 'A4',
    pageMargins,
    language: meta.language,
    info: {
      title: meta.title,
      subject: meta.subject,
      author: meta.author,
      keywords: meta.keywords.join(', '),
      creator: meta.author,
      producer: 'recruitment-packs',
      creationDate: meta.date,
      modDate: meta.date,
      // Custom entries of the document information: which version of the pack this is.
      Version: meta.version,
      VersionDate: meta.versionDate,
    },
    displayTitle: true,
    // Tagged, as PDF/UA-1 asks (see tagging.ts); PDF 1.7, which has what the file uses.
    version: '1.7',
    tagged,
    ...(tagged ? { subset: 'PDF/UA' } : {}),
    compress: true,
    // The pack's facts as an attachment, dated like the document so that rebuilds stay byte-identical.
    ...(meta.attachment
      ? {
          files: {
            [meta.attachment.name]: {
              src: virtualFile(meta.attachment.json),
              name: meta.attachment.name,
              type: 'application/json',
              description: 'The pack data this file was built from, for packs diff',
              creationDate: meta.date,
              modifiedDate: meta.date,
            },
          },
        }
      : {}),
    content: withPageBreaksBefore(document.blocks, state),
    // A heading, or a paragraph that leads into what follows, is never the last thing on a
    // page: it moves to the next when fewer than two lines of what follows fit under it.
    pageBreakBefore: keepWithNext,
    footer: (currentPage: number, pageCount: number) =>
      currentPage === 1
        ? null
        : {
            margin: [pageMargins[0], 20, pageMargins[2], 0],
            _tag: pagination,
            columns: [
              // A width of its own, so that a word longer than the line is broken, as in the body, rather than
              // widening the column past the page's edge (a star column is at least as wide as its longest word).
              { text: meta.footer, style: 'footer', width: A4_WIDTH - pageMargins[0] - pageMargins[2] - PAGE_NUMBER_WIDTH },
              { text: `Page ${currentPage} of ${pageCount}`, style: 'footer', alignment: 'right', width: PAGE_NUMBER_WIDTH },
            ],
          },
    defaultStyle: { font: fonts.body, fontSize: 10.5, lineHeight: 1.25, color: state.theme.colours.text },
    styles: pdfStyles(state.theme.colours, state.theme.fonts ? fonts.headings : undefined),
  };
}

/** The tables, by index, with a row taller than a page, and those whose header row is. */
interface TallTables {
  rows: ReadonlySet<number>;
  headers: ReadonlySet<number>;
}

async function render(document: Document, tall: TallTables, tagged: boolean) {
  const tables: Record<string, unknown>[] = [];
  const buffer = await pdfmake.createPdf(pdfDefinition(document, tall, tables, tagged)).getBuffer();
  const indexes = (found: (table: object) => boolean) => new Set(tables.flatMap((table, index) => (found(table) ? [index] : [])));
  return { buffer, found: { rows: indexes(hadRowTallerThanAPage), headers: indexes(hadHeaderTallerThanAPage) } };
}

/**
 * The PDF of a document. `tagged: false` leaves out the structure tree and its marked content:
 * only `npm run bench` asks for it, to measure what tagging costs; every build tags.
 */
export async function writePdf(document: Document, { tagged = true }: { tagged?: boolean } = {}): Promise<Uint8Array> {
  let { buffer, found } = await render(document, { rows: new Set(), headers: new Set() }, tagged);
  // pdfmake would have left out all but the first page of a row taller than a page: lay the
  // document out again with those tables' rows allowed to break (see tall-rows.ts).
  if (found.rows.size > 0) ({ buffer } = await render(document, found, tagged));
  const pdf = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  // With the facts goes the text the pages show, so `packs diff` can tell a file edited after the build.
  return document.meta.attachment ? withVisibleText(pdf) : pdf;
}
