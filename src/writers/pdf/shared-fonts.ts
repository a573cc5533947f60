// pdfkit parses each font file anew for every document (fontkit.create), which
// is about a quarter of a warm PDF render. A parsed font is read-only — each
// document still makes its own subset to embed — so one parse per font per
// process serves every document built in it. This module must be imported
// before pdfmake: it hands pdfkit a fontkit whose create() remembers.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

type Create = (data: Uint8Array, postscriptName?: string) => unknown;

const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
const fontkitPath = fromPdfkit.resolve('fontkit');
const fontkit = fromPdfkit('fontkit') as Record<string, unknown> & { create: Create };
const parsed = new Map<string, unknown>();
// fontkit's exports cannot be redefined, so pdfkit gets a copy with its own create().
const sharing: Record<string, unknown> = { ...fontkit };
sharing.create = (data: Uint8Array, postscriptName?: string) => {
  const key = `${postscriptName ?? ''}\0${createHash('sha1').update(data).digest('hex')}`;
  let font = parsed.get(key);
  if (font === undefined) {
    font = fontkit.create(data, postscriptName);
    parsed.set(key, font);
  }
  return font;
};
const cached = fromPdfkit.cache[fontkitPath];
if (cached) cached.exports = sharing;
