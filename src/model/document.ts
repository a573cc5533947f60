// The document model: the one shape every writer reads. It is a closed set of
// node types, tagged by `type`, and it holds no logic. Compose builds it from
// templates; writers turn it into bytes and never see YAML, zod or Handlebars.

/** Inline content: the runs of text inside a block. */
export type Inline =
  /** Plain text, exactly as it is to be printed. */
  | { type: 'text'; text: string }
  /** Bold text. */
  | { type: 'strong'; children: Inline[] }
  /** Italic text. */
  | { type: 'emphasis'; children: Inline[] }
  /** A hyperlink: `href` is a URL, a `mailto:` address, or `#id` for a heading in this document. */
  | { type: 'link'; href: string; children: Inline[] }
  /** A line break inside a paragraph or a table cell. */
  | { type: 'break' }
  /** Content added since an earlier version, as a tracked change (see `DocumentMeta.changes`). */
  | { type: 'inserted'; children: Inline[] }
  /** Content taken out since an earlier version, shown as a tracked change (see `DocumentMeta.changes`). */
  | { type: 'deleted'; children: Inline[] };

/** How a paragraph is presented. Body text is `normal`; the others are for cover pages and notes. */
export type ParagraphStyle = 'normal' | 'title' | 'subtitle' | 'tagline' | 'note' | 'signature' | 'caption';

/** Block content: what a page is made of. */
export type Block =
  /** A heading. Level 1 starts a section (contents entry, bookmark); level 2 a subsection (bookmark). */
  | { type: 'heading'; level: 1 | 2 | 3; id: string; children: Inline[] }
  /**
   * A paragraph of body text. `keepWithNext` marks one that leads into what follows it (its
   * whole text bold, with body text after it: a level's name over its list, say): it is kept on
   * a page with the start of what follows, as a heading is.
   */
  | { type: 'paragraph'; style: ParagraphStyle; children: Inline[]; keepWithNext?: true }
  /**
   * A bulleted or numbered list; each item is a list of blocks. A numbered list
   * is numbered on its own, from `start` (1 when it is left out): two lists
   * one after the other are two lists, each from its own start.
   */
  | { type: 'list'; ordered: boolean; start?: number; items: Block[][] }
  /** A table whose first row is a header row (repeated on every page it spans). */
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] }
  /**
   * A picture on a line of its own, scaled to fit the page width. `width` and
   * `height` are its size in pixels; `alt` says what it shows, for readers who
   * cannot see it. The bytes were checked before they got here.
   */
  | { type: 'image'; format: 'png' | 'jpeg'; data: Uint8Array; width: number; height: number; alt: string }
  /**
   * A picture drawn from the pack's data (the selection timeline, the structure chart), on a line
   * of its own: SVG text that every writer prints as it is (the PDF as vectors, Word with a PNG
   * of it for readers that cannot show SVG, the web page inline). `width` and `height` are its
   * size in points, at which it fits the text width; `alt` is written from the same data, and the
   * tables or lists beside it say the same in text.
   */
  | { type: 'drawing'; svg: string; width: number; height: number; alt: string }
  /** A forced page break. */
  | { type: 'pageBreak' }
  /** The table of contents: one entry per level-1 heading after it, with its page number. */
  | { type: 'contents'; title: string }
  /**
   * The cover: the organisation's name, the title, the subtitle and any taglines, on the theme's
   * band (or plain), with its logo and cover picture, and the key facts "at a glance" under
   * `factsTitle` (none when the data gives none). A page of its own.
   */
  | { type: 'cover'; organisation: string; title: Inline[]; subtitle: Inline[]; taglines: Inline[][]; factsTitle: string; facts: KeyFact[] };

/** One of the facts a candidate looks for first, such as "Closing date" and "Monday 11 January 2021, midday". */
export interface KeyFact {
  label: Inline[];
  value: Inline[];
}

/** A picture given as its bytes: a logo or a cover image. `width` and `height` are its size in pixels (an SVG's viewBox size). */
export interface Picture {
  format: 'svg' | 'png' | 'jpeg';
  data: Uint8Array;
  width: number;
  height: number;
  /** What it shows, for readers who cannot see it. */
  alt: string;
}

/**
 * How a document looks: its organisation's theme, as data (each colour `#rrggbb`). Every writer
 * takes its colours, logo and cover from here, so a theme changes all three formats alike.
 */
export interface Theme {
  colours: {
    /** Body text, on white. */
    text: string;
    /** Headings and the contents' title. */
    heading: string;
    /** Level-3 headings and the cover's subtitle. */
    accent: string;
    link: string;
    /** Notes, captions, the footer. */
    muted: string;
    /** Table rules and dividers (decoration: no contrast asked of it). */
    rule: string;
    /** A table's header row: its fill, and its text on that fill. */
    headerFill: string;
    headerText: string;
    /** The cover's band of brand colour, and the text on it. */
    band: string;
    bandText: string;
  };
  /** The organisation's logo, on the cover (and the web page's header). */
  logo?: Picture;
  /** The cover: a band of the brand colour (`band`) or plain, and an optional picture. */
  cover: { style: 'band' | 'plain'; image?: Picture };
  /**
   * The fonts every format sets the pack in, embedded in each: `headings` for headings, the
   * cover's title and the contents' title, `body` for everything else (drawings too). Absent:
   * today's look (the PDF in Roboto, Word and the web page in Arial).
   */
  fonts?: { body: FontFamily; headings: FontFamily };
}

/** A font family's four faces, in the order every format lists them. */
export const FONT_FACES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontFace = (typeof FONT_FACES)[number];

/** A font family as the writers embed it: the name documents give it and its four faces' files (TrueType or OpenType). */
export interface FontFamily {
  /** Its name, such as "Liberation Serif": what Word's styles and the web page's CSS call it. */
  family: string;
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  boldItalic: Uint8Array;
}

/** What a document says about itself: written to the PDF information and the .docx properties. */
export interface DocumentMeta {
  title: string;
  subject: string;
  author: string;
  /** BCP 47 language tag, e.g. `en-GB`. */
  language: string;
  /** Keywords for the document properties. */
  keywords: string[];
  /** The timestamp written into the files; fixed by the inputs so that builds are reproducible. */
  date: Date;
  /** Text of the running footer, printed beside the page number. */
  footer: string;
  /** The pack's version and the date of that version (YYYY-MM-DD), written into both formats' properties. */
  version: string;
  versionDate: string;
  /** Data embedded in the file for tools (the pack's facts, as JSON: see facts.ts): a PDF attachment, a .docx custom XML part. */
  attachment?: { name: string; json: string };
  /** Who made the inserted and deleted content's changes, and when: in a redline, which has them. */
  changes?: { author: string; date: Date };
  /** The organisation's theme; when absent, the writers' own defaults (today's look). */
  theme?: Theme;
}

/** A whole document: metadata and the blocks in reading order. */
export interface Document {
  meta: DocumentMeta;
  blocks: Block[];
}

/** The plain text of some inlines, as a reader would see it: with any tracked changes made (inserted text in, deleted text out). */
export function plainText(inlines: Inline[]): string {
  let text = '';
  for (const inline of inlines) {
    if (inline.type === 'text') text += inline.text;
    else if (inline.type === 'break') text += '\n';
    else if (inline.type !== 'deleted') text += plainText(inline.children);
  }
  return text;
}
