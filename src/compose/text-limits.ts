// The limits of pack/limits.ts on what a section renders. Data files are checked
// as they are read (load/data-limits.ts), where a mistake can be shown at its
// line; a template can still put text together past a limit (a list of
// thousands of stages as a table, text inside lists inside lists), and this
// says so for the section, before the Markdown reader or a writer meets it.
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { plainText, type Block } from '../model/document.js';
import { MAX_PARAGRAPH_CHARACTERS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TEXT_NESTING } from '../pack/limits.js';
import { formatCount, textNesting } from '../pack/text-measure.js';

const NESTING_HINT = 'check the lists and quotes of the text this section prints, and the template\'s own lists';

/** Lists and quotes nested past the limit in a section's Markdown: checked before it is read, as reading it recurses. */
export function renderedNestingProblem(section: string, file: string, markdown: string): Diagnostic | undefined {
  const { depth } = textNesting(markdown);
  if (depth <= MAX_TEXT_NESTING) return undefined;
  return diagnostic(
    {
      code: 'text-too-deeply-nested',
      message: `section "${section}" renders lists or quotes ${formatCount(depth)} levels deep; text may nest them at most ${MAX_TEXT_NESTING} levels`,
      hint: NESTING_HINT,
    },
    file,
  );
}

/** What the Markdown reader could not read for running out of stack: bold, italic or links inside each other thousands of times. */
export function unreadableNesting(section: string, file: string): Diagnostic {
  return diagnostic(
    {
      code: 'text-too-deeply-nested',
      message: `section "${section}" renders text nested too deeply to read (bold, italic, links or lists inside each other)`,
      hint: NESTING_HINT,
    },
    file,
  );
}

/** Tables and paragraphs of a section's blocks past their limits. */
export function blockLimitProblems(section: string, file: string, blocks: readonly Block[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  const pending = [...blocks];
  while (pending.length > 0) {
    const block = pending.pop()!;
    if (block.type === 'list') {
      for (const item of block.items) pending.push(...item);
    } else if (block.type === 'table') {
      const columns = Math.max(block.header.length, ...block.rows.map((row) => row.length));
      if (block.rows.length > MAX_TABLE_ROWS || columns > MAX_TABLE_COLUMNS) {
        const sizes = [
          ...(block.rows.length > MAX_TABLE_ROWS ? [`${formatCount(block.rows.length)} rows`] : []),
          ...(columns > MAX_TABLE_COLUMNS ? [`${formatCount(columns)} columns`] : []),
        ];
        const limits = [
          ...(block.rows.length > MAX_TABLE_ROWS ? [`${formatCount(MAX_TABLE_ROWS)} rows`] : []),
          ...(columns > MAX_TABLE_COLUMNS ? [`${MAX_TABLE_COLUMNS} columns`] : []),
        ];
        found.push(
          diagnostic(
            {
              code: 'table-too-large',
              message: `section "${section}" renders a table of ${sizes.join(' and ')}; a table may have at most ${limits.join(' and ')}`,
              hint: 'shorten the list or the text the table is made from, or split it into smaller tables',
            },
            file,
          ),
        );
      }
    } else if (block.type === 'paragraph') {
      const length = [...plainText(block.children)].length;
      if (length > MAX_PARAGRAPH_CHARACTERS) {
        found.push(
          diagnostic(
            {
              code: 'paragraph-too-long',
              message: `section "${section}" renders a paragraph of ${formatCount(length)} characters; a paragraph may have at most ${formatCount(MAX_PARAGRAPH_CHARACTERS)}`,
              hint: 'the template joins text into one paragraph: put a blank line between the pieces',
            },
            file,
          ),
        );
      }
    }
  }
  return found;
}
