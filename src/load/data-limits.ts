// Checks a parsed data file against the limits in pack/limits.ts before anything
// walks it recursively (the checks after parsing, converting it to plain data,
// the schema check, the templates): how deeply its lists and mappings nest, and,
// in every text, how long a paragraph is and how deeply lists and quotes nest.
// The walk keeps its own stack, so it cannot run out of the call stack itself.
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { spanOf, type YamlFile } from '../pack/data-file.js';
import { MAX_PARAGRAPH_CHARACTERS, MAX_TEXT_NESTING, MAX_YAML_DEPTH } from '../pack/limits.js';
import { formatCount, longestParagraph, textNesting } from '../pack/text-measure.js';

export const TEXT_NESTING_HINT =
  'a line starting "- ", "* ", "1. " or ">" starts a list or a quote, and one after another nests them; check for repeated markers';
export const PARAGRAPH_HINT = 'split it into shorter paragraphs: a blank line between them, or separate items of the list';

export interface DataLimitProblems {
  /** The file nests deeper than MAX_YAML_DEPTH: nothing more may be done with it. */
  tooDeep: boolean;
  diagnostics: Diagnostic[];
}

export function dataLimitProblems(yamlFile: YamlFile): DataLimitProblems {
  const diagnostics: Diagnostic[] = [];
  let deepest = 0;
  /** The first collection beyond the limit, in the order of the file. */
  let firstTooDeep: Node | undefined;
  const stack: { node: unknown; depth: number }[] = [{ node: yamlFile.document.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      const level = depth + 1;
      deepest = Math.max(deepest, level);
      if (level > MAX_YAML_DEPTH) firstTooDeep ??= node;
      const children: unknown[] = [];
      for (const item of node.items) {
        if (isPair(item)) children.push(item.key, item.value);
        else children.push(item);
      }
      // Pushed last first, so they are taken in the order of the file.
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: level });
    } else if (isScalar(node) && typeof node.value === 'string') {
      diagnostics.push(...textProblems(yamlFile, node, node.value));
    }
  }
  if (firstTooDeep) {
    return {
      tooDeep: true,
      diagnostics: [
        diagnostic(
          {
            code: 'too-deeply-nested',
            message: `the data nests lists and mappings ${deepest} levels deep; data files may nest them at most ${MAX_YAML_DEPTH} levels`,
            hint: 'data files need only a few levels of nesting; check for runaway brackets or indentation',
          },
          yamlFile.file,
          spanOf(firstTooDeep),
        ),
      ],
    };
  }
  return { tooDeep: false, diagnostics };
}

function textProblems(yamlFile: YamlFile, node: Node, text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const paragraph = longestParagraph(text);
  if (paragraph.length > MAX_PARAGRAPH_CHARACTERS) {
    found.push(
      diagnostic(
        {
          code: 'paragraph-too-long',
          message: `this paragraph is ${formatCount(paragraph.length)} characters long; a paragraph may have at most ${formatCount(MAX_PARAGRAPH_CHARACTERS)}`,
          hint: PARAGRAPH_HINT,
        },
        yamlFile.file,
        spanOf(node),
      ),
    );
  }
  const nesting = textNesting(text);
  if (nesting.depth > MAX_TEXT_NESTING) {
    found.push(
      diagnostic(
        {
          code: 'text-too-deeply-nested',
          message: `this text nests lists or quotes ${formatCount(nesting.depth)} levels deep; text may nest them at most ${MAX_TEXT_NESTING} levels`,
          hint: TEXT_NESTING_HINT,
        },
        yamlFile.file,
        spanOf(node),
      ),
    );
  }
  return found;
}
