// Property-based: mutate the sample packs' YAML at random — delete lines, break
// indentation, swap values, insert odd characters, put odd text in values — and
// every case must either build a document or end with error diagnostics. Never a
// throw, never a hang; and for every pack that builds, the PDF's text read back
// holds every text of the document model. Built files damaged at random and given
// to `packs diff` are refused or compared, never a crash, and a file cut short is
// never "no differences".
// The seed is printed so a failure can be replayed: FUZZ_SEED=<seed> npm test.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { DataFileCache } from '../src/load/load-pack.js';
import { plainText, type Block } from '../src/model/document.js';
import { textUnits } from '../src/model/text-units.js';
import { writers } from '../src/writers/index.js';
import { runCli } from './support/project.js';
import { missingFrom, outputFile, pdfPages, projectRoot, squash } from './support/read-outputs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const files = ['packs/met-dac-2021', 'packs/shared/frameworks', 'packs/shared/pay-scales', 'packs/shared/calendars']
  .flatMap((dir) => readdirSync(path.join(projectRoot, dir)).filter((f) => f.endsWith('.yaml')).map((f) => path.join(projectRoot, dir, f)));

const oddText = fc.constantFrom('', ' ', ':', '- ', '[', '}', '&a', '*a', '!tag', '"', "'", '#', '\t', '\u202e', '\u0000', '__proto__: 1', '2021-02-31', '-1', '99:99', 'null', '~', '{{x}}');

/** A mutation of one file's text, described so a failure says what was done. */
const mutation = fc.record({
  file: fc.constantFrom(...files),
  kind: fc.constantFrom('delete-line', 'insert', 'replace-value', 'indent', 'duplicate-line'),
  line: fc.nat(),
  column: fc.nat(),
  text: oddText,
});

function mutate(source: string, m: { kind: string; line: number; column: number; text: string }): string {
  const lines = source.split('\n');
  const i = m.line % lines.length;
  const line = lines[i]!;
  switch (m.kind) {
    case 'delete-line':
      lines.splice(i, 1);
      break;
    case 'insert':
      lines[i] = line.slice(0, m.column % (line.length + 1)) + m.text + line.slice(m.column % (line.length + 1));
      break;
    case 'replace-value':
      lines[i] = line.includes(': ') ? `${line.slice(0, line.indexOf(': ') + 2)}${m.text}` : `${line}${m.text}`;
      break;
    case 'indent':
      lines[i] = `${' '.repeat((m.column % 5) + 1)}${line}`;
      break;
    case 'duplicate-line':
      lines.splice(i, 0, line);
      break;
  }
  return lines.join('\n');
}

describe('fuzzing the sample pack', () => {
  it(`every mutated pack builds or ends with error diagnostics (${RUNS} cases, seed ${SEED})`, async () => {
    console.log(`fuzz: ${RUNS} cases, seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const [location] = (await selectPacks(projectRoot, ['met-dac-2021'])).packs;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const replaced = new Map<string, string>();
        for (const m of mutations) replaced.set(m.file, mutate(replaced.get(m.file) ?? readFileSync(m.file, 'utf8'), m));
        const plan = await planPack(projectRoot, location!, new DataFileCache(projectRoot, replaced), { today: '2020-12-14' });
        // Either a document, or at least one error that says why not — each with a place and a message.
        expect(plan.document !== undefined || hasErrors(plan.diagnostics)).toBe(true);
        for (const d of plan.diagnostics) {
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.file.length).toBeGreaterThan(0);
          // A place is a span of the text that was read, as it is printed against.
          if (d.span) {
            const file = path.join(projectRoot, d.file);
            const text = replaced.get(file) ?? readFileSync(file, 'utf8');
            expect(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length, `${d.code} ${JSON.stringify(d.span)} in ${d.file}`).toBe(true);
          }
        }
        expect(Object.prototype).not.toHaveProperty('1');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});

/** Values of the pack's own files (`key: value` or `- value` lines) that the text mutations replace. */
const packFiles = readdirSync(path.join(projectRoot, 'packs/met-dac-2021'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => path.join(projectRoot, 'packs/met-dac-2021', f));

const valueLine = /^(\s*(?:- )?[A-Za-z][\w-]*: |\s*- )(?!\||>)(\S.*)$/;

/** Odd text of every kind a person (or a paste) can put in a value. */
const markdown = fc.constantFrom('**', '__', '*', '_', '`', '[a](b)', '[x](javascript:alert(1))', '<b>', '# ', '> ', '- ', '1. ', '\\', '~~', '![i](x.png)');
const handlebars = fc.constantFrom('{{', '}}', '{{log "x"}}', '{{#each @root}}{{/each}}', '{{> x}}', '{{lookup . "a"}}', '{{{x}}}', '{{!c}}', '{{@root}}');
const table = fc.constantFrom('|', '\n', '\r\n', '\t', '||', '| --- |');
const nesting = fc.integer({ min: 1, max: 3000 }).chain((n) => fc.constantFrom('- '.repeat(n), '> '.repeat(n), '[' .repeat(n), '*'.repeat(n)).map((t) => `${t}x`));
const unicode = fc.string({ unit: 'binary', maxLength: 20 });
/** Letters the pack's fonts have, and the characters above: the text that must come out of the PDF as it went in. */
const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019 £–’éŵŷąłż.,;:!?()&/@#%'.split('')), minLength: 1, maxLength: 30 });
const oddValue = fc.oneof(
  // Text the pack can print, with Markdown, Handlebars and table syntax in it: most such packs build.
  fc.array(fc.oneof(printable, markdown, handlebars, table), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  // Anything at all: most such packs end with errors, none with a crash.
  fc.array(fc.oneof(printable, markdown, handlebars, table, unicode, nesting), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
);

const textMutation = fc.record({ file: fc.constantFrom(...packFiles), line: fc.nat(), value: oddValue });

function putValue(source: string, m: { line: number; value: string }): string {
  const lines = source.split('\n');
  const candidates = lines.flatMap((line, i) => (valueLine.test(line) ? [i] : []));
  if (candidates.length === 0) return source;
  const i = candidates[m.line % candidates.length]!;
  // JSON's string syntax is YAML's double-quoted scalar: the value arrives exactly as generated.
  lines[i] = lines[i]!.replace(valueLine, (_, key: string) => `${key}${JSON.stringify(m.value)}`);
  return lines.join('\n');
}

/** The PDF's text, squashed, without its footers, however many lines a long footer takes. */
function bodyText(file: string, footer: string): string {
  const pages = pdfPages(file).map((page) => squash(page).split(squash(footer)).join('').replace(/Page\d+of\d+/g, ''));
  return pages.join('');
}

/**
 * The PDF's text without the header rows a table repeats on each page it spans: a row split over two pages
 * reads in the text as its first part, the header again, then the rest of the row.
 */
function withoutRepeatedHeaders(text: string, blocks: Block[]): string {
  for (const block of blocks) {
    if (block.type !== 'table') continue;
    const header = squash(block.header.map((cell) => plainText(cell)).join(''));
    const first = text.indexOf(header);
    if (header === '' || first < 0) continue;
    const rest = first + header.length;
    text = text.slice(0, rest) + text.slice(rest).split(header).join('');
  }
  return text;
}

/**
 * Whether `unit` is in `body` in order within `window` characters from where its first characters
 * are: how the text of a table cell reads when its row is split over pages, column by column, so
 * that other cells' text (or the rest of a tall header row) comes between its parts.
 */
function inOrderWithin(body: string, unit: string, window: number): boolean {
  // From each place its first character is: a tall cell may be split after any of its characters.
  const head = unit.slice(0, 1);
  for (let at = body.indexOf(head); at >= 0; at = body.indexOf(head, at + 1)) {
    let matched = 0;
    for (let j = at; j < Math.min(body.length, at + window) && matched < unit.length; j++) if (body[j] === unit[matched]) matched++;
    if (matched === unit.length) return true;
  }
  return false;
}

/**
 * The texts not in the PDF, allowing for how a table row taller than a page is split: column by
 * column, so a cell's text is looked for in order within the stretch of text its table takes.
 */
function missingFromPdf(body: string, blocks: Block[]): string[] {
  const tables = blocks.flatMap((block) => (block.type === 'table' ? [[block.header, ...block.rows].map((row) => row.map((cell) => squash(plainText(cell))))] : []));
  return missingFrom(body, textUnits(blocks)).filter((unit) => {
    const table = tables.find((rows) => rows.some((cells) => cells.includes(squash(unit))));
    if (!table) return true;
    const tableLength = table.flat().reduce((sum, cell) => sum + cell.length, 0);
    return !inOrderWithin(body, squash(unit), squash(unit).length + tableLength);
  });
}

const TEXT_RUNS = Number(process.env.FUZZ_TEXT_RUNS ?? 60);
const scratch = mkdtempSync(path.join(tmpdir(), 'packs-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Resolves with the promise's value, or fails the case when it takes longer than `ms`. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('fuzzing the text of values', () => {
  it(`every pack with odd text builds with that text in its PDF, or ends with error diagnostics (${TEXT_RUNS} cases, seed ${SEED})`, async () => {
    const [location] = (await selectPacks(projectRoot, ['met-dac-2021'])).packs;
    const pdf = await writers.pdf();
    let built = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(textMutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const replaced = new Map<string, string>();
        for (const m of mutations) replaced.set(m.file, putValue(replaced.get(m.file) ?? readFileSync(m.file, 'utf8'), m));
        const plan = await within(20_000, 'planning', planPack(projectRoot, location!, new DataFileCache(projectRoot, replaced), { today: '2020-12-14' }));
        expect(plan.document !== undefined || hasErrors(plan.diagnostics)).toBe(true);
        if (!plan.document || hasErrors(plan.diagnostics)) return;
        built++;
        const file = path.join(scratch, 'case.pdf');
        writeFileSync(file, await within(60_000, 'the PDF writer', pdf(plan.document)));
        expect(missingFromPdf(withoutRepeatedHeaders(bodyText(file, plan.document.meta.footer), plan.document.blocks), plan.document.blocks)).toEqual([]);
      }),
      { numRuns: TEXT_RUNS, seed: SEED },
    );
    console.log(`fuzz: ${built} of ${TEXT_RUNS} text cases built, each PDF read back`);
  }, 600_000);
});

const DIFF_RUNS = Number(process.env.FUZZ_DIFF_RUNS ?? 40);

describe('fuzzing built files given to packs diff', () => {
  it(`a damaged .pdf or .docx is compared or refused, never a crash; one cut short is never "no differences" (${DIFF_RUNS} cases, seed ${SEED})`, async () => {
    const damage = fc.record({
      format: fc.constantFrom('pdf' as const, 'docx' as const),
      kind: fc.constantFrom('truncate', 'flip', 'insert'),
      at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    });
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const original = outputFile('met-dac-2021', d.format);
        const bytes = readFileSync(original);
        const at = Math.floor(d.at * bytes.length);
        const damaged =
          d.kind === 'truncate'
            ? bytes.subarray(0, at)
            : d.kind === 'flip'
              ? Buffer.concat([bytes.subarray(0, at), Buffer.from(d.bytes.map((b, i) => b ^ (bytes[at + i] ?? 0) ^ 0xff)), bytes.subarray(at + d.bytes.length)])
              : Buffer.concat([bytes.subarray(0, at), d.bytes, bytes.subarray(at)]);
        const file = path.join(scratch, `damaged.${d.format}`);
        writeFileSync(file, damaged);
        const run = await within(60_000, 'packs diff', runCli(['diff', original, file]));
        expect([0, 1, 2], run.stderr).toContain(run.status);
        expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
        // Cutting only the line end after a PDF's last line leaves the whole file; cutting anything more is a change.
        const cutSomething = d.kind === 'truncate' && bytes.subarray(at).toString('latin1').trim() !== '';
        if (cutSomething) expect(run.status, run.stdout + run.stderr).not.toBe(0);
      }),
      { numRuns: DIFF_RUNS, seed: SEED },
    );
  }, 600_000);
});
