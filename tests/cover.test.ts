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

// The key facts "at a glance", worked out here from the pack's YAML (its remuneration, pay scale and
// timeline), and read back from the cover of each format: page 1 of the PDF, the .docx's key-fact
// paragraphs, the HTML edition's table of key facts.
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const weekday = (iso: string) => WEEKDAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()]!;
const pounds = (amount: number) => `£${amount.toLocaleString('en-GB')}`;

interface Stage {
  id: string;
  name: string;
  date?: string;
  endDate?: string;
  time?: string;
}
interface TimelineYaml {
  stages: Stage[];
  applications?: { email?: string; portal?: { name: string }; closingStage: string };
}
type Amount = number | { points: { amount: number }[] };
interface PayScaleYaml {
  period: 'year' | 'month';
  figures: { id: string; label: string }[];
  grades: { id: string; rates: { from: string; amounts: Record<string, Amount> }[] }[];
}

/** Each fact as a label and the texts its value must show. */
function expectedFacts(id: string): { label: string; shows: string[] }[] {
  const pack = packYaml(id) as PackYaml & { data: Record<string, string | null> };
  const style = pack.dateStyle ?? 'plain';
  const read = <T>(file: string) => parse(readFileSync(path.join(projectRoot, 'packs', id, file), 'utf8')) as T;
  const facts: { label: string; shows: string[] }[] = [];
  if (pack.data.remuneration && pack.data.payScale) {
    const salary = read<{ salary: { grade: string; on: string; items: string[] } }>(pack.data.remuneration).salary;
    const scale = read<PayScaleYaml>(pack.data.payScale);
    const rate = scale.grades.find((g) => g.id === salary.grade)!.rates.filter((r) => r.from <= salary.on).at(-1)!;
    const per = scale.period === 'month' ? ' per month' : ' p.a.'; // a year unless the scale says otherwise
    const shows = salary.items.flatMap((item) => {
      const amount = rate.amounts[item]!;
      const label = salary.items.length > 1 ? [`${scale.figures.find((f) => f.id === item)!.label}: `] : [];
      if (typeof amount === 'number') return [`${label.join('')}${pounds(amount)}${per}`];
      const all = amount.points.map((p) => p.amount);
      return [`${label.join('')}${pounds(Math.min(...all))} to ${pounds(Math.max(...all))}${per}`];
    });
    facts.push({ label: 'Salary', shows });
    const { terms, placeOfWork } = read<Record<'terms' | 'placeOfWork', { atAGlance?: string } | null>>(pack.data.remuneration);
    if (terms?.atAGlance) facts.push({ label: 'Terms', shows: [terms.atAGlance] });
    if (placeOfWork?.atAGlance) facts.push({ label: 'Place of work', shows: [placeOfWork.atAGlance] });
  }
  if (pack.data.timeline) {
    const timeline = read<TimelineYaml>(pack.data.timeline);
    const on = (stage: Stage) => {
      const time = stage.time === '12:00' ? ', midday' : '';
      if (!stage.endDate) return `${weekday(stage.date!)} ${written(stage.date!, style)}${time}`;
      // A span within one month, as the sample packs have: "Tuesday 2 to Wednesday 3 March 2027".
      const [first, last] = [written(stage.date!, style), written(stage.endDate, style)];
      return `${weekday(stage.date!)} ${first.split(' ')[0]} to ${weekday(stage.endDate)} ${last}${time}`;
    };
    const applications = timeline.applications;
    const closing = applications ? timeline.stages.findIndex((s) => s.id === applications.closingStage) : -1;
    if (applications) facts.push({ label: 'Closing date', shows: [on(timeline.stages[closing]!)] });
    for (const stage of timeline.stages.slice(closing + 1)) if (stage.date) facts.push({ label: stage.name, shows: [on(stage)] });
    if (applications) facts.push({ label: 'How to apply', shows: [applications.email ?? applications.portal!.name] });
  }
  return facts;
}

for (const id of PACKS) {
  describe(`${id}: the cover and its key facts`, () => {
    const pack = packYaml(id) as PackYaml & { title: string; data: { organisation: string } };
    const organisation = (parse(readFileSync(path.join(projectRoot, 'packs', id, pack.data.organisation), 'utf8')) as { name: string }).name;
    const facts = expectedFacts(id);
    const squash = (text: string) => text.replace(/\s+/g, '');

    it('has the data\'s facts: none for a pack without remuneration or timeline', () => {
      expect(facts.length > 0).toBe(id !== 'met-deputy-director-project-delivery');
    });

    it('prints the organisation, the title, the subtitle and each fact beside its label on page 1 of the PDF, and no other page', () => {
      const pages = pdfPages(outputFile(id, 'pdf'));
      const cover = squash(pages[0]!);
      for (const text of [organisation, pack.title, pack.subtitle]) expect(cover).toContain(squash(text));
      for (const fact of facts) expect(cover, fact.label).toContain(squash(fact.label + fact.shows.join('')));
      expect(pages[1]!).not.toContain('At a glance');
      expect(cover.includes('Ataglance')).toBe(facts.length > 0);
    });

    it('writes each fact as a paragraph, its label in bold, in the .docx', () => {
      const xml = partText(docxParts(outputFile(id, 'docx')), 'word/document.xml');
      const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => p);
      const keyFacts = paragraphs.filter((p) => p.includes('<w:pStyle w:val="KeyFact"/>'));
      const text = (p: string) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/&amp;/g, '&');
      expect(keyFacts.map((p) => text(p))).toEqual(facts.map((fact) => fact.label + fact.shows.join('')));
      for (const p of keyFacts) expect(p).toMatch(/^<w:p>?[\s\S]*?<w:r><w:rPr><w:b\/>/);
      const cover = paragraphs.slice(0, paragraphs.findIndex((p) => p.includes('w:type="page"'))).map(text).join('\n');
      for (const words of [organisation, pack.title, pack.subtitle]) expect(cover).toContain(words);
    });

    it('heads each fact\'s row by its label in the HTML edition\'s header', () => {
      const html = readFileSync(outputFile(id, 'html'), 'utf8');
      const header = /<header>([\s\S]*?)<\/header>/.exec(html)![1]!;
      for (const words of [organisation, pack.title, pack.subtitle]) expect(header).toContain(words);
      const rows = [...header.matchAll(/<tr><th scope="row">([\s\S]*?)<\/th><td>([\s\S]*?)<\/td><\/tr>/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, '')]);
      expect(rows).toEqual(facts.map((fact) => [fact.label, fact.shows.join('')]));
    });
  });
}
