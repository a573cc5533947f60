// The accessibility checks of a .docx, decided from its XML: each takes the text
// of the parts it needs and returns the problems it finds, as sentences (an empty
// list is a pass). They read the XML with regular expressions, as the rest of the
// tests do; they assume what Word and docx write: no nested tables, and paragraphs
// not nested in text boxes.

const W_TEXT = /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g;

export const decodeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of some XML: its w:t runs joined. */
const textOf = (xml: string) => decodeXml([...xml.matchAll(W_TEXT)].map((m) => m[1]).join(''));

/** The value of an attribute of the first element `tag` in some XML, decoded; undefined when absent. */
function attribute(xml: string, tag: string, name: string): string | undefined {
  const element = new RegExp(`<${tag}(?=[\\s/>])[^>]*>`).exec(xml)?.[0];
  if (!element) return undefined;
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
  return value === undefined ? undefined : decodeXml(value);
}

/**
 * Whether an on/off property (keepNext, widowControl, tblHeader) is in some
 * properties XML: true when present and not turned off, false when turned off,
 * undefined when not there (so it is inherited).
 */
function onOff(properties: string, name: string): boolean | undefined {
  const element = new RegExp(`<w:${name}(?=[\\s/>])[^>]*>`).exec(properties)?.[0];
  if (!element) return undefined;
  const value = /w:val="([^"]*)"/.exec(element)?.[1];
  return value === undefined || !['false', '0', 'off'].includes(value);
}

const paragraphsOf = (documentXml: string) => [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);

/** A paragraph's own properties (its w:pPr), or '' when it has none. */
const paragraphProperties = (paragraph: string) => /^<w:p(?:\s[^>]*)?>\s*<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(paragraph)?.[1] ?? '';

const styleIdOf = (paragraph: string) => attribute(paragraphProperties(paragraph), 'w:pStyle', 'w:val');

const headingLevel = (styleId: string | undefined) => Number(/^Heading([1-9])$/.exec(styleId ?? '')?.[1] ?? 0);

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;

/**
 * Heading order: the body's first heading is a Heading 1, and going down the
 * levels never skip one (Heading 1 then Heading 3 fails). The cover's title is
 * styled Title, which is not a heading level. A document with no headings fails:
 * a screen reader's user has nothing to move by.
 */
export function headingOrderProblems(documentXml: string): string[] {
  const headings = paragraphsOf(documentXml)
    .map((p) => ({ level: headingLevel(styleIdOf(p)), text: textOf(p) }))
    .filter((h) => h.level > 0);
  if (headings.length === 0) return ['the document has no headings (Heading1 to Heading3)'];
  const problems: string[] = [];
  if (headings[0]!.level !== 1) problems.push(`the first heading, ${quote(headings[0]!.text)}, is a Heading${headings[0]!.level}, not a Heading1`);
  headings.forEach((heading, i) => {
    const before = headings[i - 1];
    if (before && heading.level > before.level + 1) {
      problems.push(`Heading${heading.level} ${quote(heading.text)} follows Heading${before.level} ${quote(before.text)}: a level is skipped`);
    }
  });
  return problems;
}

/** The drawings (pictures, charts) of some XML, each with its docPr. */
const drawingsOf = (xml: string) => [...xml.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)].map((m) => m[0]);

/** How many drawings a part has (so that a pass is not a pass over nothing). */
export const drawingCount = (xml: string) => drawingsOf(xml).length;

/**
 * Alternative text: every drawing's wp:docPr has a non-empty `descr`, or is
 * marked decorative (Word's a16 extension, `<adec:decorative val="1"/>`).
 */
export function drawingAltTextProblems(xml: string): string[] {
  const problems: string[] = [];
  drawingsOf(xml).forEach((drawing, i) => {
    const docPr = /<wp:docPr(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/wp:docPr>)/.exec(drawing)?.[0];
    const name = attribute(drawing, 'wp:docPr', 'name') ?? `drawing ${i + 1}`;
    if (!docPr) return problems.push(`drawing ${i + 1} has no wp:docPr, so no alternative text`);
    const decorative = /<\w+:decorative\s[^>]*val="(?:1|true)"/.test(docPr);
    const description = attribute(docPr, 'wp:docPr', 'descr')?.trim() ?? '';
    if (!decorative && description === '') problems.push(`${name} has no alternative text (an empty descr) and is not marked decorative`);
    return undefined;
  });
  return problems;
}

const tablesOf = (documentXml: string) => [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);

/** How many tables the document has. */
export const tableCount = (documentXml: string) => tablesOf(documentXml).length;

/**
 * Tables: each has a header row (its first row marked w:tblHeader, so that it
 * repeats and is read as the header) and a caption (w:tblCaption in its
 * w:tblPr: what Word shows as the table's alt-text title, and what a screen
 * reader announces on entering the table).
 */
export function tableProblems(documentXml: string): string[] {
  const problems: string[] = [];
  tablesOf(documentXml).forEach((table, i) => {
    const firstRow = /<w:tr[ >][\s\S]*?<\/w:tr>/.exec(table)?.[0] ?? '';
    const name = `table ${i + 1} (${quote(textOf(/<w:tc>[\s\S]*?<\/w:tc>/.exec(firstRow)?.[0] ?? ''))})`;
    const rowProperties = /<w:trPr>([\s\S]*?)<\/w:trPr>/.exec(firstRow)?.[1] ?? '';
    if (onOff(rowProperties, 'tblHeader') !== true) problems.push(`${name} has no header row: its first row is not marked w:tblHeader`);
    const tableProperties = /^<w:tbl>\s*<w:tblPr>([\s\S]*?)<\/w:tblPr>/.exec(table)?.[1] ?? '';
    const caption = attribute(tableProperties, 'w:tblCaption', 'w:val')?.trim() ?? '';
    if (caption === '') problems.push(`${name} has no caption: no w:tblCaption in its w:tblPr`);
  });
  return problems;
}

/** The language set in the styles' defaults (w:docDefaults' run properties), if any. */
const defaultLanguage = (stylesXml: string) =>
  attribute(/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(stylesXml)?.[0] ?? '', 'w:lang', 'w:val');

/**
 * The document's title and language: docProps/core.xml has a non-empty
 * dc:title; the language is `language` as dc:language or as w:lang in the
 * styles' defaults, and no other language is set anywhere (a style, a run, the
 * settings' w:themeFontLang) — the packs are written in one language.
 */
export function titleAndLanguageProblems(parts: { core: string; styles: string; settings: string; document: string }, language: string): string[] {
  const problems: string[] = [];
  const title = decodeXml(/<dc:title>([^<]*)<\/dc:title>/.exec(parts.core)?.[1] ?? '').trim();
  if (title === '') problems.push('docProps/core.xml has no dc:title');
  const coreLanguage = /<dc:language>([^<]*)<\/dc:language>/.exec(parts.core)?.[1]?.trim();
  if (coreLanguage === undefined && defaultLanguage(parts.styles) === undefined) {
    problems.push('no language: neither dc:language in docProps/core.xml nor w:lang in the styles\' defaults');
  }
  if (coreLanguage !== undefined && coreLanguage !== language) problems.push(`dc:language is ${coreLanguage}, not ${language}`);
  for (const [part, xml] of [['word/styles.xml', parts.styles], ['word/document.xml', parts.document], ['word/settings.xml', parts.settings]] as const) {
    for (const [element] of xml.matchAll(/<w:(?:lang|themeFontLang)\s[^>]*>/g)) {
      const value = /\sw:val="([^"]*)"/.exec(element)?.[1];
      if (value !== undefined && value !== language) problems.push(`${part} sets the language ${value}, not ${language}: ${element}`);
    }
  }
  return problems;
}

interface Style {
  basedOn: string | undefined;
  paragraphProperties: string;
}

function paragraphStyles(stylesXml: string): Map<string, Style> {
  const styles = new Map<string, Style>();
  for (const [style] of stylesXml.matchAll(/<w:style\s[^>]*w:type="paragraph"[^>]*>[\s\S]*?<\/w:style>/g)) {
    const id = attribute(style, 'w:style', 'w:styleId');
    if (id === undefined) continue;
    styles.set(id, {
      basedOn: attribute(style, 'w:basedOn', 'w:val'),
      paragraphProperties: /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(style)?.[1] ?? '',
    });
  }
  return styles;
}

/** The default paragraph style's id (w:default="1" or "true"), which a paragraph with no w:pStyle takes. */
const defaultStyleId = (stylesXml: string) =>
  attribute(/<w:style\s(?=[^>]*w:type="paragraph")(?=[^>]*w:default="(?:1|true)")[^>]*>/.exec(stylesXml)?.[0] ?? '', 'w:style', 'w:styleId');

/**
 * Whether an on/off paragraph property is in effect for a paragraph, as Word
 * decides it: the paragraph's own properties, then its style and the styles that
 * style is based on, then the document defaults; off when set nowhere.
 */
function effective(name: string, paragraph: string, styles: Map<string, Style>, stylesXml: string): boolean {
  const own = onOff(paragraphProperties(paragraph), name);
  if (own !== undefined) return own;
  const seen = new Set<string>();
  for (let id = styleIdOf(paragraph) ?? defaultStyleId(stylesXml); id !== undefined && !seen.has(id); id = styles.get(id)?.basedOn) {
    seen.add(id);
    const value = onOff(styles.get(id)?.paragraphProperties ?? '', name);
    if (value !== undefined) return value;
  }
  return onOff(/<w:pPrDefault>([\s\S]*?)<\/w:pPrDefault>/.exec(stylesXml)?.[1] ?? '', name) ?? false;
}

/**
 * Layout that reads well: every heading is kept with the paragraph after it
 * (w:keepNext), and every other paragraph with text has widow and orphan
 * control (w:widowControl), each from the paragraph, its style or the defaults.
 */
export function keepAndWidowProblems(parts: { styles: string; document: string }): string[] {
  const styles = paragraphStyles(parts.styles);
  const problems: string[] = [];
  const body: string[] = [];
  for (const paragraph of paragraphsOf(parts.document)) {
    const level = headingLevel(styleIdOf(paragraph));
    if (level > 0 && !effective('keepNext', paragraph, styles, parts.styles)) {
      problems.push(`Heading${level} ${quote(textOf(paragraph))} is not kept with the next paragraph (no w:keepNext)`);
    }
    if (level === 0 && textOf(paragraph).trim() !== '') body.push(paragraph);
  }
  // One problem for all the body's paragraphs: a missing default would otherwise list hundreds.
  const unguarded = body.filter((paragraph) => !effective('widowControl', paragraph, styles, parts.styles));
  if (unguarded.length > 0) {
    problems.push(`${unguarded.length} of ${body.length} paragraphs have no widow control (no w:widowControl), the first ${quote(textOf(unguarded[0]!))}`);
  }
  return problems;
}
