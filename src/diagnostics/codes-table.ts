// The README's table of diagnostic codes, generated from the catalogue: it is
// the region between two marker comments under "When something is wrong".
// `npm run codes` writes it; tests/catalogue.test.ts fails when it differs.
import { catalogue, diagnosticCodes } from './catalogue.js';

export const CODES_START = '<!-- codes: generated from src/diagnostics/catalogue.ts by `npm run codes`; edit the catalogue, not this table -->';
export const CODES_END = '<!-- end of codes -->';

/** Text as Markdown code in a table cell: fenced by more backticks than it holds, its pipes escaped. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`.replaceAll('|', '\\|');
}

/** The region's text, markers excluded: a sentence saying what the table is, and the table. */
export function codesTable(): string {
  const rows = diagnosticCodes.map((name) => {
    const entry = catalogue[name];
    const severity = entry.severity === 'warning' ? ' (warning)' : '';
    const example = 'hint' in entry.example ? `${code(entry.example.message)} — hint: ${code(entry.example.hint)}` : code(entry.example.message);
    return `| ${code(name)}${severity} | ${example} | ${entry.fix.replaceAll('|', '\\|')} |`;
  });
  return [
    'Each code, with an example and how to fix it; warnings are marked, the rest are errors (the pack is',
    'not built). `tests/fixtures/` holds, for each, a small pack that makes it and what is printed:',
    '',
    '| code | example | how to fix it |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The README with its region of codes replaced by the catalogue's; undefined when it has no such region. */
export function withCodesTable(readme: string): string | undefined {
  const start = readme.indexOf(CODES_START);
  const end = readme.indexOf(CODES_END);
  if (start < 0 || end < start) return undefined;
  // A blank line ends the table before the closing marker.
  return `${readme.slice(0, start)}${CODES_START}\n${codesTable()}\n\n${readme.slice(end)}`;
}
