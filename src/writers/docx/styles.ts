// The look of the .docx: page geometry and paragraph styles, in one place.
// Sizes are in Word's units: half-points for text, twips (1/20 pt) for space.
import { AlignmentType, LineRuleType, type IParagraphPropertiesOptions, type IStylesOptions } from 'docx';
import type { Theme } from '../../model/document.js';

/** Arial is on every Word and LibreOffice installation (or metric-compatible Liberation Sans). */
export const FONT = 'Arial';

const mm = (n: number) => Math.round((n / 25.4) * 1440);

export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(22), bottom: mm(24), left: mm(22), right: mm(22), header: mm(10), footer: mm(10) },
  get textWidth() {
    return this.width - this.margin.left - this.margin.right;
  },
};

/** A theme's colours as Word writes them: hexadecimal without the #, in capitals. */
export function wordColoursOf(colours: Theme['colours']): Theme['colours'] {
  return Object.fromEntries(Object.entries(colours).map(([name, value]) => [name, value.slice(1).toUpperCase()])) as Theme['colours'];
}

/**
 * Widow and orphan control for every paragraph, in the document defaults: where
 * it is not written, OOXML has it off (Word's own Normal template writes it).
 * docx writes `widowControl` from any paragraph properties, the defaults' too,
 * but types it only on a paragraph's options, so it is spread in from here.
 */
const WIDOW_CONTROL: Pick<IParagraphPropertiesOptions, 'widowControl'> = { widowControl: true };

/** The families a document's text is set in, by name: `headings` for headings, the cover's organisation and title and the contents' title. */
export interface WordFontNames {
  body: string;
  headings: string;
}

/**
 * The paragraph styles in a theme's colours (as `wordColoursOf` gives them) and, when the theme
 * gives them, its fonts. Without theme fonts every style is in Arial, written as it always was:
 * the styles that inherit the body's font name no font of their own.
 */
export function docxStyles(language: string, colours: Theme['colours'], fonts?: WordFontNames): IStylesOptions {
  const body = fonts?.body ?? FONT;
  const headings = fonts?.headings ?? FONT;
  // The headings' family on the styles based on Normal that show it; only with theme fonts, so today's styles are written as before.
  const headingFont = fonts ? { font: headings } : {};
  return {
    default: {
      document: {
        run: { font: body, size: 21, color: colours.text, language: { value: language } },
        // lineRule written out: LibreOffice reads a bare `line` as an exact height, and wrapped titles overlap.
        paragraph: { spacing: { after: 160, line: 300, lineRule: LineRuleType.AUTO }, ...WIDOW_CONTROL },
      },
      heading1: {
        run: { font: headings, size: 40, bold: true, color: colours.heading },
        paragraph: { spacing: { before: 0, after: 280 }, keepNext: true },
      },
      heading2: {
        run: { font: headings, size: 28, bold: true, color: colours.heading },
        paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
      },
      heading3: {
        run: { font: headings, size: 23, bold: true, color: colours.accent },
        paragraph: { spacing: { before: 160, after: 80 }, keepNext: true },
      },
      title: {
        run: { font: headings, size: 56, bold: true, color: colours.heading },
        paragraph: { spacing: { before: 0, after: 280 } },
      },
      hyperlink: { run: { color: colours.link, underline: {} } },
    },
    paragraphStyles: [
      { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { size: 36, color: colours.accent }, paragraph: { spacing: { after: 360 } } },
      { id: 'CoverOrganisation', name: 'Cover Organisation', basedOn: 'Normal', run: { ...headingFont, size: 26, bold: true, color: colours.heading }, paragraph: { spacing: { before: 0, after: 480 } } },
      { id: 'CoverFactsTitle', name: 'Cover Facts Title', basedOn: 'Normal', run: { size: 28, bold: true, color: colours.heading }, paragraph: { spacing: { before: 480, after: 120 }, keepNext: true } },
      { id: 'KeyFact', name: 'Key Fact', basedOn: 'Normal', paragraph: { spacing: { after: 100 }, indent: { left: 2880, hanging: 2880 } } },
      { id: 'Tagline', name: 'Tagline', basedOn: 'Normal', run: { size: 26, color: colours.muted } },
      { id: 'Note', name: 'Note', basedOn: 'Normal', run: { italics: true, color: colours.muted } },
      { id: 'Signature', name: 'Signature', basedOn: 'Normal', run: { bold: true }, paragraph: { spacing: { after: 40 } } },
      { id: 'Caption', name: 'Caption', basedOn: 'Normal', run: { italics: true, size: 19, color: colours.muted } },
      { id: 'ListItem', name: 'List Paragraph', basedOn: 'Normal', paragraph: { spacing: { after: 80 } } },
      { id: 'TableHeader', name: 'Table Header', basedOn: 'Normal', run: { bold: true, color: colours.headerText }, paragraph: { spacing: { after: 0 } } },
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', paragraph: { spacing: { after: 0 } } },
      { id: 'AfterTable', name: 'After Table', basedOn: 'Normal', paragraph: { spacing: { after: 120 } } },
      { id: 'Picture', name: 'Picture', basedOn: 'Normal', next: 'Normal', paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120, after: 60 } } },
      { id: 'ContentsTitle', name: 'TOC Heading', basedOn: 'Normal', run: { ...headingFont, size: 40, bold: true, color: colours.heading }, paragraph: { spacing: { after: 280 } } },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 17, color: colours.muted }, paragraph: { spacing: { after: 0 } } },
    ],
  };
}
