// What each of the YAML parser's complaints means, in the project's words: the
// parser speaks of "flow sequences", "implicit keys" and "block scalars", which
// mean nothing to the people who write packs. Each complaint is matched by its
// code and, where one code covers several mistakes, by its wording; anything
// not known here still gets a plain message.
import type { Finding } from '../diagnostics/diagnostic.js';

export const SYNTAX_HINT = 'check the indentation, and put text containing ": " or starting with a special character in quotes';

const QUOTE_HINT = 'put the text in quotes, or start it with `|` and write the text on the lines below, indented';

/** A short quotation of the text at the place of a complaint: the rest of its line. */
function quoted(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 40 ? `${line.slice(0, 40).trimEnd()}…` : line;
}

/**
 * The finding for one complaint of the parser (other than duplicate keys and
 * tags, which have codes of their own): `code` and `message` as the parser gives
 * them, `rest` the file's text from where it points.
 */
export function yamlProblemInWords(code: string, message: string, rest: string): Finding {
  const syntax = (text: string, hint = SYNTAX_HINT): Finding => ({ code: 'yaml-syntax', message: text, hint });
  const bracket = /\b(sequence|map)\b/.exec(message)?.[1] === 'map' ? { open: '{', close: '}', what: 'fields in braces' } : { open: '[', close: ']', what: 'a list in brackets' };
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/nested mappings/i.test(message)) {
        return {
          code: 'colon-in-text',
          message: `the text "${quoted(rest)}" holds a colon and a space: YAML reads the words before them as a field name, not as text`,
          hint: QUOTE_HINT,
        };
      }
      return syntax('a list here is written where a field name should be: its `- ` lines are indented as if they belonged to the line above', 'line up each `- ` with the other items of its list, indented under the field they belong to');
    case 'MISSING_CHAR':
      if (/closing "quote/.test(message)) return syntax('this text opens a double quotation mark (") and never closes it', 'add the closing " at the end of the text; a " inside it is written \\"');
      if (/closing 'quote/.test(message)) return syntax("this text opens a single quotation mark (') and never closes it", "add the closing ' at the end of the text; a ' inside it is written twice: ''");
      if (/map keys need to be followed by map values/i.test(message)) {
        return syntax('this line has no colon after a field name, or is indented as if it went on from the line above', 'write `name: value`; for text that goes on from the line above, indent it as far as that text, or put the whole text in quotes');
      }
      if (/must end with/.test(message)) return syntax(`${bracket.what} is opened with ${bracket.open} and never closed with ${bracket.close}`, `add the ${bracket.close}, or write the items on lines of their own`);
      if (/Missing , or : between/.test(message)) return syntax('fields in braces must be written `{ name: value, name: value }`', 'add the missing comma or colon, or write the fields on lines of their own');
      if (/Missing , between/.test(message)) return syntax(`the items of ${bracket.what} must be separated by commas`, 'add the missing comma, or put an item containing a comma in quotes');
      if (/Missing space after :/.test(message)) return syntax('a colon in braces must be followed by a space', 'add a space after the colon, or put the text in quotes');
      if (/without - indicator/.test(message)) return syntax('a list item here does not start with `- `', 'start each item of the list with `- `, lined up under the others');
      if (/Comments must be separated/.test(message)) return syntax('a # starts a comment only after a space, and this one has none', 'put a space before the #, or put the text in quotes if the # is part of it');
      if (/Tags and anchors/.test(message)) return syntax('a value starting with ! or & must be in quotes', 'put the text in quotes');
      return syntax('something is missing here for YAML to read the file: a colon, a quotation mark or a bracket');
    case 'BAD_INDENT':
      if (/must be sufficiently indented/.test(message)) {
        return syntax(`${bracket.what} here is not closed with ${bracket.close}, or goes on to a line indented less than the field it belongs to`, `close the ${bracket.open} with ${bracket.close}, or write the items on lines of their own starting \`- \``);
      }
      if (/same column/.test(message)) return syntax('the items of this list do not start at the same column', 'line up each `- ` under the one above');
      return syntax('this line is indented more or less than its place in the file needs', 'indent it with spaces like the lines beside it');
    case 'TAB_AS_INDENT':
      return syntax('this line is indented with a tab; YAML indents with spaces only', 'replace the tab with spaces');
    case 'MULTILINE_IMPLICIT_KEY':
      return syntax('a field name goes on to the next line: a colon is missing, or text above needs quotes', 'write `name: value` with the name on one line, and put text containing ": " in quotes');
    case 'BAD_DQ_ESCAPE':
      return syntax('a backslash (\\) in double quotes starts an escape such as \\n, and this one is not one', 'write \\\\ for a backslash, or put the text in single quotes');
    case 'BAD_SCALAR_START': {
      const character = /start with (.)/.exec(message)?.[1] ?? rest[0] ?? '';
      return syntax(`text cannot start with ${character} unless it is in quotes`, 'put the text in quotes');
    }
    case 'BLOCK_IN_FLOW':
      return syntax('a list or fields in brackets or braces cannot hold lines starting `- ` or `name:`', 'close the bracket first, or write the whole list as lines starting `- `');
    case 'KEY_OVER_1024_CHARS':
      return syntax('a field name is more than 1024 characters long: a long text is probably missing its quotes', QUOTE_HINT);
    case 'MULTIPLE_DOCS':
      return syntax('the file holds more than one document: a data file has no `---` line after its start', 'remove the `---` line, or put the rest in a file of its own');
    case 'BAD_DIRECTIVE':
      return syntax('a line starting with % is read as an instruction to YAML, and this one is not one it knows', 'remove the line, or put text starting with % in quotes');
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'BAD_PROP_ORDER':
      return syntax('a value starting with &, * or ! has a meaning of its own in YAML', 'put the text in quotes');
    case 'UNEXPECTED_TOKEN':
      return syntax(`YAML does not expect "${quoted(rest).slice(0, 1) || rest.slice(0, 1)}" here`, SYNTAX_HINT);
    default:
      return syntax('YAML cannot read the file from here', SYNTAX_HINT);
  }
}
