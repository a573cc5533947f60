// Reliability: the same bytes whatever the machine's time zone and language,
// SOURCE_DATE_EPOCH honoured, files that pass qpdf's check, nothing about the
// machine or its user in the outputs, and Object.prototype left alone by
// hostile keys.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli, runCliProcess, runScriptAsync } from './support/project.js';
import { docxParts, partText, projectRoot } from './support/read-outputs.js';

async function build(root: string, out: string) {
  const run = await runCli(['build', '--out', out, '--today', '2020-12-14'], root);
  expect(run.status, run.stderr).toBe(0);
}

describe('reproducible outputs', () => {
  it('gives the same SHA-256 for every output built twice, in another time zone and language, and one pack at a time', async () => {
    // Run without blocking: the script takes a while, and vitest's worker must stay responsive meanwhile.
    const run = await runScriptAsync('scripts/reproducible.mjs');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // Read the printed table for ourselves: one line per output, each with one hash for every way it was built.
    const rows = run.stdout.split('\n').filter((line) => /^(same|DIFFERENT) /.test(line));
    expect(rows.map((row) => row.split(/\s+/)[2]).sort()).toEqual(
      ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027'].flatMap((id) => [`${id}.docx`, `${id}.html`, `${id}.pdf`]),
    );
    expect(rows.every((row) => row.startsWith('same  '))).toBe(true);
    expect(run.stdout).toContain('built 4 ways');
    expect(run.stdout).toContain('(4) one pack at a time');
  });

  it('takes the timestamp from SOURCE_DATE_EPOCH when it is set', async () => {
    const root = copyProject();
    // Its own process: the command reads SOURCE_DATE_EPOCH from its environment.
    const run = await runCliProcess(['build', '--out', 'c', '--today', '2020-12-14'], { cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(run.status, run.stderr).toBe(0);
    const pdf = path.join(root, 'c', 'met-dac-2021.pdf');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/CreationDate:\s+Tue Nov 14 22:13:20 2023 UTC/);
    const parts = docxParts(path.join(root, 'c', 'met-dac-2021.docx'));
    expect(partText(parts, 'docProps/core.xml')).toContain('>2023-11-14T22:13:20Z</dcterms:created>');
  });
});

describe('outputs readers and tools accept', () => {
  it('every PDF passes qpdf --check', async () => {
    const root = copyProject();
    await build(root, 'd');
    for (const id of ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027']) {
      const run = spawnSync('qpdf', ['--check', path.join(root, 'd', `${id}.pdf`)], { encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain('No syntax or stream encoding errors found');
    }
  });

  it('names no user, host or absolute path of the machine in the PDF information, the .docx properties or the HTML', async () => {
    const root = copyProject();
    await build(root, 'e');
    const pdf = execFileSync('pdfinfo', ['-custom', path.join(root, 'e', 'met-dac-2021.pdf')], { encoding: 'utf8' });
    const parts = docxParts(path.join(root, 'e', 'met-dac-2021.docx'));
    const properties = [...parts.keys()].filter((name) => name.startsWith('docProps/')).map((name) => partText(parts, name));
    const html = readFileSync(path.join(root, 'e', 'met-dac-2021.html'), 'utf8');
    // The HTML's information is its <head> without the style sheet (which says `:root`, a user's name here, as the pack's text says "root causes").
    const htmlInformation = html.slice(0, html.indexOf('</head>')).replace(/<style>[\s\S]*?<\/style>/, '');
    // Author and creator come from the pack data.
    expect(pdf).toMatch(/^Author:\s+Metropolitan Police Service$/m);
    expect(pdf).toMatch(/^Creator:\s+Metropolitan Police Service$/m);
    expect(pdf).toMatch(/^Producer:\s+recruitment-packs$/m);
    expect(properties.join('')).toContain('<dc:creator>Metropolitan Police Service</dc:creator>');
    const words = (text: string) => new Set(text.split(/[^A-Za-z0-9._/-]+/));
    for (const needle of [userInfo().username, hostname()]) {
      expect(words(pdf).has(needle), `PDF information names ${needle}`).toBe(false);
      expect(properties.some((part) => words(part).has(needle)), `.docx properties name ${needle}`).toBe(false);
      expect(words(htmlInformation).has(needle), `the HTML's <head> names ${needle}`).toBe(false);
    }
    for (const folder of [root, projectRoot, '/home/', '/root/', '/tmp/']) {
      expect(pdf.includes(folder), `PDF information has ${folder}`).toBe(false);
      expect(properties.some((part) => part.includes(folder)), `.docx properties have ${folder}`).toBe(false);
      expect(html.includes(folder), `the HTML has ${folder}`).toBe(false);
    }
  });
});

describe('files outside the project', () => {
  it('a data file that is a symbolic link out of the project is refused before it is read', async () => {
    const root = copyProject();
    const outside = mkdtempSync(path.join(tmpdir(), 'packs-outside-'));
    writeFileSync(path.join(outside, 'secret.yaml'), 'title: not for packs\n');
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'packs/met-dac-2021/introduction.yaml'.replace('introduction', 'linked')));
    const pack = path.join(root, 'packs/met-dac-2021/pack.yaml');
    writeFileSync(pack, readFileSync(pack, 'utf8').replace('letter: introduction.yaml', 'letter: linked.yaml'));
    const run = await runCli(['validate', 'met-dac-2021', '--today', '2020-12-14'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('packs/met-dac-2021/pack.yaml:19:11  error  letter file "linked.yaml" is outside the project  [file-outside-project]');
  });
});

describe('hostile keys', () => {
  it('__proto__, constructor and prototype are reported, and Object.prototype is untouched', async () => {
    const base = path.join(projectRoot, 'tests/fixtures/base');
    const fixture = copyProject();
    cpSync(base, fixture, { recursive: true });
    cpSync(path.join(projectRoot, 'tests/fixtures/prototype-keys'), fixture, { recursive: true });
    const run = await runCli(['validate', '--root', fixture, '--today', '2021-01-01'], fixture);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('`__proto__` is not a field of role  [unknown-field]');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('admin');
  });
});
