// A data file as the pipeline holds it once read: its text, its parsed YAML
// document and a line counter, so that any finding about a value can be placed
// at the node that holds it. Reading and parsing it is load/yaml-file.ts's job.
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Finding, type Span } from '../diagnostics/diagnostic.js';

export interface YamlFile {
  /** Path relative to the project root, with forward slashes, as printed in diagnostics. */
  file: string;
  absolutePath: string;
  source: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain data; `undefined` when the file could not be parsed. */
  data: unknown;
  /**
   * Set on the file that the sound part of a file failing its schema is handed on with (load/sound-part.ts):
   * for each list that lost elements, by its path in the file (as JSON), the position in the file of each
   * element kept. A path into the sound part is a path into the file once these are applied (`pathInFile`).
   */
  keptElements?: ReadonlyMap<string, readonly number[]>;
}

/** A path into the data handed on with a file, as a path into the file itself (see `keptElements`). */
export function pathInFile(file: YamlFile, segments: readonly PathSegment[]): PathSegment[] {
  const kept = file.keptElements;
  if (!kept) return [...segments];
  const inFile: PathSegment[] = [];
  for (const segment of segments) {
    const positions = typeof segment === 'number' ? kept.get(JSON.stringify(inFile)) : undefined;
    inFile.push(positions?.[segment as number] ?? segment);
  }
  return inFile;
}

export type PathSegment = string | number;

/** The value at a path in plain data; `found` is false when a key or element on the way is absent (a null value is found). */
export function valueAt(data: unknown, path: readonly PathSegment[]): { found: boolean; value?: unknown } {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return { found: false };
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return { found: true, value: node };
}

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
export function nodeAt(file: YamlFile, dataPath: readonly PathSegment[], pointAtKey = false): Node | null {
  const segments = pathInFile(file, dataPath);
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

/** The span of a node's value in its file's text; the start of the file when there is no node. */
export function spanOf(node: Node | null): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** A diagnostic placed at the node for a data path in a file. */
export function diagnosticAt(file: YamlFile, segments: readonly PathSegment[], finding: Finding, pointAtKey = false): Diagnostic {
  return diagnostic(finding, file.file, spanOf(nodeAt(file, segments, pointAtKey)));
}
