// The first things a candidate reads: the footer of every page, read back from
// the built PDF (pdftotext), the .docx's footer part and the HTML edition, and
// checked against the pack's own data (its subtitle, version, date and date
// style), not against what the code composed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { docxParts, outputFile, partText, pdfPages, projectRoot } from './support/read-outputs.js';

const PACKS = ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface PackYaml {
  subtitle: string;
  version: string;
  date: string;
  dateStyle?: 'ordinal' | 'plain';
}
const packYaml = (id: string) => parse(readFileSync(path.join(projectRoot, 'packs', id, 'pack.yaml'), 'utf8')) as PackYaml;

/** A date as a person writes it, in the pack's style: "14th December 2020" or "14 December 2020". */
function written(iso: string, style: 'ordinal' | 'plain'): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const suffix = style === 'plain' ? '' : day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  return `${day}${suffix} ${MONTHS[month - 1]} ${year}`;
}
const squashSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

for (const id of PACKS) {
  describe(`${id}: the footer`, () => {
    const pack = packYaml(id);
    const expected = `${pack.subtitle} · Version ${pack.version} – ${written(pack.date, pack.dateStyle ?? 'plain')}`;

    it('reads "Version x.y.z – date" in the pack\'s date style on every page of the PDF but the cover', () => {
      const pages = pdfPages(outputFile(id, 'pdf'));
      const footers = pages.slice(1).map((page) => squashSpaces(page.split('\n').map((l) => l.trim()).filter((l) => l.includes(' · Version ')).join(' ')));
      expect(new Set(footers)).toEqual(new Set([expected]));
    });

    it('reads the same in the Word footer', () => {
      const parts = docxParts(outputFile(id, 'docx'));
      const footers = [...parts.keys()].filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => partText(parts, n));
      const texts = footers.map((xml) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/&amp;/g, '&'));
      expect(texts.some((text) => text.startsWith(expected))).toBe(true);
    });

    it('reads the same in the HTML edition\'s <footer>', () => {
      const html = readFileSync(outputFile(id, 'html'), 'utf8');
      const footer = /<footer>([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? '';
      expect(squashSpaces(footer.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'))).toBe(expected);
    });
  });
}
