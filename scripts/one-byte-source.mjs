// The startup snapshot's bundle made to fit a one-byte string (see oneByteSource),
// for scripts/build-snapshot.mjs; on its own so that the tests can give it text.

/** A character a one-byte string cannot hold: one above U+00FF (a UTF-16 code unit, so each half of a pair). */
const TWO_BYTE = /[^\u0000-\u00ff]/;

/**
 * The bundle's text with every character above U+00FF written as a `\u` escape, so that V8 can keep its
 * source, which the snapshot holds whole, as a string of one byte a character rather than two.
 * One such character anywhere makes the whole 7 MB source two-byte: the snapshot was 37 MB
 * against 30 MB, and a start from it read and rebuilt that much more: started from each, the DAC
 * pack built cold in 0.91 s against 0.84 s (medians of 9 in turn), at a peak of 189 MB against
 * 177 MB. Characters up to U+00FF, such as `£`, are left as they are.
 *
 * esbuild escapes every string, plain template and name (its `charset: 'ascii'`, the default);
 * it leaves comments, where an escape is only text, regular expression literals, where `\uXXXX`
 * matches the same character (and a pair of them for one beyond U+FFFF the same two code
 * units, which a `u` expression reads as one), and the text of tagged templates, whose raw
 * text an escape would change (String.raw`—` is one character, String.raw`\u2014` six). So
 * TypeScript's parser (also a development dependency) reads the bundle first, and if any
 * template holds such a character, it gives undefined, and the bundle is left as it is. The
 * parse takes about 2 s.
 */
export async function oneByteSource(text) {
  if (!TWO_BYTE.test(text)) return text;
  const ts = (await import('typescript')).default;
  const templates = new Set([
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
  ]);
  const source = ts.createSourceFile('bundle.cjs', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const inTemplate = (node) =>
    (templates.has(node.kind) && TWO_BYTE.test(node.getText(source))) || ts.forEachChild(node, inTemplate) === true;
  if (inTemplate(source)) return undefined;
  return text.replace(new RegExp(TWO_BYTE, 'g'), (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
