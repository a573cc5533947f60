// The HTML writer: document model → one self-contained web page. GOV.UK asks
// public bodies to publish HTML first, so this edition carries everything the
// PDF and .docx do, in plain semantic HTML a screen reader can walk: a skip
// link, the cover in <header>, the contents in <nav>, the sections in <main>,
// the running footer in <footer>. The style sheet and the pictures are inside
// the file (no script, nothing fetched), and the bytes depend on the document
// alone, so two builds of the same pack write the same file.
import type { Block, Document, Inline, ParagraphStyle, Picture, Theme } from '../../model/document.js';
import { plainText } from '../../model/document.js';
import { tableCaptions } from '../../model/table-captions.js';
import { htmlStyle } from './styles.js';
import { themeOf } from '../../model/default-theme.js';
import { pageFonts, type PageFonts } from './fonts.js';

/** Text as HTML data: the characters that could end it or start markup are escaped (used for attribute values too). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function inlines(list: Inline[]): string {
  let out = '';
  for (const inline of list) {
    switch (inline.type) {
      case 'text':
        out += escapeHtml(inline.text);
        break;
      case 'break':
        out += '<br>';
        break;
      case 'strong':
        out += `<strong>${inlines(inline.children)}</strong>`;
        break;
      case 'emphasis':
        out += `<em>${inlines(inline.children)}</em>`;
        break;
      case 'inserted':
        out += `<ins>${inlines(inline.children)}</ins>`;
        break;
      case 'deleted':
        out += `<del>${inlines(inline.children)}</del>`;
        break;
      case 'link':
        // Internal links are `#id` of a heading, whose element carries that id.
        out += `<a href="${escapeHtml(inline.href)}">${inlines(inline.children)}</a>`;
        break;
    }
  }
  return out;
}

/** A class attribute, or nothing when there are no classes. */
const classes = (names: readonly string[]) => (names.length > 0 ? ` class="${names.join(' ')}"` : '');

const paragraphClasses: Record<ParagraphStyle, string[]> = {
  normal: [],
  title: ['title'],
  subtitle: ['subtitle'],
  tagline: ['tagline'],
  note: ['note'],
  signature: ['signature'],
  caption: ['caption'],
};

type Heading = Extract<Block, { type: 'heading' }>;
type Table = Extract<Block, { type: 'table' }>;

/** What the writer keeps while it walks one document. */
interface State {
  /** Tables written so far, for their captions' ids. */
  tables: number;
  /** Drawings written so far, for their titles' ids. */
  drawings: number;
  /** Each table's caption (model/table-captions.ts): it is there for screen readers, which announce it with the table and list tables by it, and hidden from sight, as the heading it repeats is on the screen. */
  captions: readonly string[];
  /** The document's theme, or the default: the cover's band, logo and picture. */
  theme: Theme;
}

/** A picture as an <img> with its alternative text, its bytes in the page. */
function pictureImg(image: Picture, className: string): string {
  return `<img class="${className}" src="${dataUrl(image)}" alt="${escapeHtml(image.alt)}" width="${image.width}" height="${image.height}">`;
}

/**
 * The cover: the logo, the organisation, the title, subtitle and taglines on the theme's band, the cover
 * picture, then the key facts as a table whose rows are headed by what each fact is.
 */
function cover(node: Extract<Block, { type: 'cover' }>, state: State, extra: string[]): string {
  const { logo, cover: look } = state.theme;
  const band = [
    ...(logo ? [pictureImg(logo, 'logo')] : []),
    `<p class="organisation">${escapeHtml(node.organisation)}</p>`,
    `<p class="title">${inlines(node.title)}</p>`,
    ...(node.subtitle.length > 0 ? [`<p class="subtitle">${inlines(node.subtitle)}</p>`] : []),
    ...node.taglines.map((tagline) => `<p class="tagline">${inlines(tagline)}</p>`),
  ];
  const tall = node.facts.length === 0 ? ['cover-tall'] : [];
  const parts = [`<div${classes(['cover', look.style === 'band' ? 'cover-band' : 'cover-plain', ...tall, ...extra])}>\n${band.join('\n')}\n</div>`];
  if (look.image) parts.push(`<figure class="cover-image">\n${pictureImg(look.image, 'cover-picture')}\n</figure>`);
  if (node.facts.length > 0) {
    const rows = node.facts.map((fact) => `<tr><th scope="row">${inlines(fact.label)}</th><td>${inlines(fact.value)}</td></tr>`).join('\n');
    parts.push(`<table class="key-facts">\n<caption>${escapeHtml(node.factsTitle)}</caption>\n<tbody>\n${rows}\n</tbody>\n</table>`);
  }
  return parts.join('\n');
}

function table(node: Table, state: State, extra: string[]): string {
  state.tables += 1;
  const id = `table-${state.tables}`;
  const caption = state.captions[state.tables - 1]!;
  const head = node.header.map((cell) => `<th scope="col">${inlines(cell)}</th>`).join('');
  const body = node.rows.map((row) => `<tr>${row.map((cell) => `<td>${inlines(cell)}</td>`).join('')}</tr>`).join('\n');
  // A wide table scrolls inside its own box on a narrow screen; the box can take the keyboard's focus to be scrolled.
  // A <section> named by the caption is a region landmark, as role="region" on a <div> would be, natively.
  return (
    `<section${classes(['table-scroll', ...extra])} aria-labelledby="${id}" tabindex="0">\n` +
    `<table>\n<caption id="${id}" class="visually-hidden">${escapeHtml(caption)}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</section>`
  );
}

/** A list item: a single paragraph is written as the item's text; anything more as blocks. */
function listItem(item: Block[], state: State): string {
  const only = item[0];
  if (item.length === 1 && only?.type === 'paragraph' && only.style === 'normal') return `<li>${inlines(only.children)}</li>`;
  return `<li>\n${blocks(item, state)}\n</li>`;
}

function block(node: Exclude<Block, { type: 'pageBreak' | 'contents' }>, state: State, extra: string[], caption: Inline[] | undefined): string {
  switch (node.type) {
    case 'heading':
      return `<h${node.level} id="${escapeHtml(node.id)}"${classes(extra)}>${inlines(node.children)}</h${node.level}>`;
    case 'paragraph':
      return `<p${classes([...paragraphClasses[node.style], ...extra])}>${inlines(node.children)}</p>`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const start = node.ordered && node.start !== undefined && node.start !== 1 ? ` start="${node.start}"` : '';
      return `<${tag}${start}${classes(extra)}>\n${node.items.map((item) => listItem(item, state)).join('\n')}\n</${tag}>`;
    }
    case 'table':
      return table(node, state, extra);
    case 'cover':
      return cover(node, state, extra);
    case 'image': {
      const source = dataUrl(node);
      const figcaption = caption ? `\n<figcaption>${inlines(caption)}</figcaption>` : '';
      return `<figure${classes(extra)}>\n<img src="${source}" alt="${escapeHtml(node.alt)}" width="${node.width}" height="${node.height}">${figcaption}\n</figure>`;
    }
    case 'drawing': {
      // Inline, so it scales and prints sharp; a picture (role img) named by its <title>, which holds the alt text.
      state.drawings += 1;
      const id = `drawing-${state.drawings}`;
      // Its glyphs' ids (g0, g1, ...) are the same in every drawing: prefixed, so that they are unique in the page.
      const svg = node.svg
        .replace(/ id="/g, ` id="${id}-`)
        .replace(/ xlink:href="#/g, ` xlink:href="#${id}-`)
        .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}" `)
        .replace(/>/, `><title id="${id}">${escapeHtml(node.alt)}</title>`);
      const figcaption = caption ? `\n<figcaption>${inlines(caption)}</figcaption>` : '';
      return `<figure${classes(extra)}>\n${svg}${figcaption}\n</figure>`;
    }
  }
}

/**
 * Blocks as HTML, one element a line. A page break is not drawn: it becomes a
 * class on the block after it that starts a new page when printed. A caption
 * paragraph right after a picture is that picture's <figcaption>.
 */
function blocks(list: readonly Block[], state: State, afterOtherContent = false): string {
  const out: string[] = [];
  let breakBefore = false;
  for (let i = 0; i < list.length; i++) {
    const node = list[i]!;
    if (node.type === 'pageBreak') {
      // A break with nothing before it on the page is dropped, as in the PDF: it would print a blank page.
      breakBefore = out.length > 0 || afterOtherContent;
      continue;
    }
    if (node.type === 'contents') continue; // written as the <nav>, by `writeHtml`
    const next = list[i + 1];
    const caption = (node.type === 'image' || node.type === 'drawing') && next?.type === 'paragraph' && next.style === 'caption' ? next.children : undefined;
    out.push(block(node, state, breakBefore ? ['break-before'] : [], caption));
    if (caption) i += 1;
    breakBefore = false;
  }
  return out.join('\n');
}

/**
 * The contents: a link to each level-1 heading after the contents block, as the
 * PDF and .docx list them. Its title is a level-1 heading, as it is set in the
 * PDF, so that the page's headings start at level 1 and never skip one.
 */
function contents(title: string, after: readonly Block[], printBreak: boolean): string {
  const headings = after.filter((b): b is Heading => b.type === 'heading' && b.level === 1);
  const entries = headings.map((h) => `<li><a href="#${escapeHtml(h.id)}">${escapeHtml(plainText(h.children))}</a></li>`).join('\n');
  return `<nav aria-labelledby="contents-title"${classes(printBreak ? ['break-before'] : [])}>\n<h1 id="contents-title">${escapeHtml(title)}</h1>\n<ol>\n${entries}\n</ol>\n</nav>`;
}

/**
 * The document split where the model says: what comes before its contents
 * block is the cover (the <header>), the contents block is the <nav>, and the
 * rest is <main>. Without a contents block the cover ends at the first heading.
 */
function parts(list: readonly Block[]) {
  const at = list.findIndex((b) => b.type === 'contents');
  if (at >= 0) {
    const node = list[at] as Extract<Block, { type: 'contents' }>;
    return { cover: list.slice(0, at), contents: node, main: list.slice(at + 1) };
  }
  const first = list.findIndex((b) => b.type === 'heading');
  const split = first < 0 ? 0 : first;
  return { cover: list.slice(0, split), contents: undefined, main: list.slice(split) };
}

/** A picture as a data: URL, so the page stays one self-contained file. */
function dataUrl(picture: { format: 'png' | 'jpeg' | 'svg'; data: Uint8Array }): string {
  const type = picture.format === 'svg' ? 'svg+xml' : picture.format;
  return `data:image/${type};base64,${Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength).toString('base64')}`;
}

/**
 * The cover band's colours, from the theme; and, when the cover has no key facts under it (`tall`), its
 * look as in the other formats: taller, the logo at its top and the words pushed to its foot. Written
 * only then, so that a page with key facts is as it was.
 */
function coverStyle(theme: Theme, tall: boolean): string {
  const band = `.cover-band { background: ${theme.colours.band}; color: ${theme.colours.bandText}; }\n.cover-band .title, .cover-band .subtitle, .cover-band .tagline, .cover-band .organisation { color: ${theme.colours.bandText}; }\n`;
  return tall ? `${band}${TALL_COVER_STYLE}` : band;
}
const TALL_COVER_STYLE = `.cover-tall { display: flex; flex-direction: column; min-height: max(24rem, 60vh); box-sizing: border-box; }
.cover-tall > .organisation { margin-top: auto; }
.cover-tall > .logo { align-self: flex-start; }
@media print { .cover-tall { min-height: 60vh; } }
`;

/**
 * The page. `fonts` are the theme's fonts, worked out (subset, asynchronously) by `pageFonts`: without
 * them the page is set in Arial, as it is for a theme that gives none.
 */
export function htmlDocument(document: Document, fonts?: PageFonts): string {
  const { meta } = document;
  const { cover, contents: contentsBlock, main } = parts(document.blocks);
  const theme = themeOf(meta);
  const state: State = { tables: 0, drawings: 0, captions: tableCaptions(document.blocks), theme };
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(meta.title)}</title>`,
    `<meta name="author" content="${escapeHtml(meta.author)}">`,
    `<meta name="description" content="${escapeHtml(meta.subject)}">`,
    `<meta name="keywords" content="${escapeHtml(meta.keywords.join(', '))}">`,
    `<meta name="dcterms.modified" content="${escapeHtml(meta.versionDate)}">`,
    `<style>\n${fonts?.faces ?? ''}${htmlStyle(theme.colours, fonts)}${coverStyle(theme, cover.some((b) => b.type === 'cover' && b.facts.length === 0))}</style>`,
  ].join('\n');
  // The organisation's logo heads the page: on the cover, or alone when the pack prints no cover.
  const picture = meta.theme?.logo;
  const logo = picture && !cover.some((b) => b.type === 'cover') ? pictureImg(picture, 'logo') : '';
  // A page break between the cover and the contents (or the contents and the first section) starts a printed page.
  const coverBreak = cover.length > 0 && cover[cover.length - 1]!.type === 'pageBreak';
  const body = [
    '<a class="skip-link" href="#main">Skip to main content</a>',
    cover.some((b) => b.type !== 'pageBreak') || logo ? `<header>\n${[logo, blocks(cover, state)].filter(Boolean).join('\n')}\n</header>` : '',
    contentsBlock ? contents(contentsBlock.title, main, coverBreak) : '',
    `<main id="main" tabindex="-1">\n${blocks(main, state, cover.length > 0 || contentsBlock !== undefined)}\n</main>`,
    `<footer>\n<p>${escapeHtml(meta.footer)}</p>\n</footer>`,
  ].filter((part) => part !== '');
  return `<!DOCTYPE html>\n<html lang="${escapeHtml(meta.language)}">\n<head>\n${head}\n</head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

export async function writeHtml(document: Document): Promise<Uint8Array> {
  return new TextEncoder().encode(htmlDocument(document, await pageFonts(document)));
}
