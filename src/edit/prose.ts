// The prose fields' values as a recruiter types them and reads them back.
//
// A list of paragraphs (or items) is typed as one text, the paragraphs separated
// by a blank line: what a textarea holds, and on the command line
// "$(printf 'First.\n\nSecond.')". A single line break stays inside its paragraph
// (Markdown reads it as a space). A text (such as a note) is one paragraph.

/** What each entry of a list is called when counted: "3 paragraphs", "16 items". */
export type ProseUnit = 'paragraph' | 'item';

export const isProse = (kind: string): kind is 'text' | 'paragraphs' => kind === 'text' || kind === 'paragraphs';

/** The paragraphs of a typed value: split at blank lines, each trimmed, none empty. Windows line ends (a browser's textarea sends them) read as line ends. */
export function paragraphsOf(typed: string): string[] {
  return typed
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

/** A prose value as typed, checked and normalised (the paragraphs joined by one blank line); or why not. */
export function parseProse(kind: 'text' | 'paragraphs', typed: string, name: string): { ok: true; value: string } | { ok: false; message: string } {
  const paragraphs = paragraphsOf(typed);
  if (paragraphs.length === 0) {
    return {
      ok: false,
      message:
        kind === 'paragraphs'
          ? `${name} needs at least one paragraph; nothing was changed (type its text, with a blank line between paragraphs)`
          : `${name} needs some text; nothing was changed`,
    };
  }
  if (kind === 'text' && paragraphs.length > 1) {
    return { ok: false, message: `${name} is one paragraph, but the value has ${paragraphs.length}; nothing was changed (leave out the blank lines)` };
  }
  // A text is written on its key's line; a line break would need a block of its own there.
  if (kind === 'text' && paragraphs[0]!.includes('\n')) return { ok: false, message: `${name} is one line of text; nothing was changed (leave out the line breaks)` };
  return { ok: true, value: paragraphs.join('\n\n') };
}

const WORDS = 8;

/** The first words of a text, with "…" when there are more. */
function firstWords(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= WORDS ? words.join(' ') : `${words.slice(0, WORDS).join(' ')}…`;
}

/** A prose value in brief, for `packs show`, `packs set` and the change log: `3 paragraphs: “The role…”`. */
export function proseSummary(kind: 'text' | 'paragraphs', value: string, unit: ProseUnit): string {
  // Typographic quotes, which the change log (YAML in double quotes) keeps as they are.
  if (kind === 'text') return `“${firstWords(value)}”`;
  const paragraphs = paragraphsOf(value);
  const count = `${paragraphs.length} ${unit}${paragraphs.length === 1 ? '' : 's'}`;
  return `${count}: “${firstWords(paragraphs[0] ?? '')}”`;
}
