// Characters that are not seen but change what text says or does: controls,
// bidirectional overrides and isolates, zero-width and other invisible code
// points. Loading refuses them in data (load/hidden-characters.ts); anything
// printed to a terminal shows them as <U+XXXX> (visibleText), so that data can
// neither hide text nor move the cursor, clear the screen or set a title.

/**
 * Every hidden character but the line ending: C0 controls other than tab and
 * newline (a carriage return is checked where it is not a line ending), DEL and
 * C1 controls; the soft hyphen (U+00AD, invisible except at a line end, it splits a
 * word for search and comparison); the bidirectional marks, embeddings, overrides
 * and isolates; invisible letters and fillers; zero-width spaces and joiners;
 * invisible operators; the byte-order mark; interlinear annotation marks; tag
 * characters; and the noncharacters U+FDD0–U+FDEF, U+FFFE and U+FFFF.
 */
const HIDDEN_SET =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E' +
  '\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFDD0-\\uFDEF\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\uFFFE\\uFFFF' +
  '\\u{E0000}-\\u{E007F}';

/** Hidden characters in text as it is written in a file: a carriage return there ends a line. */
export const HIDDEN_IN_SOURCE = new RegExp(`[${HIDDEN_SET}]`, 'gu');

/** Hidden characters in a value as read: a carriage return in a value is one too. */
export const HIDDEN_IN_VALUE = new RegExp(`[${HIDDEN_SET}\\r]`, 'gu');

/** What a terminal must not be given as it is: every hidden character, a carriage return, and the line and paragraph separators. */
const UNSAFE_FOR_TERMINAL = new RegExp(`[${HIDDEN_SET}\\r\\u2028\\u2029]`, 'gu');

/** "U+202E": how a character is named in messages and on a terminal. */
export function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Text made safe to print on a terminal: each hidden or control character is
 * shown as <U+XXXX> (an escape character as <U+001B>), so data cannot clear the
 * screen, move the cursor or hide text. Tab and newline stay as they are.
 * Everything printed that holds data (diagnostics and their source lines,
 * `show`, `list`, `diff`) goes through this.
 */
export function visibleText(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (character) => `<${codePointName(character)}>`);
}
