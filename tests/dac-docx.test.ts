// The DAC pack's Word file, unzipped and read as XML, and compared with the PDF.
import { describe, expect, it } from 'vitest';
import { docxParagraphs, docxParts, docxXml, outputFile, partText, pdfContentsEntries } from './support/read-outputs.js';

const docx = () => outputFile('met-dac-2021', 'docx');

describe('DAC pack Word file', () => {
  it('uses Heading 1 for every section, with the same titles in the same order as the PDF', async () => {
    const headings = (await docxParagraphs(docx())).filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings).toEqual(pdfContentsEntries(outputFile('met-dac-2021', 'pdf')).map((e) => e.title));
  });

  it('uses Heading 2 and 3 for subsections', async () => {
    const paragraphs = await docxParagraphs(docx());
    const h2 = paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text);
    expect(h2).toContain('Primary Accountabilities');
    expect(h2).toContain('Salary and London Allowances (effective from 1st September 2020)');
    const h3 = paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text);
    expect(h3).toEqual(expect.arrayContaining(['Resolute, compassionate and committed', 'Personal Skills']));
  });

  it('has a contents field whose entries are written out, with page numbers, before any field update', async () => {
    const xml = await docxXml(docx(), 'word/document.xml');
    expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC /);
    const entries = (await docxParagraphs(docx())).filter((p) => /^TOC1$|^TOC 1$|^TOC\d$/.test(p.style ?? ''));
    const titles = pdfContentsEntries(outputFile('met-dac-2021', 'pdf')).map((e) => e.title);
    expect(entries.map((e) => e.text.replace(/\d+$/, ''))).toEqual(titles);
    for (const entry of entries) expect(entry.text).toMatch(/\d+$/);
  });

  it('marks the header row of every table as a repeating header', async () => {
    const xml = await docxXml(docx(), 'word/document.xml');
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const table of tables) {
      const firstRow = /<w:tr[ >][\s\S]*?<\/w:tr>/.exec(table)![0];
      expect(firstRow).toContain('<w:tblHeader/>');
    }
  });

  it('puts page numbers in the footer', async () => {
    const parts = docxParts(docx());
    const footers = [...parts.keys()].filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => partText(parts, n));
    expect(footers.some((f) => /PAGE/.test(f) && /NUMPAGES/.test(f))).toBe(true);
  });

  it('sets the document title, subject, author and language', async () => {
    const core = await docxXml(docx(), 'docProps/core.xml');
    expect(core).toContain('<dc:title>Deputy Assistant Commissioner Selection Process</dc:title>');
    expect(core).toContain('<dc:subject>Metropolitan Police Service Information Pack</dc:subject>');
    expect(core).toContain('<dc:creator>Metropolitan Police Service</dc:creator>');
    const styles = await docxXml(docx(), 'word/styles.xml');
    expect(styles).toMatch(/<w:lang w:val="en-GB"/);
  });

  it('prints the figures and dates', async () => {
    const text = (await docxParagraphs(docx())).map((p) => p.text).join('\n');
    for (const phrase of ['£156,693 p.a.', '£2,568 p.a.', '£1,011 p.a.', '£3,327 p.a.', '£10,500 p.a.', '£40,000', '£8,000', '£1,500', '£50', 'midday on the 11th January 2021', '13th January 2021', '20th January 2021']) {
      expect(text).toContain(phrase);
    }
  });
});
