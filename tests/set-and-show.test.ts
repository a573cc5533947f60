// `packs set` and `packs show`, as a recruiter uses them on a copy of the project.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { docxXml, pdfPages } from './support/read-outputs.js';

const timelineOf = (root: string) => path.join(root, 'packs/met-dac-2021/timeline.yaml');
const scaleOf = (root: string) => path.join(root, 'packs/shared/pay-scales/met-chief-officers.yaml');
const read = (file: string) => readFileSync(file, 'utf8');

describe('packs set', () => {
  it('changes exactly one line of a file with comments, bumps the version and logs the change', async () => {
    const root = copyProject();
    const before = read(timelineOf(root));
    expect(before).toMatch(/^# /m); // the file has comments, which must survive
    const run = await runCli(['set', 'met-dac-2021', 'timeline.final-interview.date', '2021-01-27', '--note', 'Panel moved', '--today', '2020-12-20'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'timeline.final-interview.date: Wednesday 20 January 2021 → Wednesday 27 January 2021  (packs/met-dac-2021/timeline.yaml)\n' +
        '  met-dac-2021: version 1.0.1, logged in packs/met-dac-2021/changelog.yaml\n',
    );
    const beforeLines = before.split('\n');
    const afterLines = read(timelineOf(root)).split('\n');
    expect(afterLines).toHaveLength(beforeLines.length);
    const changed = afterLines.flatMap((line, i) => (line === beforeLines[i] ? [] : [[beforeLines[i], line]]));
    expect(changed).toEqual([['    date: 2021-01-20', '    date: 2021-01-27']]);

    const pack = read(path.join(root, 'packs/met-dac-2021/pack.yaml'));
    expect(pack).toContain('\nversion: 1.0.1\n');
    expect(pack).toContain('\ndate: 2020-12-20\n');
    expect(read(path.join(root, 'packs/met-dac-2021/changelog.yaml'))).toContain(
      ['- date: "2020-12-20"', '  version: "1.0.1"', '  field: "timeline.final-interview.date"', '  old: "2021-01-20"', '  new: "2021-01-27"', '  note: "Panel moved"'].join('\n'),
    );

    // A second change appends to the log and bumps again.
    expect((await runCli(['set', 'met-dac-2021', 'timeline.application.time', '17:00', '--today', '2020-12-21'], root)).status).toBe(0);
    const log = read(path.join(root, 'packs/met-dac-2021/changelog.yaml'));
    expect(log.match(/^- date:/gm)).toHaveLength(2);
    expect(log).toContain('  version: "1.0.2"\n  field: "timeline.application.time"\n  old: "12:00"\n  new: "17:00"\n  note: null');
  });

  it.each([
    ['31 February', ['timeline.final-interview.date', '2021-02-31'], 'packs set: "2021-02-31" is not a date: write it YYYY-MM-DD, like 2021-01-27, and make sure the day exists'],
    ['a negative salary', ['pay.basic', '--', '-156693'], 'packs set: "-156693" is negative: pay cannot be less than £0'],
    ['an interview before the closing date', ['timeline.final-interview.date', '2021-01-08'], 'packs set: timeline.final-interview.date = 2021-01-08 would make a pack invalid; nothing was changed'],
    ['an interview on a bank holiday', ['timeline.final-interview.date', '2021-05-03'], 'packs set: timeline.final-interview.date = 2021-05-03 would make a pack invalid; nothing was changed'],
  ])('refuses %s and leaves every file untouched', async (_, args, message) => {
    const root = copyProject();
    const files = [timelineOf(root), scaleOf(root), path.join(root, 'packs/met-dac-2021/pack.yaml')];
    const before = files.map(read);
    const [field, ...rest] = args as [string, ...string[]];
    const value = rest[0] === '--' ? ['--today', '2020-12-20', '--', rest[1]!] : [rest[0]!, '--today', '2020-12-20'];
    const run = await runCli(['set', 'met-dac-2021', field, ...value], root);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(files.map(read)).toEqual(before);
    expect(existsSync(path.join(root, 'packs/met-dac-2021/changelog.yaml'))).toBe(false);
  });

  it('shows the mistake an edit would make, on the edited line', async () => {
    const root = copyProject();
    const run = await runCli(['set', 'met-dac-2021', 'timeline.final-interview.date', '2021-05-03', '--today', '2020-12-20'], root);
    expect(run.stderr).toContain(
      'packs/met-dac-2021/timeline.yaml:28:11  error  stage "Final Interview Panel" is on Monday 3 May 2021, a non-working day: Early May bank holiday (Bank holidays in England and Wales)  [non-working-day]\n' +
        '    28 |     date: 2021-05-03\n',
    );
  });

  it('refuses to change a pack that already has mistakes, and says how to see them', async () => {
    const root = copyProject([{ file: 'packs/shared/pay-scales/met-chief-officers.yaml', find: 'basic: 156693', replace: 'basic: -156693' }]);
    const run = await runCli(['set', 'met-dac-2021', 'timeline.final-interview.date', '2021-01-27', '--today', '2020-12-20'], root);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('packs set: pack "met-dac-2021" has mistakes; fix them first (npm run packs -- validate met-dac-2021)');
  });

  it('suggests the field meant, with exit 2', async () => {
    const run = await runCli(['set', 'met-dac-2021', 'timeline.final-interview.dat', '2021-01-27', '--today', '2020-12-20'], copyProject());
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('packs set: "timeline.final-interview.dat" is not a field of pack met-dac-2021\n    hint: did you mean timeline.final-interview.date?\n');
  });

  it('a change to the shared pay scale is logged in every pack that uses it, and printed by both', async () => {
    const root = copyProject();
    cpSync(path.join(root, 'packs/met-dac-2021'), path.join(root, 'packs/met-dac-2021-second'), { recursive: true });
    const second = path.join(root, 'packs/met-dac-2021-second/pack.yaml');
    writeFileSync(second, read(second).replace('id: met-dac-2021', 'id: met-dac-2021-second'));
    const before = read(scaleOf(root)).split('\n');
    const run = await runCli(['set', 'met-dac-2021', 'pay.basic', '£160,115', '--note', '2021 pay award', '--today', '2021-09-01'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'pay.basic: £156,693 → £160,115  (packs/shared/pay-scales/met-chief-officers.yaml)\n' +
        '  met-dac-2021: version 1.0.1, logged in packs/met-dac-2021/changelog.yaml\n' +
        '  met-dac-2021-second: version 1.0.1, logged in packs/met-dac-2021-second/changelog.yaml\n',
    );
    const after = read(scaleOf(root)).split('\n');
    expect(after.filter((line, i) => line !== before[i])).toEqual(['          basic: 160115']);
    for (const id of ['met-dac-2021', 'met-dac-2021-second']) {
      expect(read(path.join(root, `packs/${id}/changelog.yaml`))).toContain('  file: "packs/shared/pay-scales/met-chief-officers.yaml"');
    }

    // Rebuilt, both formats carry the new version in the footer and the properties, and the new pay.
    expect((await runCli(['build', 'met-dac-2021', '--today', '2020-12-14'], root)).status).toBe(0);
    const pdf = path.join(root, 'output/met-dac-2021.pdf');
    const text = pdfPages(pdf).join('\n');
    expect(text).toContain('version 1.0.1, 1st September 2021');
    expect(text).toContain('£160,115 p.a.');
    expect(execFileSync('pdfinfo', ['-custom', pdf], { encoding: 'utf8' })).toMatch(/Version:\s+1\.0\.1\nVersionDate:\s+2021-09-01/);
    const custom = await docxXml(path.join(root, 'output/met-dac-2021.docx'), 'docProps/custom.xml');
    expect(custom).toContain('name="Version"><vt:lpwstr>1.0.1</vt:lpwstr>');
    expect(custom).toContain('name="Version date"><vt:lpwstr>2021-09-01</vt:lpwstr>');
  });
});

describe('packs show', () => {
  it('prints the role, version, each stage with its weekday, each pay figure with where it comes from, and the warnings', async () => {
    const run = await runCli(['show', 'met-dac-2021', '--today', '2021-01-12'], copyProject());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Role:     Deputy Assistant Commissioner\nVersion:  1.0.0, 14 December 2020\n');
    expect(run.stdout).toMatch(/date of Final Interview Panel +Wednesday 20 January 2021 +timeline\.final-interview\.date +packs\/met-dac-2021\/timeline\.yaml:28\n/);
    expect(run.stdout).toContain('Pay, from Metropolitan Police chief officer pay, Deputy Assistant Commissioner: the rates in force on 14 December 2020, effective from 1 September 2020\n');
    expect(run.stdout).toMatch(/Basic Pay +£156,693 +pay\.basic +packs\/shared\/pay-scales\/met-chief-officers\.yaml:26\n/);
    expect(run.stderr).toContain('warning  stage "Application Pack" is on 2021-01-11, which is before today (2021-01-12)  [date-in-past]');
  });

  it('shows a control character in the data as <U+XXXX>, never sending it to the terminal', async () => {
    // A file that allows hidden characters may hold an escape sequence (clear the screen) and a carriage return.
    const root = copyProject([
      { file: 'packs/met-dac-2021/role.yaml', find: 'title: Deputy Assistant Commissioner', replace: '# packs: allow-hidden-characters\ntitle: "Deputy\\e[2J Assistant\\r Commissioner"' },
    ]);
    const run = await runCli(['show', 'met-dac-2021', '--today', '2021-01-12'], root);
    expect(run.stdout).toContain('Role:     Deputy<U+001B>[2J Assistant<U+000D> Commissioner\n');
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\r]/);
  });

  it('shows a control character written into a data file as <U+XXXX> in the diagnostic quoting its line', async () => {
    const root = copyProject([
      { file: 'packs/met-dac-2021/role.yaml', find: 'title: Deputy Assistant Commissioner', replace: 'title: Deputy\u001b]0;pwned\u0007 Assistant Commissioner' },
    ]);
    const run = await runCli(['show', 'met-dac-2021', '--today', '2021-01-12'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'packs/met-dac-2021/role.yaml:4:14  error  invisible character U+001B in the text  [hidden-character]\n' +
        '    4 | title: Deputy<U+001B>]0;pwned<U+0007> Assistant Commissioner\n' +
        '      |              ^\n',
    );
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u0007]/);
  });
});
