// A tagged PDF: the structure a screen reader reads, made as pdfmake lays out
// and draws the document.
//
// pdfmake 0.3.11 passes `tagged` on to pdfkit but never calls pdfkit's tagging
// API, so alone it writes "Tagged: yes" over an empty structure tree. This
// module does the rest, in three steps, by wrapping methods of pdfmake's
// classes (as linear-layout.ts and keep-with-next.ts do), not by patching them:
//
// 1. The writer gives each node of the document definition a `_tag`: the
//    structure element it belongs to (a `StructureNode`: H1, P, LBody, TD, …,
//    each knowing its parent), or an artifact (the running footer).
// 2. As pdfmake lays the nodes out, each line, picture and list marker it puts
//    on a page is stamped with the element of the node being laid out. Table
//    header rows that pdfmake repeats on later pages, the rules between rows
//    and every other drawn shape are left unstamped: artifacts.
// 3. As pdfmake draws the pages, each drawing is wrapped in marked content: a
//    sequence with an MCID belonging to its element, or an Artifact. Linked
//    text becomes a Link element that owns its annotation, with a description.
//    When the pages are drawn, the elements that received content are put
//    together in document order (so reading order is the document's order, not
//    the order things were drawn) under one Document element.
//
// An element that received no content (an empty paragraph) is left out, except
// table rows and cells, which a table keeps so that its rows stay regular.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A structure element the writer means the PDF to have. */
export interface StructureNode {
  /** The standard structure type: Document, H1–H3, P, L, LI, Lbl, LBody, Table, TR, TH, TD, TOC, TOCI, Reference, Figure. */
  type: string;
  parent?: StructureNode;
  children: StructureNode[];
  /** A Figure's alternative text. */
  alt?: string;
  /** The text an element stands for: a bullet's "•", drawn as a shape. */
  actual?: string;
  /** A table's title (its caption, as the Word and web page editions give it). */
  title?: string;
  /** A header cell's scope. */
  scope?: 'Column' | 'Row';
  /** An LBody's sibling Lbl: where the list item's marker goes. */
  label?: StructureNode;
  /** A contents entry: its heading's text and page, to describe its link ("Introduction, page 3"). */
  entry?: { title: string; page(): number };
}

/** Content that is not part of the document's structure: running footers, page numbers, repeated header rows. */
export interface Artifact {
  artifact: 'Pagination' | 'Layout';
}

export type Tag = StructureNode | Artifact;

export const pagination: Artifact = { artifact: 'Pagination' };

const isArtifact = (tag: Tag): tag is Artifact => 'artifact' in tag;

/** A new element under `parent`, after its other children. */
export function structureChild(parent: StructureNode, type: string, options: Partial<StructureNode> = {}): StructureNode {
  const node: StructureNode = { ...options, type, parent, children: [] };
  parent.children.push(node);
  return node;
}

export function structureRoot(): StructureNode {
  return { type: 'Document', children: [] };
}

// ---------------------------------------------------------------------------
// The parts of pdfmake and pdfkit this module reads and wraps.

interface PdfInline {
  text: string;
  link?: unknown;
  linkToDestination?: unknown;
  _label?: StructureNode;
  background?: unknown;
  decoration?: unknown;
}
interface PdfLine {
  inlines: PdfInline[];
  _tag?: Tag;
}
interface PdfImage {
  x: number;
  y: number;
  _width: number;
  _height: number;
  _tag?: Tag;
}
interface PdfVector {
  _label?: StructureNode;
}
interface PageItem {
  type: string;
  item: { _tag?: Tag };
}
interface PdfNode {
  _tag?: Tag;
  positions: Array<{ pageNumber: number }>;
  toc?: { _table?: { table: { body: Array<Array<{ text: unknown; _tag?: Tag; _tocItemRef?: PdfNode }>> } } };
}
interface Marker {
  canvas?: PdfVector[];
  _inlines?: PdfInline[];
}
interface StructureElement {
  add(child: unknown): StructureElement;
  end(): void;
}
interface PdfKitDocument {
  options: { tagged?: boolean };
  page: unknown;
  text(text: string, x: number, y: number, options: { link?: unknown; goTo?: unknown }): unknown;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  addPage(options: unknown): unknown;
  struct(type: string, options?: Record<string, unknown>): StructureElement;
  markStructureContent(type: string): unknown;
  markContent(tag: string, options?: Record<string, unknown> | null): unknown;
  endMarkedContent(): unknown;
  addStructure(element: StructureElement): unknown;
  info: Record<string, unknown>;
  _addInfo(): void;
}

type Method<T> = (this: T, ...args: never[]) => unknown;
interface Prototype<T> {
  prototype: Record<string, Method<T>>;
}
const load = <T>(file: string) => (require(`pdfmake/js/${file}`) as { default: Prototype<T> }).default.prototype;

// Written for pdfmake 0.3.11's classes: another version must be read again first.
const pdfmakeVersion: string = require('pdfmake/package.json').version;
if (pdfmakeVersion !== '0.3.11') {
  throw new Error(`src/writers/pdf/tagging.ts was written for pdfmake 0.3.11, not ${pdfmakeVersion}: compare the methods it wraps`);
}

/** Replaces `proto[name]` by `wrapper`, which is handed the original. */
function wrap<T>(proto: Record<string, Method<T>>, name: string, wrapper: (original: (...args: unknown[]) => unknown, self: T, args: unknown[]) => unknown) {
  const original = proto[name] as unknown as (this: T, ...args: unknown[]) => unknown;
  if (typeof original !== 'function') throw new Error(`pdfmake has no ${name} to wrap`);
  proto[name] = function (this: T, ...args: unknown[]) {
    return wrapper((...given: unknown[]) => original.apply(this, given), this, args);
  } as Method<T>;
}

// ---------------------------------------------------------------------------
// 2. Layout: stamping what is put on the pages.

/** The element of the node being laid out. Layout is synchronous, and each worker thread has its own module. */
let current: Tag | undefined;
/** Above zero while pdfmake repeats a table's header rows at the top of a new page. */
let repeatingHeaders = 0;

wrap<unknown>(load('LayoutBuilder.js'), 'processNode', (original, _self, args) => {
  const tag = (args[0] as PdfNode)._tag;
  if (tag === undefined) return original(...args);
  const outer = current;
  current = tag;
  try {
    return original(...args);
  } finally {
    current = outer;
  }
});

const elementWriter = load<unknown>('ElementWriter.js');
wrap(elementWriter, 'addLine', (original, _self, args) => {
  const line = args[0] as PdfLine;
  // A list's number is laid out as a line of its own, as the item's first line is added.
  line._tag = line.inlines[0]?._label ?? current;
  return original(...args);
});
for (const picture of ['addImage', 'addSVG']) {
  wrap(elementWriter, picture, (original, _self, args) => {
    (args[0] as PdfImage)._tag = current;
    return original(...args);
  });
}
// What a block of lines copied onto the page brings (a table row kept on one page, a
// repeated header row) keeps its stamps, but a header row repeated on a later page is an artifact.
wrap(elementWriter, 'addFragment', (original, self, args) => {
  if (repeatingHeaders === 0) return original(...args);
  const page = (self as { context(): { getCurrentPage(): { items: PageItem[] } } }).context().getCurrentPage();
  const before = new Set(page.items);
  const result = original(...args);
  for (const item of page.items) if (!before.has(item)) item.item._tag = pagination;
  return result;
});
wrap(load('PageElementWriter.js'), 'moveToNextPage', (original, _self, args) => {
  repeatingHeaders += 1;
  try {
    return original(...args);
  } finally {
    repeatingHeaders -= 1;
  }
});

// A list item's marker (a drawn bullet or a number) belongs to the item's Lbl.
const docMeasure = load<unknown>('DocMeasure.js');
for (const build of ['buildUnorderedMarker', 'buildOrderedMarker']) {
  wrap(docMeasure, build, (original, _self, args) => {
    const marker = original(...args) as Marker;
    const item = args[0] as PdfNode;
    const label = item._tag && !isArtifact(item._tag) ? item._tag.label : undefined;
    if (label) {
      if (marker.canvas?.[0]) marker.canvas[0]._label = label;
      else if (marker._inlines?.[0]) marker._inlines[0]._label = label;
    }
    return marker;
  });
}

const plain = (text: unknown): string =>
  typeof text === 'string' ? text : Array.isArray(text) ? text.map(plain).join('') : text && typeof text === 'object' && 'text' in text ? plain(text.text) : '';

// The contents are a table pdfmake makes as it measures the document: each row, an entry's
// text and page number, becomes a TOCI of the contents' TOC.
wrap(docMeasure, 'measureToc', (original, _self, args) => {
  const node = original(...args) as PdfNode;
  const toc = node._tag;
  if (toc && !isArtifact(toc) && node.toc?._table) {
    toc.children = [];
    for (const row of node.toc._table.table.body) {
      const heading = row.find((cell) => cell._tocItemRef)?._tocItemRef;
      const entry = { title: plain(row[0]?.text).trim(), page: () => heading?.positions[0]?.pageNumber ?? 0 };
      // The entry's text and its page number, each a link: read as two, not run together.
      const item = structureChild(toc, 'TOCI');
      for (const cell of row) cell._tag = structureChild(item, 'Reference', { entry });
    }
  }
  return node;
});

// ---------------------------------------------------------------------------
// 3. Drawing: marked content, and the structure tree put together.

/** A Link element being drawn: consecutive words with one target, in one element, make one link. */
interface OpenLink {
  element: StructureElement;
  target: unknown;
  /** Whether it goes to a web page or an email address, rather than a place in the document. */
  external: boolean;
  tag: StructureNode;
}

/** What one document's drawing has open, and the elements that have content. */
class Tagger {
  private readonly elements = new Map<StructureNode, StructureElement>();
  private root: StructureNode | undefined;
  /** The marked content open in the page's content stream. */
  private open: Tag | OpenLink | undefined;
  private link: OpenLink | undefined;
  /** The line being drawn: its element, and the words of each link on it. */
  private lineTag: Tag | undefined;
  private readonly lineLinks = new Map<unknown, string>();

  constructor(private readonly doc: PdfKitDocument) {}

  private element(node: StructureNode, bbox?: number[]): StructureElement {
    let element = this.elements.get(node);
    if (element === undefined) {
      const options: Record<string, unknown> = {};
      if (node.alt !== undefined) options.alt = node.alt;
      if (node.actual !== undefined) options.actual = node.actual;
      if (node.title !== undefined) options.title = node.title;
      if (node.scope !== undefined) options.scope = node.scope;
      if (bbox) options.bbox = bbox;
      element = this.doc.struct(node.type, options);
      this.elements.set(node, element);
      if (this.root === undefined) {
        let top = node;
        while (top.parent) top = top.parent;
        this.root = top;
      }
    }
    return element;
  }

  /** Opens marked content for `tag` (an artifact when there is none), unless it is open already. */
  mark(tag: Tag | undefined, bbox?: number[]): void {
    const wanted = tag ?? ARTIFACT;
    if (this.open === wanted) return;
    this.close();
    if (isArtifact(wanted)) {
      this.doc.markContent('Artifact', { type: wanted.artifact });
    } else {
      this.element(wanted, bbox).add(this.doc.markStructureContent(wanted.type));
    }
    this.open = wanted;
  }

  close(): void {
    if (this.open === undefined) return;
    this.doc.endMarkedContent();
    this.open = undefined;
  }

  /** Ends the Link element being drawn: before other content, and before a new page, so that its annotations are recorded with their page. */
  endLink(): void {
    if (this.link === undefined) return;
    if (this.open === this.link) this.close();
    this.link.element.end();
    this.link = undefined;
  }

  beginLine(line: PdfLine): void {
    this.lineTag = line._tag;
    this.lineLinks.clear();
    for (const inline of line.inlines) {
      const target = inline.link ?? inline.linkToDestination;
      if (target != null) this.lineLinks.set(target, (this.lineLinks.get(target) ?? '') + inline.text);
    }
    // pdfmake sets each piece's colour with a fill before its text: marked from the start, as the first text is.
    const first = line.inlines.find((inline) => inline.text !== '');
    if (first === undefined) this.mark(undefined);
    else this.enter(this.lineTag, first.link ?? first.linkToDestination, first.link != null);
  }

  endLine(): void {
    this.lineTag = undefined;
  }

  /** Draws a piece of a line's text: linked text in a Link element of the line's element, the rest in the line's element. */
  text(draw: () => unknown, text: string, options: { link?: unknown; goTo?: unknown }): unknown {
    if (text !== '') this.enter(this.lineTag, options.link ?? options.goTo, options.link != null);
    return draw();
  }

  /** Opens marked content for text of `tag`, in a Link element when it links to `target`. */
  private enter(tag: Tag | undefined, target: unknown, external: boolean): void {
    if (tag === undefined || isArtifact(tag) || target == null) {
      this.endLink();
      this.mark(tag);
      return;
    }
    if (this.link === undefined || this.link.target !== target || this.link.tag !== tag) {
      this.endLink();
      this.close();
      const element = this.doc.struct('Link');
      this.element(tag).add(element);
      this.link = { element, target, external, tag };
    }
    if (this.open !== this.link) {
      this.close();
      this.link.element.add(this.doc.markStructureContent('Link'));
      this.open = this.link;
    }
  }

  /** Gives a link's annotation to its Link element, with a description of where it goes. */
  annotate(options: Record<string, unknown>): void {
    if (options.Subtype !== 'Link' || this.link === undefined) return;
    options.structParent = this.link.element;
    options.Contents = new String(this.describe(this.link));
  }

  /**
   * What a link says it is: its words on the line, with where it goes when they do not say
   * (a web address), and for a contents entry, the heading and its page.
   */
  private describe({ tag, target, external }: OpenLink): string {
    if (tag.entry !== undefined) return `${tag.entry.title}, page ${tag.entry.page()}`;
    const words = (this.lineLinks.get(target) ?? '').trim();
    if (!external || typeof target !== 'string') return words;
    const address = target.replace(/^mailto:/, '');
    return words.includes(address) ? words : `${words} (${address})`;
  }

  /** Puts the elements together in document order, under the Document element. */
  finish(): void {
    this.endLink();
    this.close();
    if (this.root === undefined) return;
    const build = (node: StructureNode, keepEmpty: boolean): StructureElement | undefined => {
      const keepCells = node.type === 'Table' || node.type === 'TR';
      const children = node.children.flatMap((child) => build(child, keepCells) ?? []);
      let element = this.elements.get(node);
      if (element === undefined && children.length === 0 && !keepEmpty) return undefined;
      element ??= this.element(node);
      for (const child of children) element.add(child);
      return element;
    };
    this.doc.addStructure(build(this.root, true)!);
  }
}

const ARTIFACT: Artifact = { artifact: 'Layout' };
const taggers = new WeakMap<object, Tagger>();

interface RendererSelf {
  pdfDocument: PdfKitDocument;
}
const taggerOf = (self: RendererSelf) => taggers.get(self.pdfDocument);

const renderer = load<RendererSelf>('Renderer.js');
wrap(renderer, 'renderPages', (original, self, args) => {
  const doc = self.pdfDocument;
  if (!doc.options.tagged) return original(...args);
  const tagger = new Tagger(doc);
  taggers.set(doc, tagger);
  // On the document itself, for this document only: its text, annotations and pages.
  const { text, annotate, addPage } = doc;
  doc.text = function (this: PdfKitDocument, ...given) {
    return tagger.text(() => text.apply(this, given), given[0], given[3] ?? {});
  };
  doc.annotate = function (this: PdfKitDocument, ...given) {
    tagger.annotate(given[4]);
    return annotate.apply(this, given);
  };
  doc.addPage = function (this: PdfKitDocument, ...given) {
    tagger.endLink();
    tagger.close();
    return addPage.apply(this, given);
  };
  const result = original(...args);
  tagger.finish();
  return result;
});
wrap(renderer, 'renderLine', (original, self, args) => {
  const tagger = taggerOf(self);
  if (tagger === undefined) return original(...args);
  tagger.beginLine(args[0] as PdfLine);
  try {
    return original(...args);
  } finally {
    tagger.endLine();
  }
});
wrap(renderer, 'renderVector', (original, self, args) => {
  taggerOf(self)?.mark((args[0] as PdfVector)._label);
  return original(...args);
});
for (const picture of ['renderImage', 'renderSVG']) {
  wrap(renderer, picture, (original, self, args) => {
    const image = args[0] as PdfImage;
    taggerOf(self)?.mark(image._tag, [image.x, image.y, image.x + image._width, image.y + image._height]);
    return original(...args);
  });
}
// A cell aligned to its bottom (the cover's band) is drawn between a save and a restore of the
// graphics state: the marked content open before either is closed first, so that the two nest.
for (const method of ['beginVerticalAlignment', 'endVerticalAlignment']) {
  wrap(renderer, method, (original, self, args) => {
    taggerOf(self)?.close();
    return original(...args);
  });
}
// A line's background and its underlines (a link's) are decoration.
const textDecorator = load<{ pdfDocument: PdfKitDocument }>('TextDecorator.js');
for (const [method, drawn] of [
  ['drawBackground', (inline: PdfInline) => inline.background],
  ['drawDecorations', (inline: PdfInline) => inline.decoration],
] as const) {
  wrap(textDecorator, method, (original, self, args) => {
    const tagger = taggers.get(self.pdfDocument);
    if (tagger && (args[0] as PdfLine).inlines.some(drawn)) tagger.mark(ARTIFACT);
    return original(...args);
  });
}

// pdfkit writes the title, author, subject and keywords into the XMP metadata as
// they are: "A & B" made malformed XML. They are escaped for the XMP only.
const escapeXml = (value: unknown) =>
  typeof value === 'string' ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : value;
wrap<PdfKitDocument>(load('PDFDocument.js'), '_addInfo', (original, self) => {
  const info = self.info;
  self.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, escapeXml(value)]));
  try {
    return original();
  } finally {
    self.info = info;
  }
});
