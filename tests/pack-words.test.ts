// The sentences particular to a pack come from its data: benefits with their
// figures, how to apply and by when, stages over several days. Each case is
// built from the base fixture and read back from the PDF (pdftotext) and the
// Word file (its paragraphs), as a candidate would read them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/project.js';
import { docxParts, partText, projectRoot } from './support/read-outputs.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const pack = 'packs/sample-pack';

/** Builds the base fixture with some files replaced (`find` → `replace` in a file), and returns both formats' text, each squeezed to single spaces. */
async function build(edits: { file: string; find: string; replace: string }[]): Promise<{ pdf: string; docx: string; docxRels: string; status: number | null; stderr: string }> {
  const root = mkdtempSync(path.join(tmpdir(), 'pack-words-'));
  made.push(root);
  cpSync(path.join(projectRoot, 'tests', 'fixtures', 'base'), root, { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  for (const edit of edits) {
    const file = path.join(root, edit.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(edit.find)) throw new Error(`"${edit.find}" is not in ${edit.file}`);
    writeFileSync(file, text.replace(edit.find, edit.replace));
  }
  const out = path.join(root, 'out');
  const run = await runCli(['build', 'sample-pack', '--root', root, '--out', out, '--today', '2021-01-01', '--no-progress']);
  const squeeze = (text: string) => text.replace(/\s+/g, ' ');
  if (run.status !== 0) return { pdf: '', docx: '', docxRels: '', status: run.status, stderr: run.stderr };
  const pdf = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(out, 'sample-pack.pdf'), '-'], { encoding: 'utf8' }));
  const docxFile = path.join(out, 'sample-pack.docx');
  // Each paragraph's text, a line break (as in a postal address) read as a space.
  const documentXml = partText(docxParts(docxFile), 'word/document.xml').replace(/<w:br\/>/g, '<w:t> </w:t>');
  const docx = squeeze(
    [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .join('\n')
      .replace(/&amp;/g, '&'),
  );
  const docxRels = partText(docxParts(docxFile), 'word/_rels/document.xml.rels');
  return { pdf, docx, docxRels, status: run.status, stderr: run.stderr };
}

const benefits = {
  file: `${pack}/remuneration.yaml`,
  find: `benefits:
  - id: travel
    title: Travel
    paragraphs:
      - Travel costs are met.
`,
  replace: `benefits:
  - id: pension
    title: Pension
    figures:
      employer: { percent: 27.1 }
      qualifying: { years: 1 }
    paragraphs:
      - We pay {{employer}} of your salary into the pension scheme once you have served {{qualifying}}.
  - id: relocation
    title: Relocation
    figures:
      maximum: { pounds: 40000 }
      period: { years: 3 }
      notice: { months: 1 }
      radius: { miles: 70 }
    paragraphs:
      - "Up to {{maximum}} for a move of {{radius}} or more, claimed within {{period}}:"
      - "- one claim a {{period.number}} year period, with {{notice}} of notice."
`,
};

describe('benefits', () => {
  it('are printed under their titles, with their figures formatted, singular and plural', async () => {
    const built = await build([benefits]);
    expect(built.stderr).toBe('');
    for (const text of [built.pdf, built.docx]) {
      expect(text).toContain('Pension We pay 27.1% of your salary into the pension scheme once you have served one year.');
      expect(text).toContain('Relocation Up to £40,000 for a move of 70 miles or more, claimed within three years:');
      expect(text).toContain('one claim a three year period, with one month of notice.');
      expect(text).not.toMatch(/one years|one months|\{\{/);
    }
  });
});

const closing = (dateStyle: 'ordinal' | 'plain') => ({ file: `${pack}/pack.yaml`, find: 'dateStyle: ordinal', replace: `dateStyle: ${dateStyle}` });
const applyBy = (how: string) => ({ file: `${pack}/timeline.yaml`, find: '  email: jobs@sample.police.uk\n', replace: how });

describe('how to apply', () => {
  const ways = {
    email: {
      how: '  email: jobs@sample.police.uk\n',
      ordinal: 'Please e-mail the following application documents to jobs@sample.police.uk by midday on Monday 5th July 2021. CV',
      plain: 'Please e-mail the following application documents to jobs@sample.police.uk by midday on Monday 5 July 2021. CV',
      link: 'mailto:jobs@sample.police.uk',
    },
    portal: {
      how: '  portal:\n    name: Sample Jobs\n    url: https://jobs.example.org/apply?campaign=inspector\n',
      ordinal: 'Please apply online through Sample Jobs by midday on Monday 5th July 2021, with the following documents: CV',
      plain: 'Please apply online through Sample Jobs by midday on Monday 5 July 2021, with the following documents: CV',
      link: 'https://jobs.example.org/apply?campaign=inspector',
    },
    post: {
      how: '  post: |\n    Recruitment Team\n    1 High Street\n    Sampletown ST1 1AA\n',
      ordinal: 'Please post the following application documents to arrive by midday on Monday 5th July 2021: CV Send them to: Recruitment Team 1 High Street Sampletown ST1 1AA',
      plain: 'Please post the following application documents to arrive by midday on Monday 5 July 2021: CV Send them to: Recruitment Team 1 High Street Sampletown ST1 1AA',
      link: undefined,
    },
  } as const;
  for (const [way, expected] of Object.entries(ways)) {
    for (const style of ['ordinal', 'plain'] as const) {
      it(`by ${way}, with the deadline in ${style} dates`, async () => {
        const built = await build([closing(style), applyBy(expected.how)]);
        expect(built.stderr).toBe('');
        expect(built.pdf).toContain(expected[style]);
        expect(built.docx).toContain(expected[style]);
        if (expected.link) expect(built.docxRels.replace(/&amp;/g, '&')).toContain(`Target="${expected.link}"`);
      });
    }
  }

  it('in the pack\'s own words, when it gives them', async () => {
    const built = await build([
      applyBy('  email: jobs_team@sample.police.uk\n  instructions: Send the documents below to {{email}} by {{time}} on {{weekday}} the **{{date}}**.\n'),
    ]);
    expect(built.stderr).toBe('');
    for (const text of [built.pdf, built.docx]) expect(text).toContain('Send the documents below to jobs_team@sample.police.uk by midday on Monday the 5th July 2021. CV');
    expect(built.docxRels).toContain('Target="mailto:jobs_team@sample.police.uk"');
  });
});

describe('a stage over several days', () => {
  const interviews = (dateStyle: 'ordinal' | 'plain') => [
    closing(dateStyle),
    {
      file: `${pack}/timeline.yaml`,
      find: '    date: 2021-07-14\n',
      replace: '    date: 2021-07-12\n    endDate: 2021-07-14\n',
    },
    { file: `${pack}/timeline.yaml`, find: 'Interviews are on {{weekday}} {{date}}.', replace: 'Interviews are held from {{when}} ({{date}}, {{weekday}}).' },
  ];

  it('prints as a span in the table and in its text, in ordinal dates', async () => {
    const built = await build(interviews('ordinal'));
    expect(built.stderr).toBe('');
    for (const text of [built.pdf, built.docx]) {
      expect(text).toContain('Stage 2 – Interview Monday 12th to Wednesday 14th July 2021 Interview');
      expect(text).toContain('Interviews are held from Monday 12th to Wednesday 14th July 2021 (12th to 14th July 2021, Monday to Wednesday).');
    }
  });

  it('and in plain dates', async () => {
    const built = await build(interviews('plain'));
    expect(built.stderr).toBe('');
    for (const text of [built.pdf, built.docx]) {
      expect(text).toContain('Stage 2 – Interview Monday 12 to Wednesday 14 July 2021 Interview');
      expect(text).toContain('Interviews are held from Monday 12 to Wednesday 14 July 2021 (12 to 14 July 2021, Monday to Wednesday).');
    }
  });
});

describe('a benefit\'s figure in a comparison', () => {
  it('is reported as a changed fact, by its benefit and name', async () => {
    const copy = (employer: string) => {
      const root = mkdtempSync(path.join(tmpdir(), 'pack-words-diff-'));
      made.push(root);
      cpSync(path.join(projectRoot, 'tests', 'fixtures', 'base'), root, { recursive: true });
      cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
      const file = path.join(root, benefits.file);
      writeFileSync(file, readFileSync(file, 'utf8').replace(benefits.find, benefits.replace.replace('{ percent: 27.1 }', `{ percent: ${employer} }`)));
      return path.join(root, pack);
    };
    const run = await runCli(['diff', copy('27.1'), copy('28')]);
    expect(run.stdout.split('\n')[0]).toBe('Remuneration › Pension › employer   27.1% → 28%');
  });
});
