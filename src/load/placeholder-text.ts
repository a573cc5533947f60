// `packs new` starts a pack whose every text is a placeholder saying what to
// write there ("Replace this with the role's title"). Such a pack validates and
// builds, so that a new user sees it at once; this check warns of every
// placeholder left, so that `--strict` (for publishing) refuses a pack that
// still has one. The starter's placeholders all begin with PLACEHOLDER_MARKER
// (tests/new-pack.test.ts holds every placeholder in starter/ to it). It is
// matched as written, capital R included: "replace this with" in the middle of
// a sentence is ordinary prose, the capitalised phrase is an instruction no
// candidate should read.
import { isScalar, visit, type Scalar } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlFile } from '../pack/data-file.js';

/** How every placeholder in starter/ begins. */
export const PLACEHOLDER_MARKER = 'Replace this with';

/** Longest placeholder quoted in a message; a longer one is cut with "…". */
const QUOTE_LIMIT = 100;

/** The placeholder in `text`, from the marker to the end of its sentence or line, as quoted in the message. */
function placeholderIn(text: string, at: number): string {
  const rest = text.slice(at);
  const end = /\.(?=\s|$)|\n/.exec(rest);
  const sentence = end ? rest.slice(0, end[0] === '.' ? end.index + 1 : end.index) : rest;
  return sentence.length > QUOTE_LIMIT ? `${sentence.slice(0, QUOTE_LIMIT - 1)}…` : sentence;
}

/** Every string value of `file` that still holds one of the starter's placeholders, at the placeholder. */
export function placeholderText(file: YamlFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  visit(file.document, {
    Scalar(key, node: Scalar) {
      // Keys are field names, never the starter's text.
      if (key === 'key' || !isScalar(node) || typeof node.value !== 'string' || !node.range) return;
      const at = node.value.indexOf(PLACEHOLDER_MARKER);
      if (at < 0) return;
      const [start, end] = node.range;
      // At the marker where it is written as it reads (in a plain or block scalar, usually); else at the value.
      const written = file.source.slice(start, end).indexOf(PLACEHOLDER_MARKER);
      const span = written < 0 ? { start, end } : { start: start + written, end: start + written + PLACEHOLDER_MARKER.length };
      diagnostics.push(
        diagnostic(
          {
            code: 'placeholder-text',
            message: `this text is still the starter's placeholder: "${placeholderIn(node.value, at)}"`,
            hint: 'write the pack\'s own words here, or delete the line if the field may be left out',
          },
          file.file,
          span,
        ),
      );
    },
  });
  return diagnostics;
}
