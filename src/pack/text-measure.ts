// Measures text against the limits in limits.ts without reading it as Markdown:
// line by line, in one pass, with no recursion, so that text too deep or too
// long for the Markdown reader is caught before the reader sees it.

/** A list item's marker (`-`, `+`, `*`, `1.`, `1)`) followed by a space or the end of the line, or a quote's `>`. */
const CONTAINER_MARKER = /(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)|>/y;
const SPACE = /[ \t]*/y;

/**
 * How deeply lists and quotes nest in `text`, read as Markdown, and the offset of
 * the line where they nest deepest. Each container marker at the start of a line
 * counts one level, and each two columns of indentation before the first (the
 * least a nested list item is indented) one more: never less than the nesting
 * a Markdown reader finds.
 */
export function textNesting(text: string): { depth: number; offset: number } {
  let deepest = { depth: 0, offset: 0 };
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    let columns = 0;
    let at = 0;
    while (at < line.length && (line[at] === ' ' || line[at] === '\t')) columns += line[at++] === '\t' ? 4 : 1;
    let markers = 0;
    for (;;) {
      CONTAINER_MARKER.lastIndex = at;
      const marker = CONTAINER_MARKER.exec(line);
      if (!marker) break;
      markers++;
      SPACE.lastIndex = at + marker[0].length;
      SPACE.exec(line);
      at = SPACE.lastIndex;
    }
    const depth = markers === 0 ? 0 : markers + Math.floor(columns / 2);
    if (depth > deepest.depth) deepest = { depth, offset: lineStart };
    lineStart = lineEnd + 1;
  }
  return deepest;
}

/** A line that starts a block of its own: a list item, a quote, a table row or a heading. */
const STARTS_BLOCK = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|>|\||#{1,6}(?:[ \t]|$))/;

/**
 * The longest paragraph of `text`, its length in characters and its offset. A
 * paragraph ends at a blank line; a list item, a quote, a table row and a
 * heading are each counted on their own, so a long list or table in one text is
 * not taken for one long paragraph (tables and lists have limits of their own).
 */
export function longestParagraph(text: string): { length: number; offset: number } {
  let longest = { length: 0, offset: 0 };
  let current = { length: 0, offset: 0 };
  const end = () => {
    if (current.length > longest.length) longest = current;
  };
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') {
      end();
      current = { length: 0, offset: lineEnd + 1 };
    } else {
      if (STARTS_BLOCK.test(line)) {
        end();
        current = { length: 0, offset: lineStart };
      }
      // A line break inside a paragraph reads as a space: one character.
      current.length += countCharacters(line) + (current.length > 0 ? 1 : 0);
    }
    lineStart = lineEnd + 1;
  }
  end();
  return longest;
}

/** Characters as a reader counts them: a letter outside the Basic Multilingual Plane is one, not two. */
function countCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair belongs to the character before it.
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

/** A count as printed in messages: 12,000. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-GB');
}
