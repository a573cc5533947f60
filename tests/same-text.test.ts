// One source, three formats: every heading, paragraph, list item and table cell
// of the document model is in the PDF, in the .docx, in the PDF that
// LibreOffice makes from the .docx (a real word processor opening the file),
// and in the text of the HTML edition as a browser parses it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { DataFileCache } from '../src/load/load-pack.js';
import { plainText } from '../src/model/document.js';
import { textUnits } from '../src/model/text-units.js';
import { docxParagraphs, missingFrom, outputFile, pdfBodyText, pdfPages, projectRoot, squash } from './support/read-outputs.js';

type HtmlNode = DefaultTreeAdapterMap['node'];

/** The text of an HTML page's body as a browser gets it: its text nodes in order, a line break as a new line. */
function htmlBodyText(file: string): string {
  const textOf = (node: HtmlNode): string => {
    if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
    if (node.nodeName === 'br') return '\n';
    if (node.nodeName === 'style' || node.nodeName === 'head') return '';
    return 'childNodes' in node ? node.childNodes.map(textOf).join('\n') : '';
  };
  return textOf(parse(readFileSync(file, 'utf8')));
}

const libreOfficeDir = mkdtempSync(path.join(tmpdir(), 'packs-lo-'));
afterAll(() => rmSync(libreOfficeDir, { recursive: true, force: true }));

for (const packId of ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027']) {
  describe(`${packId}: the PDF, the Word file and the HTML say the same thing`, () => {
    let expected: string[] = [];
    let footer = '';
    let contentsTitle = '';
    let sectionTitles: string[] = [];
    beforeAll(async () => {
      const { packs } = await selectPacks(projectRoot, [packId]);
      const plan = await planPack(projectRoot, packs[0]!, new DataFileCache(projectRoot));
      expect(plan.document).toBeDefined();
      expected = textUnits(plan.document!.blocks);
      footer = plan.document!.meta.footer;
      const blocks = plan.document!.blocks;
      contentsTitle = blocks.flatMap((b) => (b.type === 'contents' ? [b.title] : []))[0]!;
      sectionTitles = blocks.flatMap((b) => (b.type === 'heading' && b.level === 1 ? [plainText(b.children)] : []));
      expect(sectionTitles.length).toBeGreaterThanOrEqual(5);
    });

    it('the PDF carries every text of the document', () => {
      const pdf = pdfBodyText(outputFile(packId, 'pdf'), footer);
      expect(missingFrom(pdf, expected)).toEqual([]);
    });

    it('the .docx carries every text of the document', async () => {
      const docx = squash((await docxParagraphs(outputFile(packId, 'docx'))).map((p) => p.text).join('\n'));
      expect(missingFrom(docx, expected)).toEqual([]);
    });

    it('the HTML carries every text of the document', () => {
      expect(missingFrom(squash(htmlBodyText(outputFile(packId, 'html'))), expected)).toEqual([]);
    });

    it('LibreOffice opens the .docx and prints the same text', () => {
      execFileSync(
        'soffice',
        ['--headless', `-env:UserInstallation=file://${libreOfficeDir}/profile`, '--convert-to', 'pdf', '--outdir', libreOfficeDir, outputFile(packId, 'docx')],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const convertedFile = path.join(libreOfficeDir, `${packId}.pdf`);
      expect(missingFrom(pdfBodyText(convertedFile, footer), expected)).toEqual([]);
      // The contents page shows its entries without anyone updating fields.
      const contents = pdfPages(convertedFile).find((page) => page.trimStart().startsWith(contentsTitle));
      expect(contents).toBeDefined();
      expect(missingFrom(squash(contents!), sectionTitles)).toEqual([]);
    });
  });
}
