// Reads a built file back for `packs diff`: the facts it carries (see
// model/facts.ts: the PDF's attached pack-data.json, or the .docx's custom XML
// part), checked against their schema, and the text it shows with the text
// recorded when it was built, so that a file changed by hand afterwards is
// seen. Each format's reader is its writer's (writers/*/read-*.ts): they work
// within size limits and fail with one plain line (UnreadableFile).
import { z } from 'zod';
import { EARLIER_FACTS_FORMAT, FACTS_FORMAT, type PackFacts } from '../model/facts.js';
import { readDocx } from '../writers/docx/read-docx.js';
import { readPdf } from '../writers/pdf/read-pdf.js';
import { MAX_BUILT_FILE_BYTES, megabytes, normaliseWhitespace, UnreadableFile } from '../writers/read-back.js';

export { UnreadableFile } from '../writers/read-back.js';

const text = z.string();
const factsSchema = z.object({
  format: z.enum([FACTS_FORMAT, EARLIER_FACTS_FORMAT]),
  pack: z.object({ id: text, title: text, version: text, date: text }),
  facts: z.array(z.object({ key: text, value: text.optional(), items: z.array(text).optional(), source: text.optional() })),
  sections: z.array(z.object({ title: text, paragraphs: z.array(text) })),
});
// The schema and the type the rest of the tool uses must describe the same thing.
const sameShape: PackFacts = {} as z.infer<typeof factsSchema>;
void sameShape;

const KNOWN_FORMATS: string[] = [FACTS_FORMAT, EARLIER_FACTS_FORMAT];
const FORMAT_PREFIX = /^recruitment-pack-(facts|snapshot)\//;

/** What a JSON value's path reads as in a message: `sections[2].paragraphs[0]`. */
const pathOf = (path: PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'the data';

const kinds: Record<string, string> = { string: 'text', array: 'a list', object: 'a set of fields', number: 'a number' };

/**
 * The facts in `json`: undefined if it is not facts at all (another
 * attachment); an UnreadableFile if it is facts of the wrong shape.
 */
export function parseFacts(json: string): PackFacts | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // Facts are written starting with their format; what starts so but does not parse was ours once.
    if (/^\{"format":"recruitment-pack-/.test(json)) throw new UnreadableFile('carries pack data that is damaged: it is not whole JSON');
    return undefined;
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof format !== 'string' || !FORMAT_PREFIX.test(format)) return undefined;
  if (!KNOWN_FORMATS.includes(format)) throw new UnreadableFile(`carries pack data in a newer format (${format}) than this version of the tool reads: update it`);
  const checked = factsSchema.safeParse(value);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  const where = pathOf(issue.path);
  const expected = issue.code === 'invalid_type' ? kinds[issue.expected] ?? issue.expected : undefined;
  const found = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], value);
  const problem = expected === undefined ? 'is not as this tool writes it' : found === undefined ? 'is missing' : `should be ${expected}`;
  throw new UnreadableFile(`carries pack data that is damaged: ${where} ${problem}`);
}

/** A built file read back. */
export interface BuiltFile {
  facts: PackFacts;
  /** The text it shows now, whitespace normalised. */
  visibleText: string;
  /** The text it showed when built; undefined for a file built before files recorded it. */
  recordedText: string | undefined;
}

const NO_FACTS = 'carries no pack data (it was not built by this tool, or by a version before it embedded it)';

function readPdfFile(bytes: Buffer): BuiltFile {
  const pdf = readPdf(bytes);
  let facts: PackFacts | undefined;
  for (const file of pdf.embeddedFiles()) {
    facts = parseFacts(file.toString('utf8'));
    if (facts) break;
  }
  if (!facts) throw new UnreadableFile(NO_FACTS);
  const recordedText = pdf.recordedText();
  return { facts, visibleText: pdf.visibleText(), recordedText: recordedText === undefined ? undefined : normaliseWhitespace(recordedText) };
}

const unescapeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The parts of a .docx that may hold the facts. */
const CUSTOM_XML_PART = /^customXml\/item\d+\.xml$/;

function readDocxFile(bytes: Buffer): BuiltFile {
  const docx = readDocx(bytes);
  for (const name of docx.names.filter((n) => CUSTOM_XML_PART.test(n)).sort()) {
    const xml = docx.part(name)!;
    const body = /<packData[^>]*>([\s\S]*?)<\/packData>/.exec(xml)?.[1];
    const facts = body === undefined ? undefined : parseFacts(unescapeXml(body));
    if (!facts) continue;
    const recorded = /<visibleText>([\s\S]*?)<\/visibleText>/.exec(xml)?.[1];
    return { facts, visibleText: docx.visibleText(), recordedText: recorded === undefined ? undefined : normaliseWhitespace(unescapeXml(recorded)) };
  }
  throw new UnreadableFile(NO_FACTS);
}

/** Reads a built .pdf or .docx; throws UnreadableFile, whose reason completes "<file> …". */
export function readBuiltFile(bytes: Buffer): BuiltFile {
  if (bytes.length > MAX_BUILT_FILE_BYTES) throw new UnreadableFile(`is ${megabytes(bytes.length)}; built files are compared up to ${megabytes(MAX_BUILT_FILE_BYTES)}`);
  const magic = bytes.subarray(0, 5).toString('latin1');
  try {
    if (magic === '%PDF-') return readPdfFile(bytes);
    if (magic.startsWith('PK')) return readDocxFile(bytes);
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    // A reader met something it did not expect: the file is not as this tool writes it.
    throw new UnreadableFile('is damaged, or was not built by this tool: it cannot be read');
  }
  throw new UnreadableFile(NO_FACTS);
}
