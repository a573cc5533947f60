// The DAC pack's PDF, read back with poppler as a candidate's PDF reader would.
// Expected wording, figures and dates are taken from seed 001 (the original pack).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingFrom, outputFile, pdfBodyText, pdfContentsEntries, pdfPages, squash } from './support/read-outputs.js';

const pdf = () => outputFile('met-dac-2021', 'pdf');

// Seed 001's contents page, in its order.
const sections = [
  'Introduction from the Commissioner',
  'About the Met',
  'Executive Structure',
  'About the role',
  'Remuneration package',
  'The selection process',
  'Competency & Values framework for Chief Officers',
];

describe('DAC pack PDF', () => {
  it('lists every section of seed 001 in the contents, in order', () => {
    expect(pdfContentsEntries(pdf()).map((e) => e.title)).toEqual(sections);
  });

  // A section starts a page only when the pack asks (newPage), else follows on: its heading is a line of its page.
  it('prints each section\'s heading on the page its contents entry gives', () => {
    const pages = pdfPages(pdf());
    for (const { title, page } of pdfContentsEntries(pdf())) {
      const lines = pages[page - 1]!.split('\n').map((line) => line.trim());
      expect(lines, `"${title}" should be on page ${page}`).toContain(title);
    }
  });

  it('prints a cover page first, then the contents', () => {
    const [cover, contents] = pdfPages(pdf());
    expect(squash(cover!)).toContain(squash('Metropolitan Police Service Information Pack'));
    expect(squash(cover!)).toContain(squash('Deputy Assistant Commissioner Selection Process'));
    expect(contents!.trim().startsWith('Contents')).toBe(true);
  });

  it('prints every figure and date of the remuneration and the timeline', () => {
    const text = pdfBodyText(pdf(), footerOf(pdf()));
    const phrases = [
      'Salary and London Allowances (effective from 1st September 2020)',
      'Basic Pay £156,693 p.a.',
      'London weighting £2,568 p.a.',
      'London allowance £1,011 p.a.',
      'London allowance 2 – £3,327 p.a.',
      'For officers who joined on or after 1st September 1994',
      'For officers who joined before 1st September 1994',
      'Rent or Housing Allowance',
      'an allowance of £10,500 p.a.',
      'Relocation expenses of up to £40,000 subject to agreement',
      'the first £8,000 of costs allowed by HMRC will be tax exempt',
      'Contributions of up to £1,500 per month or up to £50 pro rata per night',
      'a maximum period of three years',
      'more than 70 miles or more from Charing Cross',
      'within 35 miles of Charing Cross',
      'should be submitted by midday on the 11th January 2021',
      'on the 13th January 2021 (subject to operational commitments)',
      'The final interview panel will be held 20th January 2021',
      'Stage 4 - Post Interview Stage',
      'Maria.M.Asmar@met.police.uk by midday on the 11th January 2021',
      'on a fixed term basis for five years',
    ];
    expect(missingFrom(text, phrases)).toEqual([]);
  });

  it('shows the stages in a table, each row with its date, weekday and time', () => {
    // In reading order, pdftotext gives a table cell by cell, row by row.
    const text = pdfBodyText(pdf(), footerOf(pdf()));
    expect(text).toContain(
      squash(
        'Stage Date What happens ' +
          'Stage 1 – Application Pack Monday 11th January 2021, midday Closing date for applications ' +
          'Stage 2 – Shortlisting Wednesday 13th January 2021 Shortlisting ' +
          'Stage 3 – Final Interview Panel Wednesday 20th January 2021 Final interview panel ' +
          'Stage 4 – Post Interview Stage – Offer of appointment',
      ),
    );
  });

  it('prints the behaviours the role profile asks for, by cluster, at level 3', () => {
    const text = pdfBodyText(pdf(), footerOf(pdf()));
    for (const [cluster, competencies] of [
      ['Resolute, compassionate and committed', ['We are emotionally aware', 'We take ownership']],
      ['Inclusive, enabling and visionary leadership', ['We are collaborative', 'We deliver, support and inspire']],
      ['Intelligent, creative and informed policing', ['We analyse critically', 'We are innovative and open-minded']],
    ] as const) {
      expect(text).toContain(squash(`${cluster} Competency Level ${competencies.map((c) => `${c} Level 3`).join(' ')}`));
    }
  });

  it('keeps the typography of the seed: pound signs, en dashes and curly quotes', () => {
    const text = pdfPages(pdf()).join('');
    expect(text).toContain('£156,693');
    expect(text).toContain('Met – a modern, vibrant service');
    expect(text).toContain('‘New Scotland Yard’');
  });

  it('numbers its pages in the footer, except on the cover', () => {
    const pages = pdfPages(pdf());
    expect(pages[0]).not.toMatch(/Page \d+ of/);
    pages.slice(1).forEach((page, i) => expect(page).toContain(`Page ${i + 2} of ${pages.length}`));
  });

  // The pdfmake patch draws the words of a line that look alike with one text
  // object; unpatched, pdfmake writes one per word (6,420 for this pack against
  // 662). Fewer than one per four words shows the patch was applied.
  it('draws the words of each line together, not a text object per word', () => {
    const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf(), '-'], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
    const textObjects = content.match(/^BT$/gm)?.length ?? 0;
    const words = pdfPages(pdf()).join(' ').split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThan(5000);
    expect(textObjects).toBeGreaterThan(0);
    expect(textObjects).toBeLessThan(words / 4);
  });

  it('has bookmarks for sections, with subsections nested under them', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf()], { encoding: 'utf8' }));
    const outlines = json.outlines as { title: string; kids: { title: string }[]; destpageposfrom1: number }[];
    expect(outlines.map((o) => o.title)).toEqual(sections);
    const contents = pdfContentsEntries(pdf());
    outlines.forEach((o, i) => expect(o.destpageposfrom1).toBe(contents[i]!.page));
    const aboutTheRole = outlines.find((o) => o.title === 'About the role')!;
    expect(aboutTheRole.kids.map((k) => k.title)).toEqual([
      'Role Purpose',
      'Primary Accountabilities',
      'Behaviours',
      'Education, Qualifications, Skills and Experience',
      'Continuing Professional Development (CPD)',
      'Eligibility',
    ]);
  });

  it('links each contents entry to its section', () => {
    // pdfmake writes contents entries as GoTo links to named destinations.
    const raw = readFileSync(pdf()).toString('latin1');
    const destinations = new Set([...raw.matchAll(/\/D \((h-[a-z0-9-]+)\)/g)].map((m) => m[1]));
    for (const title of sections) {
      const id = 'h-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      expect(destinations, title).toContain(id);
    }
  });

  it('is A4, embeds every font, and names its title, subject and language', () => {
    const info = execFileSync('pdfinfo', [pdf()], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Deputy Assistant Commissioner Selection Process/);
    expect(info).toMatch(/Subject:\s+Metropolitan Police Service Information Pack/);
    expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
    expect(readFileSync(pdf()).toString('latin1')).toContain('/Lang (en-GB)');
    const fonts = execFileSync('pdffonts', [pdf()], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes');
  });
});

function footerOf(file: string): string {
  return pdfPages(file)[1]!.split('\n').map((l) => l.trim()).find((l) => l.includes('· Version'))!;
}
