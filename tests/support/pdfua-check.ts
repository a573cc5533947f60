// A PDF/UA-1 checker for the tests: it decides, from the file alone and with the
// system tools the tests already use (qpdf's JSON, pdffonts, pdfinfo), the rules
// of veraPDF's PDF/UA-1 profile (veraPDF-validation-profiles, PDF_UA/PDFUA-1.xml)
// that such a reading can decide, and names each failure by veraPDF's rule number,
// so that a failure here reads the same as one in veraPDF or PAC.
//
// Decided here (veraPDF's numbers):
//   5-1..5-5    PDF/UA identification (pdfuaid:part = 1, its prefix) in the catalog's XMP
//   6.1-1       the header is %PDF-1.0 .. %PDF-1.7
//   6.2-1       MarkInfo with Marked true
//   7.1-1..3    artifacts and tagged content never inside each other; every painted item
//               (text shown, a path stroked or filled, a shading, an image, inline or
//               XObject) is in an Artifact or in marked content whose MCID the ParentTree
//               maps to a structure element (form XObjects are read with the stack of the
//               page that draws them)
//   7.1-4       Suspects is not true; 7.1-5..7 role map (mapped to a standard type, no
//               circle, no standard type remapped); 7.1-8 Metadata stream /Type /Metadata
//               /Subtype /XML; 7.1-9 dc:title; 7.1-10 DisplayDocTitle true;
//               7.1-11 StructTreeRoot; 7.1-12 every structure element has P
//   7.2-2, 7.2-21..24, 7.2-30..34  natural language determined (the catalog's Lang, or a
//               Lang on the element, an ancestor or the marked content); 7.2-29 Lang values
//               are language tags
//   7.2-3..14, 16..20, 26..28, 36..40  parent and kid types of Table, THead, TBody, TFoot,
//               TR, TH, TD, L, LI, LBody, TOC, TOCI and Caption
//   7.2-15, 7.2-42/43  table cells do not overlap, rows have as many columns (spans counted)
//   7.3-1 Figure, 7.7-1 Formula: Alt or ActualText; 7.9-1/2 Note has a unique ID
//   7.4.2-1     headings start at H1 and never skip a level going down
//   7.4.4-1..3  at most one H per node; H and Hn not both used
//   7.5-1/2     every TD has a header: a Headers attribute whose IDs exist, or a TH with
//               Scope Row/Both in its row or Column/Both in its column
//   7.10-1/2    optional content configurations: Name present, no AS
//   7.11-1      embedded file specifications have non-empty F and UF
//   7.15-1      no dynamic XFA; 7.16-1 encryption allows accessibility (P bit 10)
//   7.18.1-1/2, 7.18.2-1, 7.18.3-1, 7.18.4-1/2, 7.18.5-1/2, 7.18.8-1  annotations: in an
//               Annot/Link/Form element, Contents (or Alt), no TrapNet, Tabs /S on every page
//               with annotations, PrinterMark not in the tree (hidden annotations, F bit 2,
//               are exempt as in veraPDF; the crop box exemption is not applied)
//   7.20-1      no reference XObjects
//   7.21.3.1-1, 7.21.3.2-1, 7.21.3.3-1  CIDSystemInfo, CIDToGIDMap, CMaps predefined or
//               embedded; 7.21.4.1-1 every font embedded (pdffonts, Type 3 exempt);
//               7.21.6-2/3 TrueType encodings against the Symbolic flag; 7.21.7-1 a
//               composite font has a ToUnicode map (unless its ordering is a standard one)
//
// Not decided here (check by hand with veraPDF or PAC, see docs/accessibility.md):
//   7.2-25, 7.18.1-3 form fields (the tool makes none); 7.2-41 row spans per column;
//   7.18.6.2-1/2 media clips (none made); 7.20-2 a form XObject's content in one
//   structure parent; 7.21.3.3-2/3 embedded CMap streams' WMode and references;
//   7.21.4.1-2, 7.21.4.2-1/2, 7.21.5-1, 7.21.6-1/4, 7.21.7-2, 7.21.8-1, which need the
//   font programs read glyph by glyph (glyphs present, CharSet and CIDSet complete,
//   widths, cmap subtables, ToUnicode values, .notdef); and text rendering mode 3
//   (invisible text is treated as painted here, which is stricter than veraPDF).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Violation {
  /** veraPDF's PDF/UA-1 rule number, e.g. "7.1-3". */
  rule: string;
  /** A sentence naming the object: page, structure element type, MCID. */
  message: string;
}

// ---------------------------------------------------------------------------
// The file's objects, as qpdf's JSON (version 2) gives them: names "/N",
// strings "u:text" or "b:hex", references "12 0 R", streams {dict, data}.

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
type Dict = { [key: string]: Value };
interface Stream {
  dict: Dict;
  data: Buffer;
}

const isRef = (v: Value): v is string => typeof v === 'string' && /^\d+ \d+ R$/.test(v);

class Objects {
  private readonly values = new Map<string, Value | Stream>();
  constructor(qpdfObjects: Record<string, { value?: Value; stream?: { dict: Dict; data?: string } }>) {
    for (const [key, entry] of Object.entries(qpdfObjects)) {
      const ref = key.replace(/^obj:/, '');
      if (entry.stream) this.values.set(ref, { dict: entry.stream.dict, data: Buffer.from(entry.stream.data ?? '', 'base64') });
      else this.values.set(ref, entry.value ?? null);
    }
  }
  resolve(v: Value | undefined): Value | Stream | undefined {
    return v !== undefined && isRef(v) ? this.values.get(v) : v;
  }
  dict(v: Value | undefined): Dict | undefined {
    const r = this.resolve(v);
    if (isStream(r)) return r.dict;
    return r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Dict) : undefined;
  }
  stream(v: Value | undefined): Stream | undefined {
    const r = this.resolve(v);
    return isStream(r) ? r : undefined;
  }
  array(v: Value | undefined): Value[] {
    const r = this.resolve(v);
    return Array.isArray(r) ? r : [];
  }
  name(v: Value | undefined): string | undefined {
    const r = this.resolve(v);
    return typeof r === 'string' && r.startsWith('/') ? r.slice(1) : undefined;
  }
  text(v: Value | undefined): string | undefined {
    const r = this.resolve(v);
    if (typeof r !== 'string') return undefined;
    if (r.startsWith('u:')) return r.slice(2);
    if (r.startsWith('b:')) return Buffer.from(r.slice(2), 'hex').toString('latin1');
    return undefined;
  }
  number(v: Value | undefined): number | undefined {
    const r = this.resolve(v);
    return typeof r === 'number' ? r : undefined;
  }
  all(): [string, Value | Stream][] {
    return [...this.values];
  }
}

function isStream(v: unknown): v is Stream {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as Stream).data);
}

/** The entries of a number tree (the ParentTree), flattened. */
function numberTree(objects: Objects, node: Value | undefined, into = new Map<number, Value>()): Map<number, Value> {
  const d = objects.dict(node);
  if (!d) return into;
  const nums = objects.array(d['/Nums']);
  for (let i = 0; i + 1 < nums.length; i += 2) into.set(nums[i] as number, nums[i + 1] as Value);
  for (const kid of objects.array(d['/Kids'])) numberTree(objects, kid, into);
  return into;
}

// ---------------------------------------------------------------------------
// Content streams: a small tokenizer, and a walk that keeps the marked-content stack.

type Operand = number | boolean | null | { name: string } | { string: string } | Operand[] | { dict: Record<string, Operand> };
interface Operation {
  operator: string;
  operands: Operand[];
}

const WHITE = /[\0\t\n\f\r ]/;
const DELIM = /[()<>[\]{}/%]/;

/** The operations of a content stream, in order; an inline image (BI … ID … EI) is one operation "BI". */
export function contentOperations(bytes: Buffer): Operation[] {
  const s = bytes.toString('latin1');
  let i = 0;
  const ops: Operation[] = [];
  let stack: Operand[] = [];

  const skipSpace = () => {
    for (;;) {
      while (i < s.length && WHITE.test(s[i]!)) i++;
      if (s[i] !== '%') return;
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    }
  };
  const regular = () => {
    const start = i;
    while (i < s.length && !WHITE.test(s[i]!) && !DELIM.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const literalString = () => {
    i++; // (
    let depth = 1;
    let out = '';
    while (i < s.length) {
      const c = s[i++]!;
      if (c === '\\') {
        const n = s[i++] ?? '';
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (/[0-7]/.test(n)) {
          let octal = n;
          while (octal.length < 3 && /[0-7]/.test(s[i] ?? '')) octal += s[i++];
          out += String.fromCharCode(parseInt(octal, 8) & 0xff);
        } else if (n === '\r' || n === '\n') {
          if (n === '\r' && s[i] === '\n') i++;
        } else out += escapes[n] ?? n;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (--depth === 0) break;
        out += c;
      } else out += c;
    }
    return out;
  };
  const object = (): Operand | undefined => {
    skipSpace();
    const c = s[i];
    if (c === undefined) return undefined;
    if (c === '(') return { string: literalString() };
    if (c === '<' && s[i + 1] === '<') {
      i += 2;
      const dict: Record<string, Operand> = {};
      for (;;) {
        skipSpace();
        if (s.startsWith('>>', i) || i >= s.length) {
          i += 2;
          return { dict };
        }
        const key = object();
        const value = object();
        if (key && typeof key === 'object' && 'name' in key && value !== undefined) dict[key.name] = value;
      }
    }
    if (c === '<') {
      const end = s.indexOf('>', i);
      const hex = s.slice(i + 1, end < 0 ? s.length : end).replace(/\s/g, '');
      i = end < 0 ? s.length : end + 1;
      return { string: Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex').toString('latin1') };
    }
    if (c === '[') {
      i++;
      const items: Operand[] = [];
      for (;;) {
        skipSpace();
        if (s[i] === ']' || i >= s.length) {
          i++;
          return items;
        }
        const item = object();
        if (item !== undefined) items.push(item);
      }
    }
    if (c === '/') {
      i++;
      return { name: regular().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
    }
    if (DELIM.test(c)) {
      i++; // a stray delimiter (">", "]", ")", "{", "}"): skipped
      return object();
    }
    const word = regular();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return { operator: word } as unknown as Operand; // an operator: handled by the caller
  };

  for (;;) {
    skipSpace();
    if (i >= s.length) break;
    const token = object();
    if (token !== undefined && typeof token === 'object' && token !== null && 'operator' in (token as object)) {
      const operator = (token as unknown as { operator: string }).operator;
      if (operator === 'BI') {
        // Inline image: key-value pairs up to ID, one white byte, then data up to a white-space-delimited EI.
        const id = s.indexOf('ID', i);
        let end = id + 3;
        while (end < s.length && !(WHITE.test(s[end - 1]!) && s.startsWith('EI', end) && (end + 2 >= s.length || WHITE.test(s[end + 2]!)))) end++;
        i = end + 2;
        ops.push({ operator: 'BI', operands: [] });
      } else ops.push({ operator, operands: stack });
      stack = [];
    } else if (token !== undefined) stack.push(token);
  }
  return ops;
}

const PAINTS: Record<string, string> = {
  Tj: 'text', TJ: 'text', "'": 'text', '"': 'text',
  S: 'path', s: 'path', f: 'path', F: 'path', 'f*': 'path', B: 'path', 'B*': 'path', b: 'path', 'b*': 'path',
  sh: 'shading', BI: 'inline image',
};

interface Mark {
  tag: string;
  mcid?: number;
  tagged: boolean; // has an MCID that the ParentTree maps to a structure element
  lang?: string;
}

// ---------------------------------------------------------------------------

const STANDARD_TYPES = new Set(
  ('Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP ' +
    'Figure Formula Form').split(' '),
);
const PREDEFINED_CMAPS = new Set(
  ('Identity-H Identity-V GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V ' +
    'UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H UniGB-UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V ' +
    'ETenms-B5-H ETenms-B5-V CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H UniCNS-UTF16-V 83pv-RKSJ-H ' +
    '90ms-RKSJ-H 90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V ' +
    'H V UniJIS-UCS2-H UniJIS-UCS2-V UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V ' +
    'KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H KSCms-UHC-HW-V KSCpc-EUC-H UniKS-UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V').split(' '),
);
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/** Which kids each grouping element may have, and where each kid type must sit (veraPDF's 7.2 rules). */
const ALLOWED_KIDS: Record<string, [string, string[]]> = {
  Table: ['7.2-3', ['TR', 'THead', 'TBody', 'TFoot', 'Caption']],
  TR: ['7.2-10', ['TH', 'TD']],
  L: ['7.2-19', ['L', 'LI', 'Caption']],
  LI: ['7.2-20', ['Lbl', 'LBody']],
  TOC: ['7.2-27', ['TOC', 'TOCI', 'Caption']],
  THead: ['7.2-36', ['TR']],
  TBody: ['7.2-37', ['TR']],
  TFoot: ['7.2-38', ['TR']],
};
const REQUIRED_PARENT: Record<string, [string, string[]]> = {
  TR: ['7.2-4', ['Table', 'THead', 'TBody', 'TFoot']],
  THead: ['7.2-5', ['Table']],
  TBody: ['7.2-6', ['Table']],
  TFoot: ['7.2-7', ['Table']],
  TH: ['7.2-8', ['TR']],
  TD: ['7.2-9', ['TR']],
  LI: ['7.2-17', ['L']],
  LBody: ['7.2-18', ['LI']],
  TOCI: ['7.2-26', ['TOC']],
};

interface Element {
  ref: string; // "12 0 R", or "inline" for a direct dictionary
  dict: Dict;
  type: string; // as written
  standardType: string; // after the role map ('' when it maps to nothing standard)
  parent?: Element;
  kids: Element[];
  label: string; // e.g. "structure element TD (object 12 0 R)"
}

export async function checkPdfUa(file: string): Promise<Violation[]> {
  const [bytes, qpdf, fonts] = await Promise.all([
    readFile(file),
    run('qpdf', ['--json', '--json-key=qpdf', '--json-key=pages', '--json-key=encrypt', '--json-stream-data=inline', '--decode-level=generalized', file], {
      maxBuffer: 1 << 30,
    }),
    run('pdffonts', [file]),
  ]);
  const json = JSON.parse(qpdf.stdout) as {
    qpdf: [unknown, Record<string, { value?: Value; stream?: { dict: Dict; data?: string } }>];
    pages: { object: string; pageposfrom1: number }[];
    encrypt: { encrypted: boolean; parameters: { P: number } };
  };
  const objects = new Objects(json.qpdf[1]);
  const violations: Violation[] = [];
  const fail = (rule: string, message: string) => violations.push({ rule, message });

  // 6.1-1: the header.
  const header = bytes.subarray(0, 16).toString('latin1').split(/\r\n|\r|\n/)[0] ?? '';
  if (!/^%PDF-1\.[0-7]$/.test(header)) fail('6.1-1', `The file's header is "${header}", not %PDF-1.0 to %PDF-1.7 on a line of its own.`);

  const trailer = objects.dict(json.qpdf[1]['trailer']?.value ?? null) ?? {};
  const catalog = objects.dict(trailer['/Root']) ?? {};
  const catalogLang = objects.text(catalog['/Lang']);
  const hasLang = catalogLang !== undefined && catalogLang !== '';

  // Catalog entries.
  if (objects.dict(catalog['/MarkInfo'])?.['/Marked'] !== true) fail('6.2-1', 'The catalog has no MarkInfo dictionary with Marked true.');
  if (objects.dict(catalog['/MarkInfo'])?.['/Suspects'] === true) fail('7.1-4', 'The catalog\'s MarkInfo has Suspects true.');
  if (objects.dict(catalog['/ViewerPreferences'])?.['/DisplayDocTitle'] !== true)
    fail('7.1-10', 'The catalog has no ViewerPreferences dictionary with DisplayDocTitle true.');
  if (!objects.dict(catalog['/StructTreeRoot'])) fail('7.1-11', 'The catalog has no StructTreeRoot: the document has no structure tree.');
  if (catalogLang !== undefined && !LANGUAGE_TAG.test(catalogLang)) fail('7.2-29', `The catalog's Lang "${catalogLang}" is not a language tag.`);
  if (objects.dict(catalog['/Outlines'])?.['/First'] !== undefined && !hasLang)
    fail('7.2-2', 'The document has outline entries but the catalog has no Lang to give their language.');

  // 7.1-8, 5-*, 7.1-9, 7.2-33: the XMP metadata.
  const metadata = objects.stream(catalog['/Metadata']);
  if (!metadata || objects.name(metadata.dict['/Type']) !== 'Metadata' || objects.name(metadata.dict['/Subtype']) !== 'XML') {
    fail('7.1-8', 'The catalog has no Metadata stream with /Type /Metadata and /Subtype /XML.');
  }
  checkXmp(metadata?.data.toString('utf8') ?? '', hasLang, fail);

  // 7.15-1, 7.16-1, 7.10-*, 7.11-1, 7.20-1, and the fonts: object by object.
  if (objects.dict(catalog['/AcroForm'])?.['/NeedsRendering'] === true) fail('7.15-1', 'The AcroForm asks for dynamic XFA rendering (NeedsRendering true).');
  if (json.encrypt.encrypted && (json.encrypt.parameters.P & 512) !== 512)
    fail('7.16-1', 'The file is encrypted without permission bit 10 (extraction for accessibility).');
  const ocProperties = objects.dict(catalog['/OCProperties']);
  for (const config of [ocProperties?.['/D'], ...objects.array(ocProperties?.['/Configs'])].filter((c) => c !== undefined)) {
    const d = objects.dict(config) ?? {};
    if (!objects.text(d['/Name'])) fail('7.10-1', 'An optional content configuration has no Name.');
    if (d['/AS'] !== undefined) fail('7.10-2', 'An optional content configuration has an AS entry.');
  }
  for (const [ref, value] of objects.all()) {
    const d = isStream(value) ? value.dict : objects.dict(value as Value);
    if (!d) continue;
    if (d['/EF'] !== undefined && (!objects.text(d['/F']) || !objects.text(d['/UF']))) {
      fail('7.11-1', `The embedded file specification ${ref} lacks a non-empty ${objects.text(d['/F']) ? 'UF' : 'F'} entry.`);
    }
    if (isStream(value) && objects.name(d['/Subtype']) === 'Form' && d['/Ref'] !== undefined) fail('7.20-1', `The form XObject ${ref} is a reference XObject.`);
    if (objects.name(d['/Type']) === 'Font') checkFontDict(objects, ref, d, fail);
  }
  checkFontEmbedding(fonts.stdout, fail);

  // The structure tree.
  const structRoot = objects.dict(catalog['/StructTreeRoot']);
  const roleMap = objects.dict(structRoot?.['/RoleMap']) ?? {};
  const standardTypeOf = standardTypes(objects, roleMap, fail);
  const elements: Element[] = [];
  const byRef = new Map<string, Element>();
  const walk = (kidsValue: Value | undefined, parent: Element | undefined, seen: Set<string>) => {
    const kids: Element[] = [];
    for (const kid of Array.isArray(objects.resolve(kidsValue)) ? objects.array(kidsValue) : kidsValue === undefined ? [] : [kidsValue]) {
      const d = objects.dict(kid);
      if (!d || d['/S'] === undefined || ['MCR', 'OBJR'].includes(objects.name(d['/Type']) ?? '')) continue;
      const ref = isRef(kid) ? kid : 'inline';
      if (ref !== 'inline' && seen.has(ref)) continue;
      seen.add(ref);
      const type = objects.name(d['/S']) ?? '';
      const element: Element = { ref, dict: d, type, standardType: standardTypeOf(type), kids: [], label: `structure element ${type} (object ${ref})` };
      if (parent) element.parent = parent;
      elements.push(element);
      if (ref !== 'inline') byRef.set(ref, element);
      kids.push(element);
      element.kids = walk(d['/K'], element, seen);
    }
    return kids;
  };
  if (structRoot) walk(structRoot['/K'], undefined, new Set());
  checkStructure(objects, elements, hasLang, fail);

  // Content and annotations, page by page.
  const parentTree = numberTree(objects, structRoot?.['/ParentTree']);
  const elementLang = (element: Element | undefined): string | undefined => {
    for (let e = element; e; e = e.parent) {
      const lang = objects.text(e.dict['/Lang']);
      if (lang) return lang;
    }
    return undefined;
  };
  for (const page of json.pages) {
    const pageDict = objects.dict(page.object) ?? {};
    const where = `page ${page.pageposfrom1}`;
    const structParents = objects.number(pageDict['/StructParents']);
    const mcidParents = structParents === undefined ? [] : objects.array(parentTree.get(structParents));
    const elementOfMcid = (mcid: number | undefined) => {
      if (mcid === undefined) return undefined;
      const ref = mcidParents[mcid];
      return ref !== undefined && isRef(ref) ? byRef.get(ref) : undefined;
    };
    const counts = { untagged: 0, noLang: 0 };
    let firstUntagged = '';
    const read = (content: Buffer, resources: Dict, stack: Mark[], formsOpen: Set<string>) => {
      const marks = [...stack];
      for (const op of contentOperations(content)) {
        if (op.operator === 'BDC' || op.operator === 'BMC') {
          const tagOperand = op.operands[0];
          const tag = tagOperand && typeof tagOperand === 'object' && 'name' in tagOperand ? tagOperand.name : '';
          let props: Record<string, Operand> = {};
          const p = op.operands[1];
          if (p && typeof p === 'object' && 'dict' in p) props = p.dict;
          else if (p && typeof p === 'object' && 'name' in p) {
            const fromResources = objects.dict(objects.dict(resources['/Properties'])?.[`/${p.name}`]) ?? {};
            for (const [k, v] of Object.entries(fromResources)) props[k.slice(1)] = typeof v === 'number' ? v : typeof v === 'string' && v.startsWith('u:') ? { string: v.slice(2) } : null;
          }
          const mcid = typeof props['MCID'] === 'number' ? props['MCID'] : undefined;
          const lang = props['Lang'] && typeof props['Lang'] === 'object' && 'string' in props['Lang'] ? props['Lang'].string : undefined;
          const inTagged = marks.some((m) => m.tagged);
          const inArtifact = marks.some((m) => m.tag === 'Artifact');
          const element = elementOfMcid(mcid);
          if (tag === 'Artifact' && inTagged) fail('7.1-1', `${where}: an Artifact is marked inside tagged content (MCID ${marks.findLast((m) => m.tagged)?.mcid}).`);
          if (mcid !== undefined && inArtifact) fail('7.1-2', `${where}: tagged content (MCID ${mcid}) is inside an Artifact.`);
          if (lang !== undefined && !LANGUAGE_TAG.test(lang)) fail('7.2-29', `${where}: marked content has Lang "${lang}", not a language tag.`);
          if (tag === 'Span' && !hasLang && !lang && (props['Alt'] || props['ActualText'] || props['E'])) {
            const [rule, key] = props['ActualText'] ? ['7.2-30', 'ActualText'] : props['Alt'] ? ['7.2-31', 'Alt'] : ['7.2-32', 'E'];
            fail(rule!, `${where}: a Span's ${key} in marked content has no language (no Lang there or in the catalog).`);
          }
          if (mcid !== undefined && !element && !inArtifact) {
            fail('7.1-3', `${where}: marked content ${tag} with MCID ${mcid} is not mapped by the ParentTree to a structure element.`);
          }
          const mark: Mark = { tag, tagged: element !== undefined, lang: lang ?? elementLang(element) };
          if (mcid !== undefined) mark.mcid = mcid;
          marks.push(mark);
        } else if (op.operator === 'EMC') {
          marks.pop();
        } else {
          let kind = PAINTS[op.operator];
          if (op.operator === 'Do') {
            const n = op.operands[0];
            const xName = n && typeof n === 'object' && 'name' in n ? n.name : '';
            const xRef = objects.dict(resources['/XObject'])?.[`/${xName}`];
            const xObject = objects.stream(xRef);
            if (xObject && objects.name(xObject.dict['/Subtype']) === 'Form' && typeof xRef === 'string' && !formsOpen.has(xRef)) {
              read(xObject.data, objects.dict(xObject.dict['/Resources']) ?? resources, marks, new Set([...formsOpen, xRef]));
              continue;
            }
            kind = 'image';
          }
          if (!kind) continue;
          const tagged = marks.some((m) => m.tagged);
          const artifact = marks.some((m) => m.tag === 'Artifact');
          if (!tagged && !artifact) {
            if (counts.untagged++ === 0) firstUntagged = `${kind} (${op.operator})`;
          }
          if (kind === 'text' && !artifact && !hasLang && !marks.some((m) => m.lang)) counts.noLang++;
        }
      }
    };
    const contents = objects.resolve(pageDict['/Contents']);
    const streams = Array.isArray(contents) ? contents.map((c) => objects.stream(c)) : [objects.stream(pageDict['/Contents'])];
    const content = Buffer.concat(streams.flatMap((s) => (s ? [s.data, Buffer.from('\n')] : [])));
    read(content, inheritedResources(objects, pageDict), [], new Set());
    if (counts.untagged > 0) {
      fail('7.1-3', `${where}: ${counts.untagged} painted item(s) are neither tagged content nor an Artifact, the first a ${firstUntagged}.`);
    }
    if (counts.noLang > 0) fail('7.2-34', `${where}: ${counts.noLang} text item(s) have no language: no Lang in the catalog, their elements or their marked content.`);

    checkAnnotations(objects, pageDict, where, parentTree, byRef, hasLang, fail);
  }
  return violations;
}

function inheritedResources(objects: Objects, page: Dict): Dict {
  for (let node: Dict | undefined = page, depth = 0; node && depth < 64; node = objects.dict(node['/Parent']), depth++) {
    const resources = objects.dict(node['/Resources']);
    if (resources) return resources;
  }
  return {};
}

function checkXmp(xmp: string, hasLang: boolean, fail: (rule: string, message: string) => void) {
  const prefixOf = (uri: string) => [...xmp.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)].find((m) => m[2] === uri)?.[1];
  const ua = prefixOf('http://www.aiim.org/pdfua/ns/id/');
  const property = (prefix: string | undefined, name: string) => {
    if (!prefix) return undefined;
    const element = new RegExp(`<${prefix}:${name}>\\s*([^<]*?)\\s*</${prefix}:${name}>`).exec(xmp);
    const attribute = new RegExp(`\\s${prefix}:${name}\\s*=\\s*["']([^"']*)["']`).exec(xmp);
    return (element ?? attribute)?.[1];
  };
  const part = property(ua, 'part');
  if (part === undefined) fail('5-1', 'The XMP metadata has no PDF/UA identification (pdfuaid:part).');
  else {
    if (part !== '1') fail('5-2', `The XMP metadata's pdfuaid:part is "${part}", not 1.`);
    if (ua !== 'pdfuaid') fail('5-3', `The PDF/UA identification's part has the prefix "${ua}", not pdfuaid.`);
  }
  if (ua && ua !== 'pdfuaid' && property(ua, 'amd') !== undefined) fail('5-4', `The PDF/UA identification's amd has the prefix "${ua}", not pdfuaid.`);
  if (ua && ua !== 'pdfuaid' && property(ua, 'corr') !== undefined) fail('5-5', `The PDF/UA identification's corr has the prefix "${ua}", not pdfuaid.`);
  const dc = prefixOf('http://purl.org/dc/elements/1.1/');
  if (!dc || !new RegExp(`<${dc}:title[\\s>]`).test(xmp)) fail('7.1-9', 'The XMP metadata has no dc:title.');
  if (!hasLang && /xml:lang\s*=\s*["']x-default["']/.test(xmp)) fail('7.2-33', 'The XMP metadata has an x-default language alternative but the catalog has no Lang.');
}

/** The standard type each structure type maps to through the role map ('' when none); 7.1-5..7. */
function standardTypes(objects: Objects, roleMap: Dict, fail: (rule: string, message: string) => void) {
  const reported = new Set<string>();
  for (const key of Object.keys(roleMap)) {
    if (STANDARD_TYPES.has(key.slice(1))) fail('7.1-7', `The role map remaps the standard type ${key.slice(1)}.`);
  }
  return (type: string): string => {
    const seen = new Set<string>();
    let current = type;
    while (!STANDARD_TYPES.has(current)) {
      if (seen.has(current)) {
        if (!reported.has(type)) fail('7.1-6', `The role map maps ${type} in a circle.`);
        reported.add(type);
        return '';
      }
      seen.add(current);
      const next = objects.name(roleMap[`/${current}`]);
      if (next === undefined) {
        if (!reported.has(type)) fail('7.1-5', `The structure type ${type} is not mapped to a standard type.`);
        reported.add(type);
        return '';
      }
      current = next;
    }
    return current;
  };
}

function checkStructure(objects: Objects, elements: Element[], hasLang: boolean, fail: (rule: string, message: string) => void) {
  let previousLevel = 0;
  let usesH = false;
  let usesHn = false;
  const noteIds = new Map<string, number>();
  const ids = new Set(elements.map((e) => objects.text(e.dict['/ID'])).filter((id) => id !== undefined));
  for (const e of elements) {
    const kidTypes = e.kids.map((k) => k.standardType);
    const parentType = e.parent?.standardType ?? '';
    if (e.dict['/P'] === undefined) fail('7.1-12', `The ${e.label} has no P (parent) entry.`);
    const allowed = ALLOWED_KIDS[e.standardType];
    const wrongKid = allowed && kidTypes.find((t) => !allowed[1].includes(t));
    if (allowed && wrongKid !== undefined) fail(allowed[0], `The ${e.label} contains a ${wrongKid || 'non-standard element'}; it may contain only ${allowed[1].join(', ')}.`);
    const required = REQUIRED_PARENT[e.standardType];
    if (required && !required[1].includes(parentType)) fail(required[0], `The ${e.label} is inside ${parentType || 'the structure tree root'}, not ${required[1].join(' or ')}.`);
    const count = (t: string) => kidTypes.filter((k) => k === t).length;
    if (e.standardType === 'Table') {
      if (count('THead') > 1) fail('7.2-11', `The ${e.label} has more than one THead.`);
      if (count('TFoot') > 1) fail('7.2-12', `The ${e.label} has more than one TFoot.`);
      if (count('TFoot') > 0 && count('TBody') === 0) fail('7.2-13', `The ${e.label} has a TFoot but no TBody.`);
      if (count('THead') > 0 && count('TBody') === 0) fail('7.2-14', `The ${e.label} has a THead but no TBody.`);
      if (kidTypes.slice(1, -1).includes('Caption')) fail('7.2-16', `The ${e.label} has a Caption that is neither its first nor its last kid.`);
      if (count('Caption') > 1) fail('7.2-39', `The ${e.label} has more than one Caption.`);
      checkTableGrid(objects, e, ids, fail);
    }
    if ((e.standardType === 'TOC' || e.standardType === 'L') && kidTypes.slice(1).includes('Caption')) {
      fail(e.standardType === 'TOC' ? '7.2-28' : '7.2-40', `The ${e.label} has a Caption that is not its first kid.`);
    }
    if (count('H') > 1) fail('7.4.4-1', `The ${e.label} has more than one H kid.`);
    if (e.standardType === 'H') usesH = true;
    const level = /^H([1-6])$/.exec(e.standardType)?.[1];
    if (level) {
      usesHn = true;
      if (Number(level) > previousLevel + 1) {
        fail('7.4.2-1', `The ${e.label} follows ${previousLevel ? `an H${previousLevel}` : 'no heading'}: heading levels must start at H1 and not skip a level.`);
      }
      previousLevel = Number(level);
    }
    const alt = objects.text(e.dict['/Alt']);
    const actualText = objects.text(e.dict['/ActualText']);
    if ((e.standardType === 'Figure' || e.standardType === 'Formula') && !alt && actualText === undefined) {
      fail(e.standardType === 'Figure' ? '7.3-1' : '7.7-1', `The ${e.label} has no Alt or ActualText.`);
    }
    if (e.standardType === 'Note') {
      const id = objects.text(e.dict['/ID']);
      if (!id) fail('7.9-1', `The ${e.label} has no ID.`);
      else noteIds.set(id, (noteIds.get(id) ?? 0) + 1);
    }
    const lang = objects.text(e.dict['/Lang']);
    if (lang !== undefined && !LANGUAGE_TAG.test(lang)) fail('7.2-29', `The ${e.label} has Lang "${lang}", not a language tag.`);
    let langKnown = hasLang;
    for (let a: Element | undefined = e; a && !langKnown; a = a.parent) langKnown = objects.text(a.dict['/Lang']) !== undefined;
    if (!langKnown) {
      if (actualText !== undefined) fail('7.2-21', `The ${e.label}'s ActualText has no language (no Lang on it, its parents or the catalog).`);
      if (alt !== undefined) fail('7.2-22', `The ${e.label}'s Alt has no language (no Lang on it, its parents or the catalog).`);
      if (e.dict['/E'] !== undefined) fail('7.2-23', `The ${e.label}'s E has no language (no Lang on it, its parents or the catalog).`);
    }
    if (e.standardType === 'Form' && !attributes(objects, e.dict).some((a) => a['/Role'] !== undefined)) {
      const k = objects.resolve(e.dict['/K']);
      const kids = Array.isArray(k) ? k : [e.dict['/K']];
      if (kids.length !== 1 || objects.name(objects.dict(kids[0])?.['/Type']) !== 'OBJR') fail('7.18.4-2', `The ${e.label} has no Role and is not one widget annotation reference.`);
    }
  }
  for (const [id, n] of noteIds) if (n > 1) fail('7.9-2', `${n} Note elements share the ID "${id}".`);
  if (usesH && usesHn) fail('7.4.4-2', 'The structure tree uses both H and H1..H6 headings.');
  if (usesH && usesHn) fail('7.4.4-3', 'The structure tree uses both H1..H6 and H headings.');
}

/** An element's attribute dictionaries (A: one, or an array with revision numbers). */
function attributes(objects: Objects, d: Dict): Dict[] {
  const a = objects.resolve(d['/A']);
  return (Array.isArray(a) ? a : [d['/A']]).map((x) => objects.dict(x)).filter((x): x is Dict => x !== undefined);
}

/** Lays a table's cells on a grid (spans counted): 7.2-15, 7.2-42/43, 7.5-1/2. */
function checkTableGrid(objects: Objects, table: Element, ids: Set<string | undefined>, fail: (rule: string, message: string) => void) {
  const rows = table.kids.flatMap((k) => (k.standardType === 'TR' ? [k] : ['THead', 'TBody', 'TFoot'].includes(k.standardType) ? k.kids.filter((r) => r.standardType === 'TR') : []));
  const grid: (Element | undefined)[][] = [];
  const placed: { cell: Element; row: number; column: number }[] = [];
  const tableAttribute = (cell: Element, key: string) => attributes(objects, cell.dict).find((a) => objects.name(a['/O']) === 'Table' && a[key] !== undefined)?.[key];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let column = 0;
    for (const cell of row.kids.filter((c) => c.standardType === 'TH' || c.standardType === 'TD')) {
      while (grid[r]![column]) column++;
      const rowSpan = Math.max(1, objects.number(tableAttribute(cell, '/RowSpan')) ?? 1);
      const colSpan = Math.max(1, objects.number(tableAttribute(cell, '/ColSpan')) ?? 1);
      for (let y = r; y < r + rowSpan; y++) {
        for (let x = column; x < column + colSpan; x++) {
          if ((grid[y] ??= [])[x]) fail('7.2-15', `The ${cell.label} overlaps another cell of its table.`);
          grid[y]![x] = cell;
        }
      }
      placed.push({ cell, row: r, column });
      column += colSpan;
    }
  });
  const widths = grid.slice(0, rows.length).map((row) => row.length);
  if (new Set(widths).size > 1) fail('7.2-42', `The ${table.label}'s rows have different numbers of columns (${widths.join(', ')}).`);
  for (const { cell, row, column } of placed) {
    if (cell.standardType !== 'TD') continue;
    const headers = objects.array(tableAttribute(cell, '/Headers')).map((h) => objects.text(h));
    if (headers.length > 0) {
      const unknown = headers.filter((h) => !ids.has(h));
      if (unknown.length) fail('7.5-2', `The ${cell.label} names headers that are not the ID of any element: ${unknown.join(', ')}.`);
      continue;
    }
    const scope = (c: Element | undefined) => (c && c.standardType === 'TH' ? objects.name(tableAttribute(c, '/Scope')) : undefined);
    const rowHeader = (grid[row] ?? []).some((c) => ['Row', 'Both'].includes(scope(c) ?? ''));
    const columnHeader = grid.some((r) => ['Column', 'Both'].includes(scope(r[column]) ?? ''));
    if (!rowHeader && !columnHeader) fail('7.5-1', `The ${cell.label} has no header: no TH with a Scope in its row or column, and no Headers attribute.`);
  }
}

function checkAnnotations(
  objects: Objects,
  page: Dict,
  where: string,
  parentTree: Map<number, Value>,
  byRef: Map<string, Element>,
  hasLang: boolean,
  fail: (rule: string, message: string) => void,
) {
  const annotations = objects.array(page['/Annots']);
  if (annotations.length > 0 && objects.name(page['/Tabs']) !== 'S') fail('7.18.3-1', `${where} has annotations but no /Tabs /S.`);
  for (const annotation of annotations) {
    const a = objects.dict(annotation) ?? {};
    const subtype = objects.name(a['/Subtype']) ?? '';
    const label = `${where}: the ${subtype} annotation ${isRef(annotation) ? annotation : ''}`.trimEnd();
    const hidden = ((objects.number(a['/F']) ?? 0) & 2) === 2;
    const key = objects.number(a['/StructParent']);
    const parentRef = key === undefined ? undefined : parentTree.get(key);
    const parent = parentRef !== undefined && isRef(parentRef) ? byRef.get(parentRef) : undefined;
    const contents = objects.text(a['/Contents']);
    if (contents && !hasLang && a['/Lang'] === undefined) fail('7.2-24', `${label} has Contents but no language (no Lang on it or in the catalog).`);
    if (hidden) continue;
    if (subtype === 'TrapNet') fail('7.18.2-1', `${label} is a TrapNet annotation.`);
    if (subtype === 'PrinterMark' && parent) fail('7.18.8-1', `${label} is in the structure tree; a PrinterMark is an artifact.`);
    if (subtype === 'Link') {
      if (parent?.standardType !== 'Link') fail('7.18.5-1', `${label} is not in a Link structure element${parent ? ` (its parent is ${parent.type})` : ''}.`);
      if (!contents) fail('7.18.5-2', `${label} has no Contents describing it.`);
    } else if (subtype === 'Widget') {
      if (parent?.standardType !== 'Form') fail('7.18.4-1', `${label} is not in a Form structure element.`);
    } else if (subtype !== 'PrinterMark' && subtype !== 'Popup') {
      if (parent?.standardType !== 'Annot') fail('7.18.1-1', `${label} is not in an Annot structure element.`);
    }
    if (subtype !== 'Widget' && !contents && !objects.text(parent?.dict['/Alt']) && subtype !== 'Link') {
      fail('7.18.1-2', `${label} has neither Contents nor an Alt on its structure element.`);
    }
  }
}

function checkFontDict(objects: Objects, ref: string, font: Dict, fail: (rule: string, message: string) => void) {
  const subtype = objects.name(font['/Subtype']);
  const name = objects.name(font['/BaseFont']) ?? ref;
  if (subtype === 'Type0') {
    const encoding = objects.name(font['/Encoding']);
    const descendant = objects.dict(objects.array(font['/DescendantFonts'])[0]) ?? {};
    const cidInfo = objects.dict(descendant['/CIDSystemInfo']) ?? {};
    if (encoding !== undefined && !PREDEFINED_CMAPS.has(encoding)) fail('7.21.3.3-1', `The font ${name} uses the CMap ${encoding}, neither predefined nor embedded.`);
    const cmap = objects.stream(font['/Encoding']);
    if (cmap && encoding === undefined) {
      const cmapInfo = objects.dict(cmap.dict['/CIDSystemInfo']) ?? {};
      const same = (k: string) => objects.text(cmapInfo[k]) !== undefined && objects.text(cmapInfo[k]) === objects.text(cidInfo[k]);
      if (!same('/Registry') || !same('/Ordering') || (objects.number(cidInfo['/Supplement']) ?? 0) > (objects.number(cmapInfo['/Supplement']) ?? -1)) {
        fail('7.21.3.1-1', `The font ${name}'s CIDSystemInfo does not agree with its CMap's.`);
      }
    }
    const descriptor = objects.dict(descendant['/FontDescriptor']) ?? {};
    if (objects.name(descendant['/Subtype']) === 'CIDFontType2' && descriptor['/FontFile2'] !== undefined && descendant['/CIDToGIDMap'] === undefined) {
      fail('7.21.3.2-1', `The embedded CIDFontType2 font ${name} has no CIDToGIDMap.`);
    }
    const ordering = objects.text(cidInfo['/Ordering']);
    const standardOrdering = objects.text(cidInfo['/Registry']) === 'Adobe' && ['GB1', 'CNS1', 'Japan1', 'Korea1'].includes(ordering ?? '');
    if (font['/ToUnicode'] === undefined && !standardOrdering) fail('7.21.7-1', `The composite font ${name} has no ToUnicode map from its codes to Unicode.`);
  }
  if (subtype === 'TrueType') {
    const flags = objects.number(objects.dict(font['/FontDescriptor'])?.['/Flags']) ?? 0;
    const symbolic = (flags & 4) === 4;
    const encodingValue = font['/Encoding'];
    const encoding = objects.name(encodingValue) ?? objects.name(objects.dict(encodingValue)?.['/BaseEncoding']);
    if (symbolic && encodingValue !== undefined) fail('7.21.6-3', `The symbolic TrueType font ${name} has an Encoding entry.`);
    if (!symbolic && encoding !== 'WinAnsiEncoding' && encoding !== 'MacRomanEncoding') fail('7.21.6-2', `The non-symbolic TrueType font ${name} is not WinAnsi or MacRoman encoded.`);
  }
}

/** 7.21.4.1-1 from pdffonts' table: "emb" is "no" for a font that is not embedded. */
function checkFontEmbedding(table: string, fail: (rule: string, message: string) => void) {
  for (const line of table.split('\n').slice(2)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 7) continue;
    const embedded = fields[fields.length - 5];
    if (embedded === 'no' && !/\bType 3\b/.test(line)) fail('7.21.4.1-1', `The font ${fields[0]} (object ${fields.at(-2)} ${fields.at(-1)} R) is not embedded.`);
  }
}

// ---------------------------------------------------------------------------
// The structure tree as poppler reads it, for golden files.

/** `pdfinfo -struct-text`, with trailing white space removed from each line (nothing else varies run to run). */
export async function goldenStructure(file: string): Promise<string> {
  const { stdout } = await run('pdfinfo', ['-struct-text', file], { maxBuffer: 1 << 28 });
  return stdout.replace(/[ \t]+$/gm, '').trimEnd() + '\n';
}

/**
 * The structure tree of a PDF against tests/golden/<name>.struct.txt: returns both, for the
 * test to compare. With UPDATE_GOLDEN=1 in the environment it first writes the golden file
 * from the PDF, so a deliberate change is recorded by running the test once that way.
 */
export async function structureAgainstGolden(file: string, name: string): Promise<{ actual: string; golden: string | undefined }> {
  const actual = await goldenStructure(file);
  const goldenFile = path.join(import.meta.dirname, '..', 'golden', `${name}.struct.txt`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(goldenFile), { recursive: true });
    writeFileSync(goldenFile, actual);
  }
  return { actual, golden: existsSync(goldenFile) ? readFileSync(goldenFile, 'utf8') : undefined };
}
