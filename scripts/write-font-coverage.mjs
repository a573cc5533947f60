// Writes src/pack/pdf-font-characters.ts: the characters every face of the PDF's
// font (pdfmake's Roboto: regular, medium, italic, medium italic) has a glyph
// for, as ranges of code points. validate refuses text with any other character
// (missing-glyph), so nothing is printed as an empty box. Run it again when the
// PDF's fonts change; tests/printable.test.ts fails until then.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');
const faces = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf', 'Roboto-Italic.ttf', 'Roboto-MediumItalic.ttf'];

/** The code points a font maps to a glyph (not to .notdef). */
function characters(file) {
  const font = fontkit.openSync(path.join(fontDir, file));
  return new Set(font.characterSet.filter((codePoint) => font.glyphForCodePoint(codePoint).id !== 0));
}

export function fontCoverage() {
  const [first, ...rest] = faces.map(characters);
  const common = [...first].filter((codePoint) => rest.every((face) => face.has(codePoint))).sort((a, b) => a - b);
  const ranges = [];
  for (const codePoint of common) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === codePoint - 1) last[1] = codePoint;
    else ranges.push([codePoint, codePoint]);
  }
  return { faces, ranges };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ranges } = fontCoverage();
  const hex = (n) => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
  const lines = ranges.map(([from, to]) => `  [${hex(from)}, ${hex(to)}],`);
  writeFileSync(
    path.join(import.meta.dirname, '..', 'src', 'pack', 'pdf-font-characters.ts'),
    `// Made by scripts/write-font-coverage.mjs from pdfmake ${require('pdfmake/package.json').version}'s Roboto (${faces.join(', ')}): do not edit.
// The characters every face of the PDF's font has a glyph for, as [first, last] code points.
export const PDF_FONT_CHARACTERS: readonly (readonly [number, number])[] = [
${lines.join('\n')}
];
`,
  );
  console.log(`${ranges.length} ranges`);
}
