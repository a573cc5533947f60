// Reads one YAML file into plain data while keeping the parsed document, so
// that any later finding can be pointed at the line and column of its node.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Files bigger than this are refused: no data file a person writes is this large. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface YamlFile {
  /** Path relative to the project root, with forward slashes, as printed in diagnostics. */
  file: string;
  absolutePath: string;
  source: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain data; `undefined` when the file could not be parsed. */
  data: unknown;
}

export type PathSegment = string | number;

export function relativeName(root: string, absolutePath: string): string {
  return path.relative(root, absolutePath).split(path.sep).join('/');
}

/** Line and column (1-based) of a character offset. */
export function positionOf(file: YamlFile, offset: number): { line: number; column: number } {
  const { line, col } = file.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * The node at a data path, for pointing at it: the value's node if it exists;
 * for a missing key, the map that should hold it; for an unknown key, the key itself.
 */
export function nodeAt(file: YamlFile, segments: readonly PathSegment[], pointAtKey = false): Node | null {
  let node: unknown = file.document.contents;
  // The key of the mapping we are in: a missing field is reported at the key that should hold it.
  let holderKey: Node | null = null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return holderKey ?? node;
      holderKey = pair.key as Node;
      if (last && pointAtKey) return pair.key as Node;
      if (pair.value === null) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined || item === null) return node;
      holderKey = item as Node;
      node = item;
    } else {
      return (node as Node | null) ?? null;
    }
  }
  return (node as Node | null) ?? null;
}

/** A diagnostic placed at the node for a data path in a file. */
export function diagnosticAt(
  file: YamlFile,
  segments: readonly PathSegment[],
  fields: Omit<Diagnostic, 'file' | 'line' | 'column'>,
  pointAtKey = false,
): Diagnostic {
  const node = nodeAt(file, segments, pointAtKey);
  const offset = node?.range?.[0] ?? 0;
  return { ...fields, file: file.file, ...positionOf(file, offset) };
}

export type LoadResult = { ok: true; file: YamlFile } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads and parses a YAML file with the YAML 1.2 core schema: no `yes`/`no`
 * booleans, no merge keys, no custom tags; duplicate keys are errors.
 */
export async function loadYamlFile(root: string, absolutePath: string): Promise<LoadResult> {
  const file = relativeName(root, absolutePath);
  const at = (code: string, message: string, hint?: string): LoadResult => ({
    ok: false,
    diagnostics: [{ code, severity: 'error', message, file, line: 0, column: 0, ...(hint ? { hint } : {}) }],
  });
  let size: number;
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return at('file-not-found', `${file} is not a file`);
    size = info.size;
  } catch {
    return at('file-not-found', `file not found: ${file}`, 'check the path; it is relative to the file that names it');
  }
  if (size > MAX_FILE_BYTES) {
    return at('file-too-large', `${file} is ${size} bytes; data files may be at most ${MAX_FILE_BYTES} bytes`);
  }
  const source = await readFile(absolutePath, 'utf8');
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
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      diagnostics: problems.map((problem) => {
        const at = { file, ...positionOf(yamlFile, problem.pos[0]) };
        if (problem.code === 'DUPLICATE_KEY') {
          const key = /^[^:\n]*/.exec(source.slice(problem.pos[0]))![0].trim();
          return {
            code: 'duplicate-key',
            severity: 'error' as const,
            message: `duplicate key "${key}": it is already set above in the same mapping`,
            ...at,
            hint: 'keep one of the two lines',
          };
        }
        return { code: 'yaml-syntax', severity: 'error' as const, message: problem.message.split('\n')[0] ?? problem.message, ...at };
      }),
    };
  }
  try {
    yamlFile.data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return at('yaml-syntax', `cannot read ${file}: ${(error as Error).message}`);
  }
  return { ok: true, file: yamlFile };
}
