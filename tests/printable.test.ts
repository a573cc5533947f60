// Every character a pack prints has a glyph in the PDF's font, or the pack is
// refused at the character's place (missing-glyph; its fixture shows data files).
import { describe, expect, it } from 'vitest';
import { PDF_FONT_CHARACTERS } from '../src/pack/pdf-font-characters.js';
import { firstUnprintable } from '../src/pack/printable.js';
import { checkPrintableTemplate } from '../src/validate/printable-text.js';
// @ts-expect-error: a script of ours, in JavaScript
import { fontCoverage } from '../scripts/write-font-coverage.mjs';

describe("the PDF font's characters", () => {
  it('are those every face of the font the PDF writer embeds has a glyph for (npm run fonts writes them)', () => {
    expect(PDF_FONT_CHARACTERS).toEqual(fontCoverage().ranges);
  });

  it('cover Welsh, Polish and the other Latin languages, Greek, Cyrillic and typographic punctuation', () => {
    const texts = ['Croeso i Gymru: dŵr, tŷ, Ŵ Ŷ, â ê î ô û', 'Zażółć gęślą jaźń', 'Ελληνικά', 'Українська, русский', '“Quotes” – dashes — £€ … •', 'a\tb\nc'];
    for (const text of texts) expect(firstUnprintable(text), text).toBeUndefined();
  });

  it('leave out what the font cannot print, naming the character, its code point and its script', () => {
    expect(firstUnprintable('Pay: 中文')).toEqual({ index: 5, character: '中', codePoint: 'U+4E2D', script: 'Chinese script' });
    expect(firstUnprintable('راتب')?.script).toBe('Arabic script');
    expect(firstUnprintable('উর্দু')?.script).toBe('Bengali script');
    expect(firstUnprintable('ਪੰਜਾਬੀ')?.script).toBe('Gurmukhi (Punjabi) script');
    expect(firstUnprintable('Hi 👋')).toMatchObject({ index: 3, codePoint: 'U+1F44B', script: 'an emoji' });
  });
});

describe('a template with a character the PDF cannot print', () => {
  it('is reported at the character, on each line that has one, but not in a comment', () => {
    const source = '{{!-- नमस्ते is not printed --}}\n# Welcome\n\nInterpreters: नमस्ते and 中文.\n{{! 中 }}\n';
    const found = checkPrintableTemplate('templates/sections/welcome.md.hbs', source);
    expect(found).toEqual([
      {
        code: 'missing-glyph',
        severity: 'error',
        message: `"न" (U+0928, Devanagari script) cannot be printed: the PDF's font has no glyph for it`,
        file: 'templates/sections/welcome.md.hbs',
        span: { start: source.indexOf('नमस्ते and'), end: source.indexOf('नमस्ते and') + 1 },
        hint: "the PDF's font has Latin letters (with Welsh and Polish), Greek and Cyrillic; write the text in those, or publish it apart from the pack",
      },
    ]);
  });
});
