// Every sample pack's Word file, read back as XML, passes the accessibility
// checks of tests/support/docx-accessibility.ts: heading order, alternative text
// on every drawing, a header row and a caption on every table, the document's
// title and language, headings kept with what follows and widow control. Each
// check is also shown to fail on a small hand-made document broken in its way.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  drawingAltTextProblems,
  drawingCount,
  headingOrderProblems,
  keepAndWidowProblems,
  tableCount,
  tableProblems,
  titleAndLanguageProblems,
} from './support/docx-accessibility.js';
import { docxParts, outputFile, partText, projectRoot } from './support/read-outputs.js';

const samplePacks = ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027'];

/** The language a pack says it is written in (pack.yaml's `language`, en-GB when left out, as the schema says). */
function packLanguage(packId: string): string {
  const pack = parse(readFileSync(path.join(projectRoot, 'packs', packId, 'pack.yaml'), 'utf8')) as { language?: string };
  return pack.language ?? 'en-GB';
}

function wordParts(packId: string) {
  const parts = docxParts(outputFile(packId, 'docx'));
  return {
    document: partText(parts, 'word/document.xml'),
    styles: partText(parts, 'word/styles.xml'),
    settings: partText(parts, 'word/settings.xml'),
    core: partText(parts, 'docProps/core.xml'),
  };
}

describe.each(samplePacks)('the Word file of %s', (packId) => {
  it('has its headings in order, from a Heading 1, never skipping a level', () => {
    expect(headingOrderProblems(wordParts(packId).document)).toEqual([]);
  });

  it('has alternative text on every drawing', () => {
    const { document } = wordParts(packId);
    expect(drawingAltTextProblems(document)).toEqual([]);
    // The DAC pack has its structure chart: the check is not a pass over nothing.
    if (packId === 'met-dac-2021') expect(drawingCount(document)).toBeGreaterThan(0);
  });

  it('gives every table a header row and a caption', () => {
    const { document } = wordParts(packId);
    expect(tableCount(document)).toBeGreaterThan(0);
    expect(tableProblems(document)).toEqual([]);
  });

  it('names each table by a caption of its own, as the web page does: a second table under one heading is "(table 2)"', () => {
    const captions = [...wordParts(packId).document.matchAll(/<w:tblCaption w:val="([^"]*)"/g)].map((m) => m[1]);
    expect(captions.length).toBe(tableCount(wordParts(packId).document));
    expect(new Set(captions).size).toBe(captions.length);
  });

  it("has a title, and the pack's language", () => {
    expect(titleAndLanguageProblems(wordParts(packId), packLanguage(packId))).toEqual([]);
  });

  it('keeps headings with the next paragraph, and has widow control', () => {
    expect(keepAndWidowProblems(wordParts(packId))).toEqual([]);
  });
});

// A small document that passes every check, and the same broken one way at a time.
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (style: string | undefined, text: string, properties = '') =>
  `<w:p>${style || properties ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${properties}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const drawing = (docPr: string) =>
  `<w:p><w:r><w:drawing><wp:inline>${docPr}<a:graphic/></wp:inline></w:drawing></w:r></w:p>`;
const table = ({ header = true, caption = '<w:tblCaption w:val="Salary"/>' } = {}) =>
  `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>${caption}</w:tblPr><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>` +
  `<w:tr>${header ? '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' : ''}<w:tc>${para('TableHeader', 'Pay')}</w:tc></w:tr>` +
  `<w:tr><w:tc>${para('TableText', '£1')}</w:tc></w:tr></w:tbl>`;
const body = (...blocks: string[]) => `<w:document ${W}><w:body>${blocks.join('')}</w:body></w:document>`;
const goodBody = [
  para('Title', 'A pack'),
  para('Heading1', 'About'),
  para(undefined, 'Some text.'),
  para('Heading2', 'Pay'),
  table(),
  drawing('<wp:docPr id="1" name="Picture 1" descr="A chart"/>'),
  para('Heading3', 'Allowances'),
  para('Heading1', 'Next'),
];
const styles = ({ keepNext = '<w:keepNext/>', widowControl = '<w:widowControl/>', lang = 'en-GB' } = {}) =>
  `<w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="${lang}"/></w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr>${widowControl}<w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/></w:style>` +
  [1, 2, 3]
    .map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:pPr>${keepNext}</w:pPr></w:style>`)
    .join('') +
  '</w:styles>';
const core = (title = 'A pack') => `<cp:coreProperties><dc:title>${title}</dc:title></cp:coreProperties>`;
const settings = (extra = '') => `<w:settings ${W}><w:defaultTabStop w:val="720"/>${extra}</w:settings>`;
const good = { document: body(...goodBody), styles: styles(), settings: settings(), core: core() };

describe('the checks, on a hand-made document', () => {
  it('pass the good document', () => {
    expect(headingOrderProblems(good.document)).toEqual([]);
    expect(drawingAltTextProblems(good.document)).toEqual([]);
    expect(tableProblems(good.document)).toEqual([]);
    expect(titleAndLanguageProblems(good, 'en-GB')).toEqual([]);
    expect(keepAndWidowProblems(good)).toEqual([]);
  });

  it('heading order fails on a skipped level, on a first heading below 1, and on no headings', () => {
    expect(headingOrderProblems(body(para('Heading1', 'About'), para('Heading3', 'Deep')))).toEqual([
      'Heading3 "Deep" follows Heading1 "About": a level is skipped',
    ]);
    expect(headingOrderProblems(body(para('Title', 'A pack'), para('Heading2', 'About'), para('Heading3', 'More')))).toEqual([
      'the first heading, "About", is a Heading2, not a Heading1',
    ]);
    expect(headingOrderProblems(body(para(undefined, 'Text only')))).toEqual(['the document has no headings (Heading1 to Heading3)']);
  });

  it('alternative text fails on a drawing with an empty or missing descr, and passes one marked decorative', () => {
    expect(drawingAltTextProblems(body(drawing('<wp:docPr id="1" name="Picture 1" descr=" "/>')))).toEqual([
      'Picture 1 has no alternative text (an empty descr) and is not marked decorative',
    ]);
    expect(drawingAltTextProblems(body(drawing('<wp:docPr id="2" name="Picture 2" title="A chart"/>')))).toHaveLength(1);
    const decorative =
      '<wp:docPr id="3" name="Rule"><a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst></wp:docPr>';
    expect(drawingAltTextProblems(body(drawing(decorative)))).toEqual([]);
  });

  it('tables fail without a header row, and without a caption', () => {
    expect(tableProblems(body(table({ header: false })))).toEqual(['table 1 ("Pay") has no header row: its first row is not marked w:tblHeader']);
    expect(tableProblems(body(table({ caption: '' })))).toEqual(['table 1 ("Pay") has no caption: no w:tblCaption in its w:tblPr']);
    expect(tableProblems(body(table({ caption: '<w:tblCaption w:val=""/>' })))).toHaveLength(1);
    expect(tableProblems(body(table().replace('<w:tblHeader/>', '<w:tblHeader w:val="false"/>')))).toHaveLength(1);
  });

  it('title and language fail on an empty title, no language, or another language', () => {
    expect(titleAndLanguageProblems({ ...good, core: core(' ') }, 'en-GB')).toEqual(['docProps/core.xml has no dc:title']);
    const noLanguage = good.styles.replace('<w:lang w:val="en-GB"/>', '');
    expect(titleAndLanguageProblems({ ...good, styles: noLanguage }, 'en-GB')).toEqual([
      "no language: neither dc:language in docProps/core.xml nor w:lang in the styles' defaults",
    ]);
    expect(titleAndLanguageProblems({ ...good, styles: styles({ lang: 'en-US' }) }, 'en-GB')).toEqual([
      'word/styles.xml sets the language en-US, not en-GB: <w:lang w:val="en-US"/>',
    ]);
    expect(titleAndLanguageProblems({ ...good, settings: settings('<w:themeFontLang w:val="en-US"/>') }, 'en-GB')).toHaveLength(1);
    expect(titleAndLanguageProblems({ ...good, core: '<cp:coreProperties><dc:title>A</dc:title><dc:language>cy-GB</dc:language></cp:coreProperties>' }, 'en-GB')).toEqual([
      'dc:language is cy-GB, not en-GB',
    ]);
  });

  it('keep-with-next and widow control fail when a heading style or the defaults lack them, or a paragraph turns them off', () => {
    expect(keepAndWidowProblems({ ...good, styles: styles({ keepNext: '' }) })).toEqual([
      'Heading1 "About" is not kept with the next paragraph (no w:keepNext)',
      'Heading2 "Pay" is not kept with the next paragraph (no w:keepNext)',
      'Heading3 "Allowances" is not kept with the next paragraph (no w:keepNext)',
      'Heading1 "Next" is not kept with the next paragraph (no w:keepNext)',
    ]);
    // A heading that keeps with the next by its own properties passes without its style's.
    expect(keepAndWidowProblems({ document: body(para('Heading1', 'About', '<w:keepNext/>')), styles: styles({ keepNext: '' }) })).toEqual([]);
    expect(keepAndWidowProblems({ ...good, styles: styles({ widowControl: '' }) })).toEqual([
      '4 of 4 paragraphs have no widow control (no w:widowControl), the first "A pack"',
    ]);
    expect(keepAndWidowProblems({ ...good, document: body(para('Heading1', 'About'), para(undefined, 'Alone', '<w:widowControl w:val="0"/>')) })).toEqual([
      '1 of 1 paragraphs have no widow control (no w:widowControl), the first "Alone"',
    ]);
  });
});

describe('a bold line that leads into what follows, in Word', () => {
  it('is kept with the next paragraph, as a heading is: the Wealdmere framework section\'s level names', () => {
    const document = wordParts('wealdmere-head-of-housing-2027').document;
    const paragraphs = document.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
    const levelNames = paragraphs.filter((p) => /<w:t[^>]*>Heads of Service<\/w:t>/.test(p) && /<w:b\/>|<w:b [^>]*\/>/.test(p));
    expect(levelNames.length).toBeGreaterThan(0);
    for (const paragraph of levelNames) expect(paragraph).toMatch(/<w:keepNext\/>|<w:keepNext [^>]*\/>/);
  });
});
