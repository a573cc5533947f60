// The look of the PDF: sizes and spacing, in one place; the colours are the theme's.
import type { Theme } from '../../model/document.js';

/** Left, top, right, bottom, in points. */
export const pageMargins: [number, number, number, number] = [62, 62, 62, 70];

/**
 * The PDF's named styles in a theme's colours. `headingsFont`, the pdfmake name of the theme's
 * headings family, sets the headings, the contents' title (an h1) and the cover's organisation
 * and title; without it they are in the body's font, as everything else is.
 */
export function pdfStyles(colours: Theme['colours'], headingsFont?: string): Record<string, Record<string, unknown>> {
  const headings = headingsFont === undefined ? {} : { font: headingsFont };
  return {
    body: { margin: [0, 0, 0, 8] },
    h1: { ...headings, fontSize: 20, bold: true, color: colours.heading, margin: [0, 0, 0, 14] },
    h2: { ...headings, fontSize: 14, bold: true, color: colours.heading, margin: [0, 10, 0, 6] },
    h3: { ...headings, fontSize: 11.5, bold: true, color: colours.accent, margin: [0, 8, 0, 4] },
    title: { ...headings, fontSize: 28, bold: true, color: colours.heading, margin: [0, 0, 0, 14] },
    subtitle: { fontSize: 18, color: colours.accent, margin: [0, 0, 0, 18] },
    tagline: { fontSize: 13, color: colours.muted, margin: [0, 0, 0, 6] },
    coverOrganisation: { ...headings, fontSize: 13, bold: true, characterSpacing: 0.5, color: colours.heading, margin: [0, 0, 0, 28] },
    coverFactsTitle: { fontSize: 14, bold: true, color: colours.heading, margin: [0, 0, 0, 6] },
    coverFacts: { margin: [0, 0, 0, 0] },
    coverFactLabel: { bold: true, color: colours.heading },
    note: { italics: true, color: colours.muted, margin: [0, 0, 0, 8] },
    signature: { bold: true, margin: [0, 2, 0, 0] },
    caption: { italics: true, fontSize: 9.5, color: colours.muted, margin: [0, 4, 0, 8] },
    list: { margin: [0, 0, 0, 8] },
    table: { margin: [0, 4, 0, 12] },
    image: { margin: [0, 8, 0, 4] },
    tableHeader: { bold: true, color: colours.headerText, fillColor: colours.headerFill },
    tableCell: {},
    tocEntry: { fontSize: 12 },
    tocNumber: { fontSize: 12 },
    footer: { fontSize: 8.5, color: colours.muted },
    link: { color: colours.link },
  };
}
