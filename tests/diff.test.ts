// packs diff, as a reviewer uses it: two versions of the DAC pack, compared by
// meaning first, then word by word; from pack folders and from built files alone.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyProject, runCli } from './support/project.js';
import { docxParagraphs, docxXml } from './support/read-outputs.js';

const text = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&')).join('');

const edit = (file: string, find: string, replace: string) => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(find)) throw new Error(`"${find}" is not in ${file}`);
  writeFileSync(file, text.replace(find, replace));
};

let oldRoot = '';
let newRoot = '';

beforeAll(async () => {
  oldRoot = copyProject();
  newRoot = copyProject();
  const pack = (file: string) => path.join(newRoot, 'packs/met-dac-2021', file);
  edit(pack('timeline.yaml'), 'date: 2021-01-20', 'date: 2021-01-27');
  edit(path.join(newRoot, 'packs/shared/pay-scales/met-chief-officers.yaml'), 'basic: 156693', 'basic: 160115');
  // Accountabilities: one added at the top, the second removed, the last reworded.
  edit(pack('role.yaml'), '  items:\n    - Support the implementation', "  items:\n    - Lead the Met's response to national emergencies.\n    - Support the implementation");
  edit(pack('role.yaml'), '    - Represent the Service, adhering to the principle of operational independence, and liaise with the Mayor\'s Office for Policing and Crime to provide operational information to enable the Mayor to provide public assurance.\n', '');
  edit(pack('role.yaml'), 'and continuous improvement in evidence-based policing.', 'and continuous improvement in evidence-based policing and learning.');
  edit(pack('role.yaml'), '- competency: We analyse critically\n      cluster: Intelligent, creative and informed policing\n      level: 3', '- competency: We analyse critically\n      cluster: Intelligent, creative and informed policing\n      level: 2');
  for (const root of [oldRoot, newRoot]) {
    expect((await runCli(['build', 'met-dac-2021', '--today', '2020-12-14'], root)).status).toBe(0);
  }
});

const expectedChanges = [
  'Selection process › Final Interview Panel   20th January 2021 → 27th January 2021',
  'Remuneration › Basic Pay                    £156,693 → £160,115   (packs/shared/pay-scales/met-chief-officers.yaml)',
  'About the role › Primary accountabilities   + "Lead the Met\'s response to national emergencies."',
  'About the role › Primary accountabilities   - "Represent the Service, adhering to the principle of operational indep…"',
  'About the role › Primary accountabilities   ~ "…improvement in evidence-based [-policing.-]{+policing and learning.+}"',
  'Behaviours › We analyse critically          Level 3 → Level 2',
];

describe('packs diff', () => {
  it('lists the changes by meaning, then the changed words section by section (pack folders)', async () => {
    const run = await runCli(['diff', path.join(oldRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021')]);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, expectedChanges.length)).toEqual(expectedChanges);
    expect(run.stdout).toContain('\nRemuneration package\n  [-£156,693-]{+£160,115+} p.a.\n');
    expect(run.stdout).toContain('  The final interview panel will be held [-20th-]{+27th+} January 2021 (subject to operational commitments).');
    expect(run.stdout).toContain('evidence-based [-policing.-]{+policing and learning.+}');
  });

  it('compares two built files with no pack folder present, even a PDF with a .docx', async () => {
    const alone = mkdtempSync(path.join(tmpdir(), 'packs-diff-files-'));
    cpSync(path.join(oldRoot, 'output/met-dac-2021.pdf'), path.join(alone, 'a.pdf'));
    cpSync(path.join(newRoot, 'output/met-dac-2021.docx'), path.join(alone, 'b.docx'));
    rmSync(oldRoot + '-nothing', { force: true, recursive: true });
    const run = await runCli(['diff', 'a.pdf', 'b.docx'], alone);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').slice(0, expectedChanges.length)).toEqual(expectedChanges);
  });

  it('reports nothing, exit 0, for a pack against itself and for the PDF and Word file of one build', async () => {
    const self = await runCli(['diff', path.join(newRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021')]);
    expect([self.status, self.stdout]).toEqual([0, '']);
    const formats = await runCli(['diff', path.join(newRoot, 'output/met-dac-2021.pdf'), path.join(newRoot, 'output/met-dac-2021.docx')]);
    expect([formats.status, formats.stdout]).toEqual([0, '']);
  });

  it('reports nothing for a rebuild whose bytes differ but whose content does not', async () => {
    const root = copyProject();
    expect((await runCli(['build', 'met-dac-2021', '--out', 'first', '--today', '2020-12-14'], root)).status).toBe(0);
    edit(path.join(root, 'packs/met-dac-2021/pack.yaml'), 'version: 1.0.0', 'version: 1.0.9');
    expect((await runCli(['build', 'met-dac-2021', '--out', 'second', '--today', '2020-12-14'], root)).status).toBe(0);
    const first = readFileSync(path.join(root, 'first/met-dac-2021.pdf'));
    const second = readFileSync(path.join(root, 'second/met-dac-2021.pdf'));
    expect(first.equals(second)).toBe(false);
    const run = await runCli(['diff', 'first/met-dac-2021.pdf', 'second/met-dac-2021.pdf'], root);
    expect([run.status, run.stdout]).toEqual([0, '']);
  });

  it('colours the words in a terminal (or with --color), and prints plain markers otherwise', async () => {
    const args = ['diff', path.join(oldRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021')];
    const coloured = (await runCli([...args, '--color'])).stdout;
    expect(coloured).toContain('\u001b[31m\u001b[9m£156,693\u001b[29m\u001b[39m\u001b[32m£160,115\u001b[39m p.a.');
    expect((await runCli(args)).stdout).not.toContain('\u001b[');
  });

  it('prints Markdown and JSON for other tools', async () => {
    const md = await runCli(['diff', path.join(oldRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021'), '--format', 'md']);
    expect(md.stdout).toContain('| Selection process › Final Interview Panel | 20th January 2021 → 27th January 2021 |');
    expect(md.stdout).toContain('| About the role › Primary accountabilities | + "Lead the Met\'s response to national emergencies." |');
    expect(md.stdout).toContain('~~£156,693~~**£160,115** p.a.');
    const json = JSON.parse((await runCli(['diff', path.join(oldRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021'), '--format', 'json'])).stdout);
    expect(json.changes[1]).toEqual({ kind: 'changed', key: 'Remuneration › Basic Pay', old: '£156,693', new: '£160,115', source: 'packs/shared/pay-scales/met-chief-officers.yaml' });
  });

  it('prints one self-contained HTML page, side by side, with the changed values highlighted', async () => {
    const run = await runCli(['diff', path.join(oldRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021'), '--format', 'html']);
    expect(run.status).toBe(1);
    const html = run.stdout;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/); // nothing fetched from elsewhere
    expect(html).toContain('<tr><td class="where">Remuneration › Basic Pay<div class="source">from packs/shared/pay-scales/met-chief-officers.yaml</div></td><td><del>£156,693</del></td><td><ins>£160,115</ins></td></tr>');
    expect(html).toContain('<h2>The selection process</h2>');
    expect(html).toContain('<tr><td>The final interview panel will be held <del>20th</del> January 2021');
    expect(html).toContain('@media print');
  });

  it('writes a redline: the new version with real Word revisions, attributed to the tool and dated by the new version', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'packs-redline-')), 'review', 'redline.docx'); // into a folder not made yet
    const run = await runCli(['diff', path.join(oldRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021'), '--redline', out]);
    expect(run.status).toBe(1);
    // Outside the folder the command ran in, the file is named in full.
    expect(run.stderr).toBe(`redline written to ${out}\n`);
    const xml = await docxXml(out, 'word/document.xml');
    const inserted = [...xml.matchAll(/<w:ins w:id="\d+" w:author="recruitment-packs" w:date="2020-12-14T12:00:00Z">([\s\S]*?)<\/w:ins>/g)].map((m) => text(m[1]!, 'w:t'));
    const deleted = [...xml.matchAll(/<w:del w:id="\d+" w:author="recruitment-packs" w:date="2020-12-14T12:00:00Z">([\s\S]*?)<\/w:del>/g)].map((m) => text(m[1]!, 'w:delText'));
    expect(inserted).toEqual(expect.arrayContaining(["Lead the Met's response to national emergencies.", '£160,115', '27th', 'policing and learning.', '2']));
    expect(deleted).toEqual(
      expect.arrayContaining([
        "Represent the Service, adhering to the principle of operational independence, and liaise with the Mayor's Office for Policing and Crime to provide operational information to enable the Mayor to provide public assurance.",
        '£156,693',
        '20th',
        'policing.',
        '3',
      ]),
    );
    expect(await docxXml(out, 'word/settings.xml')).toContain('<w:trackRevisions/>');
    // LibreOffice opens it and lists the changes as its own tracked changes.
    const lo = mkdtempSync(path.join(tmpdir(), 'packs-redline-lo-'));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${lo}/profile`, '--convert-to', 'odt', '--outdir', lo, out], { stdio: 'pipe', timeout: 120_000 });
    const content = await docxXml(path.join(lo, 'redline.odt'), 'content.xml'); // an .odt is a zip too
    expect(content.match(/<text:changed-region /g)?.length).toBe(inserted.length + deleted.length);
    expect(content).toContain('<dc:creator>recruitment-packs</dc:creator>');
  });

  it('writes the redline of a salary and a date change as the pack itself, cover, tables and headings, with the changes tracked', async () => {
    const root = copyProject();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'approved');
    expect((await runCli(['set', 'met-dac-2021', 'pay.basic', '160115', '--today', '2020-12-14'], root)).status).toBe(0);
    expect((await runCli(['set', 'met-dac-2021', 'timeline.final-interview.date', '2021-01-27', '--today', '2020-12-14'], root)).status).toBe(0);
    const run = await runCli(['diff', 'met-dac-2021', '--rev', 'HEAD', '--redline', 'r.docx'], root);
    expect([run.status, run.stderr]).toEqual([1, 'redline written to r.docx\n']);
    // The pack as built from the same (new) version, to hold the redline against.
    expect((await runCli(['build', 'met-dac-2021', '--out', 'built', '--today', '2020-12-14'], root)).status).toBe(0);
    const redline = path.join(root, 'r.docx');
    const pack = path.join(root, 'built/met-dac-2021.docx');

    const xml = await docxXml(redline, 'word/document.xml');
    const tables = (file: string) => docxXml(file, 'word/document.xml').then((body) => body.match(/<w:tbl>/g)?.length ?? 0);
    expect(await tables(pack)).toBeGreaterThanOrEqual(8);
    expect(await tables(redline)).toBe(await tables(pack));
    const [ours, theirs] = [await docxParagraphs(redline), await docxParagraphs(pack)];
    const styled = (paragraphs: typeof ours, style: string) => paragraphs.filter((p) => p.style === style).map((p) => p.text);
    for (const style of ['Title', 'Heading1', 'Heading2']) expect(styled(ours, style), style).toEqual(styled(theirs, style));
    expect(styled(ours, 'Title')).toEqual(['Metropolitan Police Service Information Pack']);
    // The changes, and only they, as revisions by the tool dated by the new version: in the cover's key facts
    // (the basic pay, the final interview), the pay table, the timeline table and the paragraph on the final interview.
    const by = 'w:author="recruitment-packs" w:date="2020-12-14T12:00:00Z"';
    const inserted = [...xml.matchAll(/<w:ins ([^>]*)>([\s\S]*?)<\/w:ins>/g)].map((m) => [m[1], text(m[2]!, 'w:t')]);
    const deleted = [...xml.matchAll(/<w:del ([^>]*)>([\s\S]*?)<\/w:del>/g)].map((m) => [m[1], text(m[2]!, 'w:delText')]);
    expect(deleted.map(([, words]) => words)).toEqual(['£156,693', '20th', '£156,693', '20th', '20th']);
    expect(inserted.map(([, words]) => words)).toEqual(['£160,115', '27th', '£160,115', '27th', '27th']);
    expect([...inserted, ...deleted].every(([attributes]) => attributes!.endsWith(by))).toBe(true);
    expect(await docxXml(redline, 'word/settings.xml')).toContain('<w:trackRevisions/>');

    // LibreOffice opens it as it opens the pack: the same pages within one, and both values printed.
    const lo = mkdtempSync(path.join(tmpdir(), 'packs-redline-lo-'));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${lo}/profile`, '--convert-to', 'pdf', '--outdir', lo, redline, pack], { stdio: 'pipe', timeout: 120_000 });
    const pages = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    const packPages = pages(path.join(lo, 'met-dac-2021.pdf'));
    expect(packPages).toBeGreaterThanOrEqual(15);
    expect(Math.abs(pages(path.join(lo, 'r.pdf')) - packPages)).toBeLessThanOrEqual(1);
    const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(lo, 'r.pdf'), '-'], { encoding: 'utf8' });
    for (const value of ['£156,693', '£160,115', '20th', '27th', 'Metropolitan Police Service']) expect(printed).toContain(value);
  });

  it('refuses --redline with a built file as the new version, and says what to give instead (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'packs-redline-built-'));
    const run = await runCli(['diff', path.join(oldRoot, 'output/met-dac-2021.pdf'), path.join(newRoot, 'output/met-dac-2021.docx'), '--redline', 'r.docx'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `packs: --redline writes the new version with its changes marked, so it needs that version as a pack, not the built file "${path.join(newRoot, 'output/met-dac-2021.docx')}": give its pack folder or id, or compare the pack at a git revision with --rev or --from/--to\n`,
    );
    expect(run.stdout).toBe('');
    expect(existsSync(path.join(dir, 'r.docx'))).toBe(false);
  });

  it('compares the pack at a git revision with the working tree, without touching it', async () => {
    const root = copyProject();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'approved');
    edit(path.join(root, 'packs/met-dac-2021/timeline.yaml'), 'date: 2021-01-20', 'date: 2021-01-27');
    git('commit', '-qam', 'interview moved');
    const run = await runCli(['diff', 'met-dac-2021', '--rev', 'HEAD~1'], root);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('Selection process › Final Interview Panel   20th January 2021 → 27th January 2021');
    const between = await runCli(['diff', 'met-dac-2021', '--from', 'HEAD~1', '--to', 'HEAD'], root);
    expect(between.stdout).toBe(run.stdout);
    expect((await runCli(['diff', 'met-dac-2021', '--rev', 'HEAD'], root)).status).toBe(0);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })).toBe('');
  });

  it('says what is wrong with a side it cannot read, with exit 2', async () => {
    const run = await runCli(['diff', 'met-dac-2021', 'nowhere.pdf']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('packs diff: "nowhere.pdf" is not a built .pdf or .docx, a pack folder, or a pack or variant under packs/\n');
  });
});

describe('packs diff prints data safely', () => {
  it('shows a control character in a changed value as <U+XXXX>, in plain text, colour and Markdown', async () => {
    const { formatMarkdown, formatText } = await import('../dist/diff/format.js');
    const comparison = {
      changes: [{ kind: 'changed' as const, key: 'Role\u001b[2J', old: 'Inspector', new: 'Chief\rInspector\u202E' }],
      sections: [{ title: 'About\u0007', paragraphs: [[{ text: 'leads\u001b]0;x', change: 'inserted' as const }]] }],
    };
    // The Markdown report escapes [ and ] with a backslash.
    for (const printed of [formatText(comparison, false), formatText(comparison, true), formatMarkdown(comparison).replaceAll('\\', '')]) {
      expect(printed).toContain('Role<U+001B>[2J');
      expect(printed).toContain('Chief<U+000D>Inspector<U+202E>');
      expect(printed).toContain('About<U+0007>');
      expect(printed).toContain('leads<U+001B>]0;x');
      expect(printed).not.toMatch(/[\u0007\r\u202E]|\u001b(?!\[\d*m)/);
    }
  });
});

describe('packs diff sees the look', () => {
  it("reports a theme's changed colour, logo file and font, which change no word of the text (never 'no differences')", async () => {
    const organisation = 'packs/shared/organisations/wealdmere.yaml';
    const before = copyProject();
    const after = copyProject([
      { file: organisation, find: 'heading: "#1d5b45"', replace: 'heading: "#7a1f5c"' },
      { file: organisation, find: '    headings: Source Serif 4\n', replace: '    headings: Roboto\n' },
      // The logo replaced in place: the same file name, other bytes.
      { file: 'packs/shared/organisations/logos/wealdmere.svg', find: 'fill="#2a6f8f"', replace: 'fill="#2a6f90"' },
    ]);
    const pack = (root: string) => path.join(root, 'packs/wealdmere-head-of-housing-2027');
    const run = await runCli(['diff', pack(before), pack(after)]);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('Look ›'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Look › Colour: heading   #1d5b45 → #7a1f5c');
    expect(lines[1]).toMatch(/^Look › Logo {14}Wealdmere District Council \(SVG, 12 KB, ([0-9a-f]{12})\) → Wealdmere District Council \(SVG, 12 KB, (?!\1)[0-9a-f]{12}\)$/);
    expect(lines[2]).toMatch(/^Look › Font: headings {4}Source Serif 4 \([0-9a-f]{12}\) → Roboto \([0-9a-f]{12}\)$/);
    // Unchanged, the look is no difference.
    expect((await runCli(['diff', pack(before), pack(copyProject())])).status).toBe(0);
    for (const root of [before, after]) rmSync(root, { recursive: true, force: true });
  });
});
