// Reads one YAML file into plain data while keeping the parsed document, so
// that any later finding can be pointed at the line and column of its node.
import { isAlias, isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionOf, relativeName, type YamlFile } from '../pack/data-file.js';
import { readBoundedFile } from './bounded-file.js';
import type { ReadLog } from './read-log.js';

/** Files bigger than this are refused: no data file a person writes is this large. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type LoadResult =
  | { ok: true; file: YamlFile; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** No data file needs more aliases than this; more is a "billion laughs" bomb. */
export const MAX_ALIASES = 100;

const SYNTAX_HINT = 'check the indentation, and put text containing ": " or starting with a special character in quotes';

/**
 * The first bracket of the run of opening brackets (and the space between them)
 * that `offset` is in. The parser runs out of stack at a depth that differs from
 * one Node version to the next; the run it was reading starts at the same place
 * whatever the version, and is where the mistake is.
 */
function startOfBracketRun(source: string, offset: number): number {
  let start = Math.min(offset, source.length);
  while (start > 0 && /[[{\s]/.test(source[start - 1]!)) start--;
  while (start < offset && /\s/.test(source[start]!)) start++;
  return start;
}

/** Turns the yaml library's complaints into diagnostics people can act on. */
function parseProblem(yamlFile: YamlFile, problem: { code: string; message: string; pos: [number, number] }): Diagnostic {
  const at = { file: yamlFile.file, ...positionOf(yamlFile, problem.pos[0]) };
  const text = yamlFile.source.slice(problem.pos[0], problem.pos[1]);
  switch (problem.code) {
    case 'DUPLICATE_KEY': {
      const key = /^[^:\n]*/.exec(yamlFile.source.slice(problem.pos[0]))![0].trim();
      return {
        code: 'duplicate-key',
        severity: 'error',
        message: `duplicate key "${key}": it is already set above in the same mapping`,
        ...at,
        hint: 'keep one of the two lines',
      };
    }
    case 'TAG_RESOLVE_FAILED':
      return {
        code: 'unknown-tag',
        severity: 'error',
        message: `unknown tag ${/^!\S*/.exec(text)?.[0] ?? text}`,
        ...at,
        hint: 'data files use plain YAML values; remove the tag',
      };
    default:
      if (/call stack/i.test(problem.message)) {
        return {
          code: 'too-deeply-nested',
          severity: 'error',
          message: 'the data is nested too deeply to read',
          file: yamlFile.file,
          ...positionOf(yamlFile, startOfBracketRun(yamlFile.source, problem.pos[0])),
          hint: 'data files need only a few levels of nesting; check for runaway brackets or indentation',
        };
      }
      return { code: 'yaml-syntax', severity: 'error', message: problem.message.split('\n')[0] ?? problem.message, ...at, hint: SYNTAX_HINT };
  }
}

/**
 * Characters that change how text reads without being seen — bidirectional
 * overrides and isolates, zero-width spaces — can make a pack say something
 * other than what its author saw. They are refused unless the file says
 * `# packs: allow-hidden-characters` (for text that really needs them).
 */
const HIDDEN = /[\u200B\u202A-\u202E\u2066-\u2069]/g;
const ALLOW_HIDDEN = /^#\s*packs:\s*allow-hidden-characters\s*$/m;

function hiddenCharacters(file: YamlFile): Diagnostic[] {
  if (ALLOW_HIDDEN.test(file.source)) return [];
  return [...file.source.matchAll(HIDDEN)].map((match) => ({
    code: 'hidden-character',
    severity: 'error' as const,
    message: `invisible character U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in the text`,
    file: file.file,
    ...positionOf(file, match.index),
    hint: 'delete it (it was probably pasted in); if it is meant, add the line `# packs: allow-hidden-characters` to the file',
  }));
}

/**
 * Keys that are lists or mappings (`[a, b]: …`, `? {x: 1}`). YAML allows them,
 * but a data file's keys are names, and reading one would turn it into text
 * such as "[a, b]" (with a warning from the parser on the terminal).
 */
function collectionKeys(yamlFile: YamlFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(yamlFile.document, {
    Pair(_, pair) {
      // An alias (*name) as a key stands for what it names.
      const key = isAlias(pair.key) ? pair.key.resolve(yamlFile.document) : pair.key;
      if (!isMap(key) && !isSeq(key)) return;
      found.push({
        code: 'key-not-a-name',
        severity: 'error',
        message: `a key here is a ${isSeq(key) ? 'list' : 'mapping'}; keys are names, such as "title"`,
        file: yamlFile.file,
        ...positionOf(yamlFile, (pair.key as Node).range?.[0] ?? 0),
        hint: 'check the brackets and the "?" at the start of the line: a key is a name followed by a colon, as in `title: Chief Inspector`',
      });
    },
  });
  return found;
}

/** Where the first alias (*name) is, to point at when a file has too many. */
function firstAliasOffset(document: Document.Parsed): number {
  let offset = 0;
  visit(document, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Reads and parses a YAML file with the YAML 1.2 core schema whatever its
 * %YAML directive says: no `yes`/`no` booleans, no merge keys, no custom tags;
 * duplicate keys are errors, and aliases are limited.
 */
/** `log`, when given, notes what the file held (a replacement is not on disk, so is not noted). */
export async function loadYamlFile(root: string, absolutePath: string, replacement?: string, log?: ReadLog): Promise<LoadResult> {
  const file = relativeName(root, absolutePath);
  // A proposed edit is checked as if it were on disk, before anything is written.
  if (replacement !== undefined) return parseYaml(file, absolutePath, replacement);
  const fail = (code: string, message: string, hint?: string): LoadResult => ({
    ok: false,
    diagnostics: [{ code, severity: 'error', message, file, line: 0, column: 0, ...(hint ? { hint } : {}) }],
  });
  const read = await readBoundedFile(absolutePath, MAX_FILE_BYTES, log);
  if (!read.ok) {
    if (read.problem === 'not-a-file') return fail('file-not-found', `${file} is not a file`);
    if (read.problem === 'not-found') return fail('file-not-found', `file not found: ${file}`, 'check the path; it is relative to the file that names it');
    return fail('file-too-large', `${file} is ${read.size} bytes; data files may be at most ${MAX_FILE_BYTES} bytes`, 'check that this is the right file');
  }
  const bytes = read.bytes;
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Point at the first byte that is not UTF-8: where the decoder had to put a replacement character.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))).split('\n');
    return {
      ok: false,
      diagnostics: [
        {
          code: 'invalid-encoding',
          severity: 'error',
          message: `${file} is not UTF-8 text`,
          file,
          line: before.length,
          column: before[before.length - 1]!.length + 1,
          hint: 'save the file as UTF-8 text (in Excel or Word, choose "UTF-8" when saving)',
        },
      ],
    };
  }
  return parseYaml(file, absolutePath, source);
}

function parseYaml(file: string, absolutePath: string, source: string): LoadResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    version: '1.2',
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
    keepSourceTokens: false,
  });
  const yamlFile: YamlFile = { file, absolutePath, source, document, lineCounter, data: undefined };
  const diagnostics: Diagnostic[] = [];
  const directive = /^%YAML[ \t]+(\S+)/m.exec(source);
  if (directive && directive[1] !== '1.2') {
    diagnostics.push({
      code: 'yaml-version',
      severity: 'warning',
      message: `the %YAML ${directive[1]} directive is ignored: data files are read as YAML 1.2 (so "No" stays text and "<<" is an ordinary key)`,
      file,
      ...positionOf(yamlFile, directive.index),
      hint: 'remove the %YAML line',
    });
  }
  diagnostics.push(...hiddenCharacters(yamlFile));
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) return { ok: false, diagnostics: [...diagnostics, ...problems.map((p) => parseProblem(yamlFile, p))] };
  const keys = collectionKeys(yamlFile);
  if (keys.length > 0) return { ok: false, diagnostics: [...diagnostics, ...keys] };
  try {
    yamlFile.data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return {
      ok: false,
      diagnostics: [
        ...diagnostics,
        {
          code: 'too-many-aliases',
          severity: 'error',
          message: `${file} expands its aliases (*name) too many times`,
          file,
          ...positionOf(yamlFile, firstAliasOffset(document)),
          hint: 'write the values out instead of repeating aliases',
        },
      ],
    };
  }
  return { ok: true, file: yamlFile, diagnostics };
}
