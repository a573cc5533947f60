// The look of the HTML edition, written into the page. The colours are the
// theme's, as in the PDF and the Word file; validate/theme-contrast.ts holds each
// pair that carries text to WCAG AA (the default theme's: text #1a1a1a 17:1,
// headings #002d62 13:1, links and h3 #0b5cab 6.7:1, muted #555555 7.5:1, header
// cells #002d62 on #e8eef6 11.6:1); focused links #0b0c0c on #ffdd00 14.5:1 are
// the page's own, whatever the theme. The page is one column
// at most 44rem wide, so a line stays readable on a desktop and fills a phone;
// a wide table scrolls in its own box instead of widening the page. Printed,
// the contents and the skip link are left out (a printout has no links to
// follow) and sections start a page where the pack's page breaks say.
import type { Theme } from '../../model/document.js';

/** The theme's font-family lists for body text and headings (fonts.ts); none: Arial, as the page has always been set. */
export interface FontLists {
  body: string;
  headings: string;
}

/** The page's style sheet in a theme's colours, and its fonts when it gives them. */
export const htmlStyle = (colours: Theme['colours'], fonts?: FontLists): string => `:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 44rem; padding: 0 1rem 2rem; font-family: ${fonts?.body ?? 'Arial, "Liberation Sans", Helvetica, sans-serif'}; font-size: 1.0625rem; line-height: 1.5; color: ${colours.text}; background: #ffffff; overflow-wrap: break-word; }
h1, h2, h3 { color: ${colours.heading}; line-height: 1.25; margin: 2rem 0 0.75rem; }
${fonts ? `h1, h2, h3, .organisation, .title { font-family: ${fonts.headings}; }\n` : ''}h1 { font-size: 1.75rem; }
h2 { font-size: 1.375rem; }
h3 { font-size: 1.125rem; color: ${colours.accent}; }
p, ul, ol, figure { margin: 0 0 1rem; }
li { margin-bottom: 0.375rem; }
li > p { margin-bottom: 0.375rem; }
a { color: ${colours.link}; text-decoration: underline; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 0.15em; }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid ${colours.text}; outline-offset: 2px; background: #ffdd00; color: #0b0c0c; }
.table-scroll:focus-visible, main:focus-visible { background: transparent; color: inherit; }
main:focus { outline: none; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; }
.skip-link:focus { position: static; display: inline-block; margin-top: 0.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
header { padding: 0 0 1rem; border-bottom: 4px solid ${colours.heading}; margin-bottom: 1rem; }
.cover { padding: 2rem 1.5rem 1.5rem; margin: 0 -1rem 1.5rem; }
.cover .logo { display: block; max-height: 4rem; width: auto; margin-bottom: 1.25rem; }
.organisation { font-weight: bold; letter-spacing: 0.03em; margin: 0 0 1.25rem; }
.key-facts { margin: 0 0 1rem; }
.key-facts caption { text-align: left; font-weight: bold; font-size: 1.25rem; color: ${colours.heading}; padding-bottom: 0.5rem; }
.key-facts th { width: 32%; }
.title { font-size: 2rem; font-weight: bold; color: ${colours.heading}; line-height: 1.2; margin: 0 0 0.75rem; }
.subtitle { font-size: 1.375rem; color: ${colours.accent}; margin: 0 0 1rem; }
.tagline, .note, .caption, figcaption { color: ${colours.muted}; }
.note, .caption, figcaption { font-style: italic; }
.caption, figcaption { font-size: 0.9375rem; }
.signature { font-weight: bold; }
nav ol { padding-left: 1.5rem; }
nav li { margin-bottom: 0.5rem; }
.table-scroll { overflow-x: auto; margin: 0 0 1.25rem; }
table { border-collapse: collapse; width: 100%; min-width: 20rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.625rem; border-bottom: 1px solid ${colours.rule}; }
th { color: ${colours.headerText}; background: ${colours.headerFill}; }
figure { text-align: center; }
.logo { display: block; height: auto; width: auto; max-width: 16rem; max-height: 5rem; margin: 0 0 1.5rem; }
img, figure svg { max-width: 100%; height: auto; }
ins { background: #d7f5dd; text-decoration: underline; }
del { background: #fbe0e0; text-decoration: line-through; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid ${colours.rule}; color: ${colours.muted}; font-size: 0.9375rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav, .skip-link { display: none; }
  .break-before { break-before: page; }
  h1, h2, h3 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-scroll { overflow: visible; }
  a { color: inherit; }
  header { border: 0; }
}
`;
