// `packs set` and `packs show`, as a recruiter uses them on a copy of the project.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { docxParagraphs, docxXml, pdfPages } from './support/read-outputs.js';

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

  it('moves the last day of a stage held over several days, and refuses one before its first day', async () => {
    const root = copyProject();
    writeFileSync(timelineOf(root), read(timelineOf(root)).replace('    date: 2021-01-20\n', '    date: 2021-01-20\n    endDate: 2021-01-21\n'));
    const run = await runCli(['set', 'met-dac-2021', 'timeline.final-interview.endDate', '2021-01-22', '--today', '2020-12-20'], root);
    expect(run.stdout.split('\n')[0]).toBe('timeline.final-interview.endDate: Thursday 21 January 2021 → Friday 22 January 2021  (packs/met-dac-2021/timeline.yaml)');
    expect(read(timelineOf(root))).toContain('    date: 2021-01-20\n    endDate: 2021-01-22\n');
    const refused = await runCli(['set', 'met-dac-2021', 'timeline.final-interview.endDate', '2021-01-19', '--today', '2020-12-20'], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('[stage-span]');
    expect(read(timelineOf(root))).toContain('    endDate: 2021-01-22\n');
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
    expect(text).toContain('Version 1.0.1 – 1st September 2021');
    expect(text).toContain('£160,115 p.a.');
    expect(execFileSync('pdfinfo', ['-custom', pdf], { encoding: 'utf8' })).toMatch(/Version:\s+1\.0\.1\nVersionDate:\s+2021-09-01/);
    const custom = await docxXml(path.join(root, 'output/met-dac-2021.docx'), 'docProps/custom.xml');
    expect(custom).toContain('name="Version"><vt:lpwstr>1.0.1</vt:lpwstr>');
    expect(custom).toContain('name="Version date"><vt:lpwstr>2021-09-01</vt:lpwstr>');
  });
});

describe('packs set: pay of every shape', () => {
  const scaleFile = 'packs/shared/pay-scales/met-chief-officers.yaml';
  /** The DAC pack's basic pay rewritten in another shape, in a copy of the project. */
  const withBasic = (shape: string, extra: { file: string; find: string; replace: string }[] = []) =>
    copyProject([{ file: scaleFile, find: '          basic: 156693\n', replace: shape }, ...extra]);
  const build = async (root: string) => {
    expect((await runCli(['build', 'met-dac-2021', '--today', '2020-12-14'], root)).status).toBe(0);
    const pdf = pdfPages(path.join(root, 'output/met-dac-2021.pdf')).join('\n');
    const docx = (await docxParagraphs(path.join(root, 'output/met-dac-2021.docx'))).map((p) => p.text).join('\n');
    return [pdf, docx];
  };
  const changedLines = (before: string, after: string) => {
    const a = before.split('\n');
    return after.split('\n').flatMap((line, i) => (line === a[i] ? [] : [[a[i], line]]));
  };

  it('a pay award with --from adds a new set of rates from that day and keeps the old; the pack prints the set in force on its salary.on', async () => {
    const root = copyProject();
    const before = read(scaleOf(root));
    const run = await runCli(['set', 'met-dac-2021', 'pay.basic', '160000', '--from', '2021-09-01', '--note', '2021 pay award', '--today', '2021-08-01'], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'pay.basic: £156,693 → £160,000 from Wednesday 1 September 2021  (packs/shared/pay-scales/met-chief-officers.yaml)\n' +
        '  met-dac-2021: version 1.0.1, logged in packs/met-dac-2021/changelog.yaml\n' +
        'A new set of rates from 2021-09-01, the earlier rates kept. A pack prints it once its salary.on is 2021-09-01 or later (packs set <pack-id> salary.on 2021-09-01).\n',
    );
    // The old set is as it was, comments and all; the new one follows it, the others copied.
    const after = read(scaleOf(root));
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      ['      - from: 2021-09-01', '        amounts:', '          basic: 160000', '          london-weighting: 2568', '          london-allowance: 1011', '          london-allowance-2: 3327', ''].join('\n'),
    );
    expect(read(path.join(root, 'packs/met-dac-2021/changelog.yaml'))).toContain('  old: "156693"\n  new: "160000"\n  from: "2021-09-01"\n  note: "2021 pay award"\n');

    // The pack's day is still before the award: it prints the old rates, effective from their own date.
    for (const text of await build(root)) {
      expect(text).toContain('Salary and London Allowances (effective from 1st September 2020)');
      expect(text).toContain('£156,693 p.a.');
      expect(text).not.toContain('160,000');
    }
    // Moved on to the award's day, it prints the new set and its date.
    expect((await runCli(['set', 'met-dac-2021', 'salary.on', '2021-09-01', '--today', '2021-08-01'], root)).status).toBe(0);
    for (const text of await build(root)) {
      expect(text).toContain('Salary and London Allowances (effective from 1st September 2021)');
      expect(text).toContain('£160,000 p.a.');
      expect(text).toContain('£2,568 p.a.');
      expect(text).not.toContain('156,693');
    }
    // Without --from, a change goes to the rates in force on the pack's day, in place.
    const award = read(scaleOf(root));
    expect((await runCli(['set', 'met-dac-2021', 'pay.basic', '161000', '--today', '2021-08-02'], root)).status).toBe(0);
    expect(changedLines(award, read(scaleOf(root)))).toEqual([['          basic: 160000', '          basic: 161000']]);
  });

  it.each([
    ['a date with a later set of rates', ['pay.basic', '150000', '--from', '2020-06-01'], 'packs set: grade "deputy-assistant-commissioner" already has rates from 2020-09-01, after 2020-06-01; nothing was changed (give a date on or after 2020-09-01, or change those rates in packs/shared/pay-scales/met-chief-officers.yaml by hand)', 1],
    ['--from with a field that is not pay', ['salary.on', '2021-09-01', '--from', '2021-09-01'], 'packs set: --from gives the day a pay award starts, so it goes only with a pay figure (pay.…), not salary.on', 2],
    ['--from with a day that does not exist', ['pay.basic', '150000', '--from', '2021-02-30'], 'packs set: --from "2021-02-30" is not a date: write it YYYY-MM-DD, like 2021-01-27, and make sure the day exists', 2],
  ])('refuses a pay award for %s, changing nothing', async (_, args, message, status) => {
    const root = copyProject();
    const before = read(scaleOf(root));
    const run = await runCli(['set', 'met-dac-2021', ...args, '--today', '2021-08-01'], root);
    expect(run.status).toBe(status);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(read(scaleOf(root))).toBe(before);
    expect(existsSync(path.join(root, 'packs/met-dac-2021/changelog.yaml'))).toBe(false);
  });

  it('a range: sets its minimum and maximum, one line each, prints "£x to £y", and refuses an inverted range', async () => {
    const root = withBasic('          basic:\n            minimum: 150000 # the entry point\n            maximum: 165000\n');
    const before = read(scaleOf(root));
    const run = await runCli(['set', 'met-dac-2021', 'pay.basic.maximum', '170000', '--today', '2020-12-14'], root);
    expect(run.stdout.split('\n')[0]).toBe('pay.basic.maximum: £165,000 → £170,000  (packs/shared/pay-scales/met-chief-officers.yaml)');
    expect(changedLines(before, read(scaleOf(root)))).toEqual([['            maximum: 165000', '            maximum: 170000']]);
    for (const text of await build(root)) expect(text).toContain('£150,000 to £170,000 p.a.');

    const edited = read(scaleOf(root));
    const refused = await runCli(['set', 'met-dac-2021', 'pay.basic.minimum', '180000', '--today', '2020-12-14'], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      'packs set: pay.basic.minimum = 180000 would make a pack invalid; nothing was changed\n\n' +
        'packs/shared/pay-scales/met-chief-officers.yaml:27:22  error  Basic Pay of grade "deputy-assistant-commissioner" from 2020-09-01: its minimum (£180,000) is above its maximum (£170,000)  [inverted-range]\n' +
        '    27 |             minimum: 180000 # the entry point\n' +
        '       |                      ^\n' +
        '    hint: `minimum:` is the lowest amount of the range and `maximum:` the highest; swap them if they are the wrong way round\n\n' +
        '1 error, 0 warnings\n',
    );
    expect(read(scaleOf(root))).toBe(edited);
  });

  it('a band with pay points: sets one point, prints the range and the points as the pack asks, and refuses points out of order', async () => {
    const root = withBasic(
      ['          basic:', '            points:', '              - { id: point-1, name: Point 1, amount: 150000 }', '              - { id: point-2, name: Point 2, amount: 155000 }', '              - { id: point-3, name: Point 3, amount: 160000 }', ''].join('\n'),
      [{ file: 'packs/met-dac-2021/remuneration.yaml', find: '  on: 2020-12-14\n', replace: '  on: 2020-12-14\n  payPoints: both\n' }],
    );
    const before = read(scaleOf(root));
    await build(root);
    cpSync(path.join(root, 'output/met-dac-2021.pdf'), path.join(root, 'before.pdf'));
    const run = await runCli(['set', 'met-dac-2021', 'pay.basic.point-2', '£156,000', '--today', '2020-12-14'], root);
    expect(run.stdout.split('\n')[0]).toBe('pay.basic.point-2: £155,000 → £156,000  (packs/shared/pay-scales/met-chief-officers.yaml)');
    expect(changedLines(before, read(scaleOf(root)))).toEqual([
      ['              - { id: point-2, name: Point 2, amount: 155000 }', '              - { id: point-2, name: Point 2, amount: 156000 }'],
    ]);
    const [pdf] = await build(root);
    // Each point printed is a fact of the built file, so a comparison names the point that changed.
    const diff = await runCli(['diff', path.join(root, 'before.pdf'), path.join(root, 'output/met-dac-2021.pdf')], root);
    expect(diff.stdout).toMatch(/Remuneration › Basic Pay, Point 2 +£155,000 → £156,000/);
    expect(pdf).toMatch(/Basic Pay\s+£150,000 to £160,000 p\.a\.\s+Basic Pay, Point 1\s+£150,000 p\.a\.\s+Basic Pay, Point 2\s+£156,000 p\.a\.\s+Basic Pay, Point 3\s+£160,000 p\.a\./);

    const edited = read(scaleOf(root));
    const refused = await runCli(['set', 'met-dac-2021', 'pay.basic.point-2', '161000', '--today', '2020-12-14'], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('point "point-3" (£160,000) is not above the point before it, "point-2" (£161,000)  [pay-points-order]');
    expect(read(scaleOf(root))).toBe(edited);
  });

  it('pay by location: the pack prints and sets its own location\'s figure, under the column headings its data gives', async () => {
    const root = withBasic('          basic:\n            locations:\n              national: 150000\n              london: 156693\n', [
      { file: scaleFile, find: 'grades:\n', replace: 'locations:\n  - id: national\n    name: National\n  - id: london\n    name: London\n\ngrades:\n' },
      { file: 'packs/met-dac-2021/remuneration.yaml', find: '  on: 2020-12-14\n', replace: '  on: 2020-12-14\n  location: london\n  columns: { item: Element of pay, amount: Per year }\n' },
      { file: 'packs/met-dac-2021/remuneration.yaml', find: 'heading: Officers\n    amountHeading: Allowance\n    who: officers', replace: 'heading: Staff\n    amountHeading: Payment\n    who: colleagues' },
    ]);
    const before = read(scaleOf(root));
    expect((await runCli(['set', 'met-dac-2021', 'pay.basic', '160115', '--today', '2020-12-14'], root)).status).toBe(0);
    expect(changedLines(before, read(scaleOf(root)))).toEqual([['              london: 156693', '              london: 160115']]);
    const [pdf, docx] = await build(root);
    for (const text of [pdf!, docx!].map((t) => t.replace(/\s+/g, ' '))) {
      expect(text).toContain('£160,115 p.a.');
      expect(text).not.toContain('150,000');
      expect(text).toContain('For colleagues who joined before 1st September 1994');
      expect(text).not.toContain('For officers');
    }
    expect(pdf).toMatch(/Element of pay\s+Per year\s+Basic Pay\s+£160,115 p\.a\./);
    expect(pdf).toMatch(/Staff\s+Payment\s+For colleagues/);
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
