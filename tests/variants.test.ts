// Variants: one pack.yaml describing several packs (the same role in several
// business areas), each with a few fields changed and outputs of its own.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPacks } from '../src/load/project.js';
import { selectPacks } from '../src/pipeline/select.js';
import { DataFileCache, loadPack } from '../src/load/load-pack.js';
import { checkReferences } from '../src/validate/references.js';
import { relocateVariantDiagnostics } from '../src/load/variants.js';
import { formatDiagnostic, whereOf } from '../src/diagnostics/format.js';
import { SourceText } from '../src/diagnostics/position.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { copyProject, diagnosticLines, runCli, type CliRun } from './support/project.js';
import { docxParagraphs, outputFile, pdfPages, squash } from './support/read-outputs.js';

const FRONTLINE = 'met-dac-2021-frontline-policing';
const SPECIALIST = 'met-dac-2021-specialist-operations';

const variants = `
variants:
  - id: ${FRONTLINE}
    set:
      pack.subtitle: Deputy Assistant Commissioner, Frontline Policing – Selection Process
      role.title: Deputy Assistant Commissioner, Frontline Policing
      timeline.stages.final-interview.date: 2021-01-21
  - id: ${SPECIALIST}
    set:
      pack.subtitle: Deputy Assistant Commissioner, Specialist Operations – Selection Process
      role.title: Deputy Assistant Commissioner, Specialist Operations
      timeline.stages.final-interview.date: 2021-01-22
`;

/** A copy of the project whose DAC pack declares the two variants above (and any more text given). */
function projectWithVariants(more = ''): string {
  const root = copyProject();
  appendFileSync(path.join(root, 'packs/met-dac-2021/pack.yaml'), variants + more);
  return root;
}

const pdfText = (file: string) => squash(pdfPages(file).join('\n'));

/** The line number (from 1) of the last line of a project file that contains some text. */
function lineOf(root: string, file: string, text: string): number {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  return lines.findLastIndex((line) => line.includes(text)) + 1;
}

describe('a pack with variants', () => {
  let root: string;
  let out: string;
  let run: CliRun;
  beforeAll(async () => {
    root = projectWithVariants();
    out = mkdtempSync(path.join(tmpdir(), 'packs-variants-out-'));
    // Naming the pack builds it and its variants.
    run = await runCli(['build', 'met-dac-2021', '--out', out, '--today', '2020-12-14', '--no-progress'], root);
  });

  it('builds the pack and each variant into files of their own', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^✓ met-dac-2021  19 pages`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^✓ ${FRONTLINE}  \\d+ pages`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^✓ ${SPECIALIST}  \\d+ pages`, 'm'));
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(
      ['met-dac-2021', FRONTLINE, SPECIALIST].flatMap((id) => [`${id}.docx`, `${id}.html`, `${id}.pdf`]).sort(),
    );
  });

  it("prints each variant's own title and date, and not the other's", () => {
    const frontline = pdfText(path.join(out, `${FRONTLINE}.pdf`));
    const specialist = pdfText(path.join(out, `${SPECIALIST}.pdf`));
    const base = pdfText(path.join(out, 'met-dac-2021.pdf'));
    expect(frontline).toContain(squash('Deputy Assistant Commissioner, Frontline Policing – Selection Process'));
    expect(frontline).toContain(squash('The final interview panel will be held 21st January 2021'));
    expect(frontline).not.toContain(squash('Commissioner, Specialist Operations'));
    expect(frontline).not.toContain(squash('22nd January 2021'));
    expect(frontline).not.toContain(squash('20th January 2021'));
    expect(specialist).toContain(squash('Deputy Assistant Commissioner, Specialist Operations – Selection Process'));
    expect(specialist).toContain(squash('The final interview panel will be held 22nd January 2021'));
    expect(specialist).not.toContain(squash('Commissioner, Frontline Policing'));
    expect(specialist).not.toContain(squash('21st January 2021'));
    expect(base).toContain(squash('The final interview panel will be held 20th January 2021'));
    expect(base).not.toContain(squash('Commissioner, Frontline Policing'));
    expect(base).not.toContain(squash('Commissioner, Specialist Operations'));
  });

  it('writes the same into the Word file', async () => {
    const text = (await docxParagraphs(path.join(out, `${FRONTLINE}.docx`))).map((p) => p.text).join('\n');
    expect(text).toContain('Deputy Assistant Commissioner, Frontline Policing');
    expect(text).toContain('21st January 2021');
    expect(text).not.toContain('Commissioner, Specialist Operations');
  });

  it('leaves the pack itself byte for byte as it is built without variants', () => {
    expect(readFileSync(path.join(out, 'met-dac-2021.pdf')).equals(readFileSync(outputFile('met-dac-2021', 'pdf')))).toBe(true);
    expect(readFileSync(path.join(out, 'met-dac-2021.docx')).equals(readFileSync(outputFile('met-dac-2021', 'docx')))).toBe(true);
  });

  it('lists the variants under their pack', async () => {
    const list = await runCli(['list'], root);
    expect(list.status).toBe(0);
    expect(list.stdout).toBe(`met-dac-2021\n  ${FRONTLINE}\n  ${SPECIALIST}\nmet-deputy-director-project-delivery\nwealdmere-head-of-housing-2027\n`);
  });

  it('builds just the variant named', async () => {
    const only = mkdtempSync(path.join(tmpdir(), 'packs-variants-out-'));
    const one = await runCli(['build', SPECIALIST, '--out', only, '--today', '2020-12-14', '--no-progress'], root);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout.split('\n').filter((line) => line.startsWith('✓'))).toHaveLength(1);
    expect(readdirSync(only).filter((f) => !f.startsWith('.')).sort()).toEqual([`${SPECIALIST}.docx`, `${SPECIALIST}.html`, `${SPECIALIST}.pdf`]);
    expect(readFileSync(path.join(only, `${SPECIALIST}.pdf`)).equals(readFileSync(path.join(out, `${SPECIALIST}.pdf`)))).toBe(true);
  });

  it("shows a variant's title and role", async () => {
    const show = await runCli(['show', FRONTLINE, '--today', '2020-12-14'], root);
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout.split('\n').slice(0, 2)).toEqual([
      `Metropolitan Police Service Information Pack: Deputy Assistant Commissioner, Frontline Policing – Selection Process  (${FRONTLINE})`,
      'Role:     Deputy Assistant Commissioner, Frontline Policing',
    ]);
  });
});

describe('finding and choosing variants', () => {
  it('gives each variant a location of its own: its id, the pack folder and pack.yaml', async () => {
    const root = projectWithVariants();
    const dir = path.join(root, 'packs/met-dac-2021');
    const all = await findPacks(root);
    expect(all.map((p) => [p.id, p.variant?.index])).toEqual([
      ['met-dac-2021', undefined],
      [FRONTLINE, 0],
      [SPECIALIST, 1],
      ['met-deputy-director-project-delivery', undefined],
      ['wealdmere-head-of-housing-2027', undefined],
    ]);
    expect(all[1]).toEqual({ id: FRONTLINE, dir, packFile: path.join(dir, 'pack.yaml'), variant: { id: FRONTLINE, index: 0 } });
    // Naming a pack picks it and its variants (once each); naming a variant picks just it.
    expect((await selectPacks(root, ['met-dac-2021', SPECIALIST])).packs.map((p) => p.id)).toEqual(['met-dac-2021', FRONTLINE, SPECIALIST]);
    expect((await selectPacks(root, [SPECIALIST, 'met-deputy-director-project-delivery'])).packs.map((p) => p.id)).toEqual([
      SPECIALIST,
      'met-deputy-director-project-delivery',
    ]);
  });

  it('gives only the pack when pack.yaml cannot be read', async () => {
    const root = projectWithVariants('  - id: [broken\n');
    expect((await findPacks(root)).map((p) => p.id)).toEqual(['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027']);
  });

  it('refuses a variant id that another pack or an earlier variant has, at the id', async () => {
    const root = projectWithVariants(`  - id: met-deputy-director-project-delivery\n    set:\n      role.title: Deputy Director\n`);
    appendFileSync(
      path.join(root, 'packs/met-deputy-director-project-delivery/pack.yaml'),
      `\nvariants:\n  - id: ${FRONTLINE}\n    set:\n      role.title: Deputy Director, Frontline\n`,
    );
    const run = await runCli(['validate', '--today', '2020-12-14'], root);
    expect(run.status).toBe(1);
    const dac = lineOf(root, 'packs/met-dac-2021/pack.yaml', '- id: met-deputy-director-project-delivery');
    const director = lineOf(root, 'packs/met-deputy-director-project-delivery/pack.yaml', `- id: ${FRONTLINE}`);
    expect(diagnosticLines(run.stderr)).toEqual([
      `packs/met-dac-2021/pack.yaml:${dac}:9  error  variant id "met-deputy-director-project-delivery" is already the id of the pack in packs/met-deputy-director-project-delivery  [duplicate-id]`,
      `packs/met-deputy-director-project-delivery/pack.yaml:${director}:9  error  variant id "${FRONTLINE}" is already the id of a variant in packs/met-dac-2021/pack.yaml  [duplicate-id]`,
    ]);
  });
});

describe('loading a variant', () => {
  it('changes a copy of the shared data, never the data the other packs of the build read', async () => {
    const root = projectWithVariants();
    const cache = new DataFileCache(root);
    const [base, frontline] = await findPacks(root);
    const variant = await loadPack(frontline!, cache);
    const pack = await loadPack(base!, cache);
    expect(variant.pack?.role?.data.title).toBe('Deputy Assistant Commissioner, Frontline Policing');
    expect(variant.pack?.pack.data.id).toBe(FRONTLINE);
    expect(pack.pack?.role?.data.title).toBe('Deputy Assistant Commissioner');
    expect(pack.pack?.timeline?.data.stages?.find((s) => s.id === 'final-interview')?.date).toBe('2021-01-20');
    expect(pack.pack?.pack.data.id).toBe('met-dac-2021');
    expect(variant.pack?.role?.file).toBe(pack.pack?.role?.file); // the same file, read once
  });

  it('can report a finding about a value the variant set at its `set` entry in pack.yaml', async () => {
    const root = projectWithVariants(`  - id: met-dac-2021-saturday\n    set:\n      timeline.stages.final-interview.date: 2021-01-23\n`);
    const location = (await findPacks(root)).find((p) => p.id === 'met-dac-2021-saturday')!;
    const loaded = await loadPack(location, new DataFileCache(root));
    const found = checkReferences(loaded.pack!, {}).filter((d) => d.code === 'non-working-day');
    const written = lineOf(root, 'packs/met-dac-2021/timeline.yaml', 'date: 2021-01-20');
    // Positions are offsets into the text read; line and column are worked out from the file, as when printed.
    const where = (d: Diagnostic) => whereOf(d, new SourceText(readFileSync(path.join(root, d.file), 'utf8')));
    expect(found.map(where)).toEqual([`packs/met-dac-2021/timeline.yaml:${written}:11`]);
    const set = lineOf(root, 'packs/met-dac-2021/pack.yaml', 'final-interview.date: 2021-01-23');
    expect(relocateVariantDiagnostics(loaded.pack, found).map((d) => `${where(d)}  ${d.message}`)).toEqual([
      `packs/met-dac-2021/pack.yaml:${set}:45  stage "Final Interview Panel" is on Saturday 23 January 2021, a weekend`,
    ]);
  });
});

describe('a variant that goes while a command runs', () => {
  it('is reported, not built as its pack, when pack.yaml no longer declares it by the time the pack is read', async () => {
    const root = projectWithVariants();
    const frontline = (await findPacks(root)).find((p) => p.id === FRONTLINE)!;
    // Saved again without its variants after the packs were found, before this one is read.
    const packYaml = path.join(root, 'packs/met-dac-2021/pack.yaml');
    const withoutVariants = readFileSync(packYaml, 'utf8').replace(variants, '');
    writeFileSync(packYaml, withoutVariants);
    const loaded = await loadPack(frontline, new DataFileCache(root));
    expect(loaded.diagnostics.map((d) => formatDiagnostic(d, new SourceText(withoutVariants)))).toEqual([
      `packs/met-dac-2021/pack.yaml:3:1  error  pack.yaml declares no variant "${FRONTLINE}"  [variant-not-found]\n` +
        '    3 | id: met-dac-2021\n' +
        '      | ^\n' +
        '    hint: pack.yaml changed while the command ran: run it again',
    ]);
  });
});

describe('set and diff on a variant', () => {
  it("`packs set <variant>` edits the variant's line under `set:`, and nothing the pack or the other variant reads", async () => {
    const root = projectWithVariants();
    const before = (file: string) => readFileSync(path.join(root, file), 'utf8');
    const timeline = before('packs/met-dac-2021/timeline.yaml');
    const pack = before('packs/met-dac-2021/pack.yaml');
    const run = await runCli(['set', FRONTLINE, 'timeline.final-interview.date', '2021-01-25', '--today', '2020-12-14'], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('timeline.final-interview.date: Thursday 21 January 2021 → Monday 25 January 2021  (packs/met-dac-2021/pack.yaml)');
    // The pack's own timeline is untouched; in pack.yaml, the variant's line and the version changed, and nothing else.
    expect(before('packs/met-dac-2021/timeline.yaml')).toBe(timeline);
    const changed = (text: string) => text.split('\n');
    const after = changed(before('packs/met-dac-2021/pack.yaml'));
    const differing = changed(pack).flatMap((line, i) => (line === after[i] ? [] : [`${line} → ${after[i]}`]));
    expect(differing).toEqual([
      'version: 1.0.0 → version: 1.0.1', // dated --today, the pack's date already
      '      timeline.stages.final-interview.date: 2021-01-21 →       timeline.stages.final-interview.date: 2021-01-25',
    ]);
    expect(after).toContain('      timeline.stages.final-interview.date: 2021-01-22'); // the other variant's
    // The pack and its variants share the change log: the entry says whose value changed.
    expect(before('packs/met-dac-2021/changelog.yaml')).toContain(
      [
        '- date: "2020-12-14"',
        '  version: "1.0.1"',
        '  field: "timeline.final-interview.date"',
        '  old: "2021-01-21"',
        '  new: "2021-01-25"',
        '  note: null',
        `  variant: "${FRONTLINE}"`,
      ].join('\n'),
    );
    const built = await runCli(['build', FRONTLINE, '--out', 'out', '--only', 'pdf', '--today', '2020-12-14', '--no-progress'], root);
    expect(built.status, built.stderr).toBe(0);
    expect(pdfText(path.join(root, 'out', `${FRONTLINE}.pdf`))).toContain(squash('25th January 2021'));
  });

  it('`packs diff <pack> <variant>` shows what the variant changes', async () => {
    const root = projectWithVariants();
    const run = await runCli(['diff', 'met-dac-2021', SPECIALIST], root);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Selection process › Final Interview Panel   20th January 2021 → 22nd January 2021');
    expect(run.stdout).toContain('Deputy Assistant [-Commissioner-]{+Commissioner, Specialist Operations+}');
  });
});
