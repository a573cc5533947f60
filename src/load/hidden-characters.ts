// Hidden characters in a data file (see diagnostics/hidden-characters.ts) can
// make a pack say something other than what its author saw. They are refused
// wherever they are: written as they are in the text (in a value, a key or a
// comment), or written as a YAML escape ("\u202E", "\e") that only reading the
// value turns into one. A file that says `# packs: allow-hidden-characters`
// (for text that really needs them) is not checked.
import { isScalar, visit, type Scalar } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { codePointName, HIDDEN_IN_SOURCE, HIDDEN_IN_VALUE } from '../diagnostics/hidden-characters.js';
import type { YamlFile } from '../pack/data-file.js';

const ALLOW_HIDDEN = /^#\s*packs:\s*allow-hidden-characters\s*$/m;

/** The escapes of a double-quoted YAML scalar, and the character each stands for (`\\` is matched so that it is skipped). */
const ESCAPE = /\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([\s\S]))/g;
const SINGLE_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', r: '\r', N: '\u0085' };

function escaped(match: RegExpMatchArray): string | undefined {
  const hex = match[1] ?? match[2] ?? match[3];
  if (hex !== undefined) {
    const code = parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return SINGLE_ESCAPES[match[4]!];
}

// The same sets, to test one text at a time (a global expression remembers where it stopped).
const hiddenInSource = new RegExp(HIDDEN_IN_SOURCE.source, 'u');
const hiddenInValue = new RegExp(HIDDEN_IN_VALUE.source, 'u');

export function hiddenCharacters(file: YamlFile): Diagnostic[] {
  if (ALLOW_HIDDEN.test(file.source)) return [];
  const found = (character: string, start: number, end: number) =>
    diagnostic(
      {
        code: 'hidden-character',
        message: `invisible character ${codePointName(character)} in the text`,
        hint: 'delete it (it was probably pasted in); if it is meant, add the line `# packs: allow-hidden-characters` to the file',
      },
      file.file,
      { start, end },
    );
  // As written in the file, comments included.
  const diagnostics = [...file.source.matchAll(HIDDEN_IN_SOURCE)].map((match) => found(match[0], match.index, match.index + match[0].length));
  // As read: keys and values whose hidden characters were written as escapes.
  visit(file.document, {
    Scalar(_, node: Scalar) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
      if (!hiddenInValue.test(node.value)) return;
      const [start, end] = node.range;
      const written = file.source.slice(start, end);
      // Written as it is: reported above, where it is.
      let placed = hiddenInSource.test(written);
      if (node.type === 'QUOTE_DOUBLE') {
        for (const match of written.matchAll(ESCAPE)) {
          const character = escaped(match);
          if (character === undefined || !hiddenInValue.test(character)) continue;
          diagnostics.push(found(character, start + match.index, start + match.index + match[0].length));
          placed = true;
        }
      }
      // A hidden character that is neither written nor escaped (a carriage return in a block scalar, say): at the value.
      if (!placed) diagnostics.push(found(hiddenInValue.exec(node.value)![0], start, end));
    },
  });
  return diagnostics;
}
