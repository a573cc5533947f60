// `packs new` starts a pack that validates and builds at once, from a neutral
// starter, and never changes a file that is already there. The starter is built
// here, so a schema change that breaks it fails this test. Every text it starts
// is a placeholder that `packs validate` warns of until it is replaced.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isScalar, parse, parseDocument, visit } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { docxParts, partText, pdfPages, projectRoot } from './support/read-outputs.js';
import { PLACEHOLDER_MARKER } from '../dist/load/placeholder-text.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
function project(): string {
  const root = copyProject();
  roots.push(root);
  return root;
}

/** Every file under a folder, with its contents: to show that a refused command changed nothing. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(folder, full), readFileSync(full, 'utf8'));
    }
  };
  walk(folder);
  return files;
}

/** Where each starter file goes in a new pack of `pack` for `organisation`. */
const startedAs = (pack: string, organisation: string): Record<string, string> => ({
  'pack/pack.yaml': `packs/${pack}/pack.yaml`,
  'pack/introduction.yaml': `packs/${pack}/introduction.yaml`,
  'pack/role.yaml': `packs/${pack}/role.yaml`,
  'pack/remuneration.yaml': `packs/${pack}/remuneration.yaml`,
  'pack/timeline.yaml': `packs/${pack}/timeline.yaml`,
  'shared/organisation.yaml': `packs/shared/organisations/${organisation}.yaml`,
  'shared/framework.yaml': `packs/shared/frameworks/${organisation}.yaml`,
  'shared/values.yaml': `packs/shared/values/${organisation}.yaml`,
  'shared/pay-scale.yaml': `packs/shared/pay-scales/${organisation}.yaml`,
});

/** "file:line:column" of every placeholder in the starter, as a new pack's files have it (filling a [[field]] moves no line). */
function starterPlaceholders(pack: string, organisation: string): string[] {
  const places: string[] = [];
  for (const [starter, file] of Object.entries(startedAs(pack, organisation))) {
    readFileSync(path.join(projectRoot, 'starter', starter), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const column = line.indexOf(PLACEHOLDER_MARKER);
        if (column >= 0 && !line.trimStart().startsWith('#')) places.push(`${file}:${i + 1}:${column + 1}`);
      });
  }
  return inPrintedOrder(places);
}

/** "file:line:column" places in the order diagnostics are printed: by file, then where in it. */
function inPrintedOrder(places: string[]): string[] {
  const parts = (place: string) => /^(.*):(\d+):(\d+)$/.exec(place)!;
  return [...places].sort((a, b) => {
    const [, fileA, lineA, columnA] = parts(a);
    const [, fileB, lineB, columnB] = parts(b);
    return fileA!.localeCompare(fileB!, 'en') || Number(lineA) - Number(lineB) || Number(columnA) - Number(columnB);
  });
}

/** "file:line:column" of each placeholder-text warning printed, in the order printed. */
const placeholderWarnings = (stderr: string) =>
  [...stderr.matchAll(/^(\S+)  warning  this text is still the starter's placeholder: .*  \[placeholder-text\]$/gm)].map((match) => match[1]!);

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

describe('packs new', () => {
  it('starts a pack and its organisation’s shared files, which validate and build at once into PDF and .docx', async () => {
    const root = project();
    const made = await runCli(['new', 'finance-manager', '--organisation', 'city-council', '--today', '2027-01-04'], root);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    for (const file of [
      'packs/shared/organisations/city-council.yaml',
      'packs/shared/frameworks/city-council.yaml',
      'packs/shared/values/city-council.yaml',
      'packs/shared/pay-scales/city-council.yaml',
      'packs/finance-manager/pack.yaml',
      'packs/finance-manager/role.yaml',
      'packs/finance-manager/timeline.yaml',
      'packs/finance-manager/remuneration.yaml',
    ]) {
      expect(made.stdout).toContain(`created  ${file}\n`);
      expect(existsSync(path.join(root, file))).toBe(true);
    }
    expect(made.stdout).toContain('npm run packs -- validate finance-manager');
    expect(made.stdout).toContain('npm run packs -- build finance-manager');

    // It validates and builds, each placeholder a warning (and only those).
    const validated = await runCli(['validate', 'finance-manager', '--today', '2027-01-04'], root);
    expect(validated.status).toBe(0);
    expect(validated.stderr).not.toMatch(/  error  /);
    expect(validated.stderr).toContain("role.yaml:5:8  warning  this text is still the starter's placeholder: \"Replace this with the role's title\"  [placeholder-text]\n");
    expect(validated.stderr).toContain("    hint: write the pack's own words here, or delete the line if the field may be left out\n");
    const places = starterPlaceholders('finance-manager', 'city-council');
    expect(placeholderWarnings(validated.stderr)).toEqual(places);
    expect(validated.stderr).toMatch(new RegExp(`\\n0 errors, ${places.length} warnings\\n$`));

    const out = path.join(root, 'built');
    const built = await runCli(['build', 'finance-manager', '--today', '2027-01-04', '--out', out], root);
    expect(placeholderWarnings(built.stderr)).toEqual(places);
    expect(built.status).toBe(0);
    const pdf = pdfPages(path.join(out, 'finance-manager.pdf')).join('\n');
    expect(pdf).toContain("Replace this with the role's title");
    expect(pdf).toContain('Monday 1 February 2027');
    const docx = partText(docxParts(path.join(out, 'finance-manager.docx')), 'word/document.xml');
    expect(docx).toContain('Replace this with the role&apos;s purpose');
  });

  it('is refused by --strict until its placeholders are replaced, then validates with no warning', async () => {
    const root = project();
    expect((await runCli(['new', 'finance-manager', '--organisation', 'city-council', '--today', '2027-01-04'], root)).status).toBe(0);
    const strict = await runCli(['validate', 'finance-manager', '--strict', '--today', '2027-01-04'], root);
    expect(strict.status).toBe(1);
    expect(placeholderWarnings(strict.stderr)).toEqual(starterPlaceholders('finance-manager', 'city-council'));

    // The user writes their own words in place of every placeholder.
    for (const file of Object.values(startedAs('finance-manager', 'city-council'))) {
      const full = path.join(root, file);
      writeFileSync(full, readFileSync(full, 'utf8').replaceAll(PLACEHOLDER_MARKER, 'Our words on'));
    }
    for (const args of [[], ['--strict']]) {
      const validated = await runCli(['validate', 'finance-manager', ...args, '--today', '2027-01-04'], root);
      expect(validated.stderr).toBe('');
      expect(validated.status).toBe(0);
    }
  });

  it('every placeholder in the starter begins as the placeholder-text check looks for', () => {
    // A starter text that tells the user what to do (replace it, or delete the line) is a placeholder:
    // it must begin with the marker, so that a pack left with it is warned of.
    let placeholders = 0;
    for (const [file, text] of snapshot(path.join(projectRoot, 'starter'))) {
      visit(parseDocument(text.replace(/\[\[[a-z-]+\]\]/g, 'field')), {
        Scalar(key, node) {
          if (key === 'key' || !isScalar(node) || typeof node.value !== 'string') return;
          if (!/\breplace\b|\bdelete the lines?\b/i.test(node.value)) return;
          expect({ file, value: node.value.startsWith(PLACEHOLDER_MARKER) }).toEqual({ file, value: true });
          placeholders += 1;
        },
      });
    }
    expect(placeholders).toBe(starterPlaceholders('any', 'any').length);
  });

  it('dates the stages after the pack’s date, on working days, avoiding bank holidays', async () => {
    const root = project();
    // Four weeks after 1 March 2027 is Easter Monday, 29 March.
    expect((await runCli(['new', 'spring-campaign', '--today', '2027-03-01'], root)).status).toBe(0);
    const pack = parse(readFileSync(path.join(root, 'packs', 'spring-campaign', 'pack.yaml'), 'utf8')) as { date: string };
    expect(pack.date).toBe('2027-03-01');
    const timeline = parse(readFileSync(path.join(root, 'packs', 'spring-campaign', 'timeline.yaml'), 'utf8')) as { stages: { date: string }[] };
    const dates = timeline.stages.map((stage) => stage.date);
    expect(dates[0]).toBe('2027-03-30');
    for (const date of dates) {
      expect(date > pack.date).toBe(true);
      expect(isWeekend(date)).toBe(false);
    }
    const validated = await runCli(['validate', 'spring-campaign', '--today', '2027-03-01'], root);
    expect(validated.status).toBe(0);
    expect(placeholderWarnings(validated.stderr)).toEqual(starterPlaceholders('spring-campaign', 'example-organisation'));
  });

  it('uses an organisation’s shared files when they are there, leaving them as they are', async () => {
    const root = project();
    expect((await runCli(['new', 'first-role', '--organisation', 'city-council', '--today', '2027-01-04'], root)).status).toBe(0);
    const shared = snapshot(path.join(root, 'packs', 'shared'));
    const second = await runCli(['new', 'second-role', '--organisation', 'city-council', '--today', '2027-01-04'], root);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('uses     packs/shared/frameworks/city-council.yaml (there already, left as it is)\n');
    expect(snapshot(path.join(root, 'packs', 'shared'))).toEqual(shared);
    // The shared files' placeholders are reported once each, though both packs read them.
    const validated = await runCli(['validate', 'first-role', 'second-role', '--today', '2027-01-04'], root);
    expect(validated.status).toBe(0);
    const both = [...starterPlaceholders('first-role', 'city-council'), ...starterPlaceholders('second-role', 'city-council')];
    expect(placeholderWarnings(validated.stderr)).toEqual(inPrintedOrder([...new Set(both)]));
  });

  it('without --organisation, starts the shared files of "example-organisation"', async () => {
    const root = project();
    const made = await runCli(['new', 'any-role', '--today', '2027-01-04'], root);
    expect(made.status).toBe(0);
    expect(existsSync(path.join(root, 'packs', 'shared', 'frameworks', 'example-organisation.yaml'))).toBe(true);
    expect(readFileSync(path.join(root, 'packs', 'any-role', 'pack.yaml'), 'utf8')).toContain('framework: ../shared/frameworks/example-organisation.yaml');
  });

  it.each([
    [['new', 'met-dac-2021'], 'packs new: there is a pack "met-dac-2021" already (packs/met-dac-2021)\n    hint: choose another id; nothing was changed\n'],
    [['new', 'shared'], 'packs new: packs/shared is there already, and is not a pack\n'],
    [
      ['new', 'Finance Manager'],
      'packs new: pack id "Finance Manager" is not an id: an id is lower-case letters and digits, in words joined by hyphens\n    hint: try "finance-manager"\n',
    ],
    [['new', 'fine-id', '--organisation', 'City_Council'], 'packs new: organisation id "City_Council" is not an id: an id is lower-case letters and digits, in words joined by hyphens\n    hint: try "city-council"\n'],
  ])('refuses %j with a message and a hint, changing nothing', async (args, message) => {
    const root = project();
    const before = snapshot(root);
    const run = await runCli([...args, '--today', '2027-01-04'], root);
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.status).toBe(2);
    expect(snapshot(root)).toEqual(before);
  });

  it('the starter speaks for no organisation in particular', () => {
    const starter = snapshot(path.join(projectRoot, 'starter'));
    for (const [file, text] of starter) expect({ file, found: text.match(/MPS|Metropolitan|Commissioner|police|CPOSA/gi) }).toEqual({ file, found: null });
  });
});

describe('packs new --help', () => {
  it('says what it does', async () => {
    const run = await runCli(['new', '--help'], mkdtempSync(path.join(tmpdir(), 'packs-new-help-')));
    expect(run.stdout).toContain('--organisation <id>');
    expect(run.status).toBe(0);
  });
});
