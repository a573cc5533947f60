// The third sample pack is a fictional council's Head of Housing Services, outside
// policing, built by the same templates with no template of its own: a framework
// of another shape (effective and ineffective indicators with lead-ins, levels
// named after grades, clusters, not cumulative), its own values, a grade paid in
// pay points, an online portal and a two-day assessment centre. Each is read back
// from the built PDF (pdftotext) and the .docx (its XML).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { docxParagraphs, docxXml, missingFrom, outputFile, pdfBodyText, pdfContentsEntries, pdfPages, projectRoot, squash } from './support/read-outputs.js';

const id = 'wealdmere-head-of-housing-2027';
const pdf = () => outputFile(id, 'pdf');
const docx = () => outputFile(id, 'docx');

interface Framework {
  indicatorKinds: { id: string; name: string; leadIn: string; negative?: boolean }[];
  clusters: { id: string; name: string }[];
  competencies: { name: string; cluster: string; levels: { level: string; indicators: Record<string, string[]> }[] }[];
}
const framework = parse(readFileSync(path.join(projectRoot, 'packs/shared/frameworks/wealdmere-behaviours-2025.yaml'), 'utf8')) as Framework;
const headsOfService = (competency: Framework['competencies'][number]) => competency.levels.find((l) => l.level === 'heads-of-service')!.indicators;

function footer(): string {
  return pdfPages(pdf())[1]!.split('\n').map((l) => l.trim()).find((l) => l.includes('· Version'))!;
}
const pdfText = () => pdfBodyText(pdf(), footer());
const docxText = async () => squash((await docxParagraphs(docx())).map((p) => p.text).join('\n'));
/** The framework section's text, squashed: from its heading (followed by its introduction) to the values. */
const frameworkSection = (text: string) => text.slice(text.indexOf(squash('Wealdmere Behaviours FrameworkHow the framework works')), text.lastIndexOf(squash('Our values')));

describe('Head of Housing Services pack (Wealdmere District Council, fictional)', () => {
  it('is built by the project\'s templates alone: the pack has no templates folder', () => {
    expect(existsSync(path.join(projectRoot, 'packs', id, 'pack.yaml'))).toBe(true);
    expect(existsSync(path.join(projectRoot, 'packs', id, 'templates'))).toBe(false);
  });

  it('has no blank page: the selection process fills its last page, and the next section starts on the page after', () => {
    const blank = pdfPages(pdf()).flatMap((page, i) => (page.split('\n').some((l) => l.trim() !== '' && !l.includes('· Version') && !/^Page \d+ of \d+$/.test(l.trim())) ? [] : [i + 1]));
    expect(blank).toEqual([]);
  });

  it('prints the sections its pack.yaml lists, in order', () => {
    expect(pdfContentsEntries(pdf()).map((e) => e.title)).toEqual([
      'A message from our Chief Executive',
      'About the Council',
      'About the role',
      'Remuneration package',
      'The selection process',
      'Wealdmere Behaviours Framework',
      'Our values',
      'Contacts',
    ]);
  });

  it('prints the framework\'s introduction sub-headings, then its clusters as headings over their competencies, in both formats', async () => {
    const lines = pdfPages(pdf()).join('\n').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const start = lines.findIndex((l, i) => l === 'Wealdmere Behaviours Framework' && lines[i + 1] === 'How the framework works');
    expect(start).toBeGreaterThan(0);
    const expected = [
      'How the framework works',
      'How we use it',
      'Leading people',
      'Setting direction',
      'Developing people',
      'Delivering for residents',
      'Working together',
      'Putting residents first',
    ];
    const positions = expected.map((heading) => lines.indexOf(heading, start));
    expect(positions.every((p) => p > start)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const paragraphs = await docxParagraphs(docx());
    const at = paragraphs.findIndex((p) => p.style === 'Heading1' && p.text === 'Wealdmere Behaviours Framework');
    const headings = paragraphs.slice(at + 1).filter((p) => p.style === 'Heading2' || p.style === 'Heading3');
    expect(headings.slice(0, expected.length).map((p) => [p.style, p.text])).toEqual([
      ['Heading2', 'How the framework works'],
      ['Heading2', 'How we use it'],
      ['Heading2', 'Leading people'],
      ['Heading3', 'Setting direction'],
      ['Heading3', 'Developing people'],
      ['Heading2', 'Delivering for residents'],
      ['Heading3', 'Working together'],
      ['Heading3', 'Putting residents first'],
    ]);
  });

  it('prints each competency\'s effective indicators, then its ineffective ones with their lead-in, at the Heads of Service level, in both formats', async () => {
    const [effective, ineffective] = framework.indicatorKinds;
    expect(effective!.negative ?? false).toBe(false);
    expect(ineffective!.negative).toBe(true);
    for (const text of [pdfText(), await docxText()]) {
      const section = frameworkSection(text);
      framework.competencies.forEach((competency, i) => {
        const next = framework.competencies[i + 1];
        const start = section.indexOf(squash(competency.name));
        const end = next ? section.indexOf(squash(next.name)) : section.length;
        const own = section.slice(start, end);
        const indicators = headsOfService(competency);
        const positive = indicators.effective!.map((item) => own.indexOf(squash(item)));
        const negativeHeading = own.indexOf(squash(`${ineffective!.name}${ineffective!.leadIn}`));
        const negative = indicators.ineffective!.map((item) => own.indexOf(squash(item)));
        expect(start, competency.name).toBeGreaterThanOrEqual(0);
        expect(own.indexOf(squash(`Heads of Service${effective!.name}${effective!.leadIn}`)), competency.name).toBeGreaterThan(0);
        expect(Math.min(...positive), competency.name).toBeGreaterThan(0);
        expect(negativeHeading, competency.name).toBeGreaterThan(Math.max(...positive));
        expect(Math.min(...negative), competency.name).toBeGreaterThan(negativeHeading);
      });
    }
  });

  it('does not print the indicators of the levels the role does not cite (the levels are not cumulative)', () => {
    const text = pdfText();
    const lower = framework.competencies.flatMap((c) => c.levels.filter((l) => l.level !== 'heads-of-service').flatMap((l) => Object.values(l.indicators).flat()));
    expect(lower.length).toBeGreaterThan(10);
    expect(lower.filter((item) => text.includes(squash(item)))).toEqual([]);
  });

  it('prints the grade\'s range, then each of its pay points, from the rates in force (not the older ones), in both formats', async () => {
    const rows = [
      'Basic salary£72,450 to £81,120 p.a.',
      'Basic salary, Point 1£72,450 p.a.',
      'Basic salary, Point 2£75,340 p.a.',
      'Basic salary, Point 3£78,230 p.a.',
      'Basic salary, Point 4£81,120 p.a.',
    ];
    for (const text of [pdfText(), await docxText()]) {
      expect(text).toContain(squash(`Salary (effective from 1 April 2026)Grade HS2Salary${rows.join('')}`));
      expect(text).not.toContain(squash('£70,140'));
    }
  });

  it('prints its benefits with their figures', async () => {
    const phrases = ['employer contribution of 19.5% of your pay', '28 days of annual leave a year, rising to 33 days after five years of service', 'Flexible working'];
    expect(missingFrom(pdfText(), phrases)).toEqual([]);
    expect(missingFrom(await docxText(), phrases)).toEqual([]);
  });

  it('asks candidates to apply through the portal, by its name, linked to its address, in both formats', async () => {
    const sentence = 'Please apply online through Wealdmere Jobs (jobs.wealdmere.example) by midday on Friday 12 February 2027, with the following documents:';
    expect(pdfText()).toContain(squash(sentence));
    expect(await docxText()).toContain(squash(sentence));
    const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf(), '-'], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
    expect(content).toContain('/URI (https://jobs.wealdmere.example/)');
    expect(await docxXml(docx(), 'word/_rels/document.xml.rels')).toContain('Target="https://jobs.wealdmere.example/"');
  });

  it('prints the assessment centre over its two days, in the table and in its text, in both formats', async () => {
    for (const text of [pdfText(), await docxText()]) {
      expect(text).toContain(squash('Stage 3 – Assessment centreTuesday 2 to Wednesday 3 March 2027Two days at the Civic Centre, Wealdmere'));
      expect(text).toContain(squash('over two days, Tuesday 2 to Wednesday 3 March 2027.'));
    }
  });

  it('prints the Council\'s values, with what each means, and lists them in the role profile', async () => {
    const values = [
      'Residents first: we start from what residents need.',
      'Honest: we say what we will do, and we do it.',
      'Inclusive: we value difference and treat everyone fairly.',
      'Ambitious: we aim high for the district and for each other.',
    ];
    expect(missingFrom(pdfText(), values)).toEqual([]);
    expect(missingFrom(await docxText(), values)).toEqual([]);
    expect(pdfText()).toContain(squash('ValuesResidents firstHonestInclusiveAmbitiousKnowledge and experience'));
  });

  it('shows the facts to check before it goes out: the stages with their weekdays, and each pay point with the file it is written in', () => {
    const shown = execFileSync(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), 'show', id], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const lines = shown.split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(lines).toContainEqual(['date of Closing date', 'Friday 12 February 2027', 'timeline.application.date', `packs/${id}/timeline.yaml:8`]);
    expect(lines).toContainEqual(['date of Final interview', 'Tuesday 9 March 2027', 'timeline.interview.date', `packs/${id}/timeline.yaml:31`]);
    for (const [point, amount] of [['1', '£72,450'], ['2', '£75,340'], ['3', '£78,230'], ['4', '£81,120']]) {
      expect(lines.some((l) => l[0] === `Basic salary, Point ${point}` && l[1] === amount && l[2] === `pay.basic.hs2-${point}` && l[3]!.startsWith('packs/shared/pay-scales/wealdmere.yaml:'))).toBe(true);
    }
    expect(shown).toContain('Grade HS2 (Head of Service): the rates in force on 7 December 2026, effective from 1 April 2026');
  });
});
