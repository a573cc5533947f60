// Reads one YAML file into plain data while keeping the parsed document, so
// that any later finding can be pointed at the line and column of its node.
import { isAlias, isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Finding, type Span } from '../diagnostics/diagnostic.js';
import { relativeName, spanOf, type YamlFile } from '../pack/data-file.js';
import { notAFile, readProjectFile, unreadable } from '../pack/project-files.js';
import { hiddenCharacters } from './hidden-characters.js';
import type { ReadLog } from './read-log.js';
import { MAX_ALIASES, MAX_DATA_FILE_BYTES } from '../pack/limits.js';
import { dataLimitProblems } from './data-limits.js';
import { yamlProblemInWords } from './yaml-words.js';

export type LoadResult =
  | { ok: true; file: YamlFile; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };


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
  // The parser places a mistake at the end of the text one character past it.
  const start = Math.min(problem.pos[0], yamlFile.source.length);
  const end = Math.min(Math.max(problem.pos[1], start), yamlFile.source.length);
  const at = (finding: Finding) => diagnostic(finding, yamlFile.file, { start, end });
  const text = yamlFile.source.slice(start, end);
  // The parser's stack can run out at any step, tag resolution included: whatever the code, it is the nesting.
  if (/call stack/i.test(problem.message)) {
    const run = startOfBracketRun(yamlFile.source, start);
    return diagnostic(
      {
        code: 'too-deeply-nested',
        message: 'the data is nested too deeply to read',
        hint: 'data files need only a few levels of nesting; check for runaway brackets or indentation',
      },
      yamlFile.file,
      { start: run, end: Math.max(run, end) },
    );
  }
  switch (problem.code) {
    case 'DUPLICATE_KEY': {
      const key = /^[^:\n]*/.exec(yamlFile.source.slice(start))![0].trim();
      return at({
        code: 'duplicate-key',
        message: `duplicate key "${key}": it is already set above in the same mapping`,
        hint: 'keep one of the two lines',
      });
    }
    case 'TAG_RESOLVE_FAILED':
      return at({
        code: 'unknown-tag',
        message: `unknown tag ${/^!\S*/.exec(text)?.[0] ?? text}`,
        hint: 'data files use plain YAML values; remove the tag',
      });
    default:
      return at(yamlProblemInWords(problem.code, problem.message, yamlFile.source.slice(start)));
  }
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
      found.push(
        diagnostic(
          {
            code: 'key-not-a-name',
            message: `a key here is a ${isSeq(key) ? 'list' : 'mapping'}; keys are names, such as "title"`,
            hint: 'check the brackets and the "?" at the start of the line: a key is a name followed by a colon, as in `title: Chief Inspector`',
          },
          yamlFile.file,
          spanOf(pair.key as Node),
        ),
      );
    },
  });
  return found;
}

/** The first alias (*name), to point at when a file has too many. */
function firstAlias(document: Document.Parsed): Node | null {
  let first: Node | null = null;
  visit(document, {
    Alias(_, node) {
      first = node;
      return visit.BREAK;
    },
  });
  return first;
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
  const fail = (finding: Finding, span?: Span): LoadResult => ({ ok: false, diagnostics: [diagnostic(finding, file, span)] });
  const read = readProjectFile(root, absolutePath, MAX_DATA_FILE_BYTES, log);
  if (!read.ok) {
    if (read.problem === 'not-a-file') return fail(notAFile(file, read.kind));
    if (read.problem === 'outside-project') {
      // A pack.yaml (or a file a link inside the project leads to) that is a link out of the project.
      return fail({
        code: 'file-outside-project',
        message: `${file} links to a file outside the project`,
        hint: 'copy the file into the project instead of linking to it',
      });
    }
    if (read.problem === 'unreadable') return fail(unreadable(file, read.reason));
    if (read.problem === 'not-found') {
      return fail({ code: 'file-not-found', message: `file not found: ${file}`, hint: 'check the path; it is relative to the file that names it' });
    }
    return fail({
      code: 'file-too-large',
      message: `${file} is ${read.size} bytes; data files may be at most ${MAX_DATA_FILE_BYTES} bytes`,
      hint: 'check that this is the right file',
    });
  }
  const bytes = read.bytes;
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Point at the first byte that is not UTF-8: where the decoder had to put a replacement character
    // (the text it is printed against is decoded the same way).
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const start = Math.max(0, lenient.indexOf('\uFFFD'));
    return fail({
      code: 'invalid-encoding',
      message: `${file} is not UTF-8 text`,
      hint: 'save the file as UTF-8 text (in Excel or Word, choose "UTF-8" when saving)',
    }, { start, end: start + 1 });
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
    diagnostics.push(
      diagnostic(
        {
          code: 'yaml-version',
          message: `the %YAML ${directive[1]} directive is ignored: data files are read as YAML 1.2 (so "No" stays text and "<<" is an ordinary key)`,
          hint: 'remove the %YAML line',
        },
        file,
        { start: directive.index, end: directive.index + directive[0].length },
      ),
    );
  }
  diagnostics.push(...hiddenCharacters(yamlFile));
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    // One mistake often makes the parser complain two or three times on its line: the first says what it is.
    const lines = new Set<number>();
    const first = problems.filter((p) => {
      const line = lineCounter.linePos(p.pos[0]).line;
      return !lines.has(line) && lines.add(line);
    });
    return { ok: false, diagnostics: [...diagnostics, ...first.map((p) => parseProblem(yamlFile, p))] };
  }
  // Before anything below walks the document recursively.
  const limits = dataLimitProblems(yamlFile);
  diagnostics.push(...limits.diagnostics);
  if (limits.tooDeep) return { ok: false, diagnostics };
  const keys = collectionKeys(yamlFile);
  if (keys.length > 0) return { ok: false, diagnostics: [...diagnostics, ...keys] };
  try {
    yamlFile.data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return {
      ok: false,
      diagnostics: [
        ...diagnostics,
        diagnostic(
          {
            code: 'too-many-aliases',
            message: `${file} expands its aliases (*name) too many times`,
            hint: 'write the values out instead of repeating aliases',
          },
          file,
          spanOf(firstAlias(document)),
        ),
      ],
    };
  }
  return { ok: true, file: yamlFile, diagnostics };
}
