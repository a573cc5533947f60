// `packs set` on the prose a recruiter edits (the role's purpose, a stage's text,
// the letter), and the help every field carries from its schema.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { pdfPages, squash } from './support/read-outputs.js';
import { fieldsOf } from '../dist/edit/fields.js';
import { completePack } from '../dist/pack/loaded-pack.js';
import { DataFileCache, loadPack } from '../dist/load/load-pack.js';
import { findPacks } from '../dist/load/project.js';
import { roleSchema } from '../dist/schema/role.js';
import { timelineSchema } from '../dist/schema/timeline.js';
import { payScaleSchema } from '../dist/schema/pay-scale.js';

const read = (file: string) => readFileSync(file, 'utf8');
const TODAY = ['--today', '2020-12-14'];

/** The lines of `after` that differ from `before`, which must have the lines around them unchanged byte for byte. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

async function builtText(root: string): Promise<string> {
  const build = await runCli(['build', 'met-dac-2021', '--only', 'pdf', ...TODAY], root);
  expect(build.status, build.stderr).toBe(0);
  return squash(pdfPages(path.join(root, 'output/met-dac-2021.pdf')).join('\n'));
}

describe('packs set: prose', () => {
  it('sets the role purpose to two paragraphs: only those lines change, comments kept, built, logged, version bumped', async () => {
    const root = copyProject();
    const roleFile = path.join(root, 'packs/met-dac-2021/role.yaml');
    const before = read(roleFile);
    expect(before).toMatch(/^# /m); // the file has comments, which must survive
    const value = 'Purpose: to lead the Service with its Management Board.\n\nThe post holder is **accountable** for the Service Delivery Plan.';
    const run = await runCli(['set', 'met-dac-2021', 'role.purpose', value, '--note', 'Shorter purpose', '--today', '2020-12-20'], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'role.purpose: 6 paragraphs: “The Deputy Assistant Commissioner supports the Metropolitan Police…” → 2 paragraphs: “Purpose: to lead the Service with its Management…”  (packs/met-dac-2021/role.yaml)\n' +
        '  met-dac-2021: version 1.0.1, logged in packs/met-dac-2021/changelog.yaml\n',
    );
    const after = read(roleFile);
    const { removed, added } = changedLines(before, after);
    expect(removed).toHaveLength(6);
    expect(removed.every((line) => line.startsWith('    - '))).toBe(true);
    // Quoted where YAML needs it (a colon and a space), plain where it does not; at the same indentation.
    expect(added).toEqual(['    - "Purpose: to lead the Service with its Management Board."', '    - The post holder is **accountable** for the Service Delivery Plan.']);

    expect(read(path.join(root, 'packs/met-dac-2021/pack.yaml'))).toContain('\nversion: 1.0.1\n');
    expect(read(path.join(root, 'packs/met-dac-2021/changelog.yaml'))).toContain(
      [
        '  field: "role.purpose"',
        '  old: "6 paragraphs: “The Deputy Assistant Commissioner supports the Metropolitan Police…”"',
        '  new: "2 paragraphs: “Purpose: to lead the Service with its Management…”"',
        '  note: "Shorter purpose"',
      ].join('\n'),
    );
    const text = await builtText(root);
    expect(text).toContain(squash('Purpose: to lead the Service with its Management Board.'));
    expect(text).toContain(squash('The post holder is accountable for the Service Delivery Plan.')); // **bold** printed as bold, not as asterisks
    expect(text).not.toContain(squash('supports the Metropolitan Police Service Management Board to lead the Service'));
  });

  it("sets a stage's text and the letter, each in its own file", async () => {
    const root = copyProject();
    const timelineFile = path.join(root, 'packs/met-dac-2021/timeline.yaml');
    const letterFile = path.join(root, 'packs/met-dac-2021/introduction.yaml');
    const [timelineBefore, letterBefore] = [read(timelineFile), read(letterFile)];

    const stage = await runCli(['set', 'met-dac-2021', 'timeline.shortlisting.text', 'Shortlisting takes place on {{date}}.\n\n- Not a list: a paragraph.', '--today', '2020-12-20'], root);
    expect(stage.stderr).toBe('');
    expect(stage.status).toBe(0);
    const stageLines = changedLines(timelineBefore, read(timelineFile));
    expect(stageLines.removed).toHaveLength(2);
    expect(stageLines.added).toEqual(['      - Shortlisting takes place on {{date}}.', '      - "- Not a list: a paragraph."']);

    const letter = await runCli(['set', 'met-dac-2021', 'letter', 'I am delighted you are interested.\n\n\n\nPlease apply by the closing date.\n', '--today', '2020-12-20'], root);
    expect(letter.stderr).toBe('');
    expect(letter.stdout.split('\n')[0]).toBe(
      'letter: 12 paragraphs: “The role of Deputy Assistant Commissioner for the…” → 2 paragraphs: “I am delighted you are interested.”  (packs/met-dac-2021/introduction.yaml)',
    );
    const letterLines = changedLines(letterBefore, read(letterFile));
    expect(letterLines.removed).toHaveLength(12);
    expect(letterLines.added).toEqual(['  - I am delighted you are interested.', '  - Please apply by the closing date.']);
    expect(read(path.join(root, 'packs/met-dac-2021/pack.yaml'))).toContain('\nversion: 1.0.2\n');

    const text = await builtText(root);
    expect(text).toContain(squash('Shortlisting takes place on 13th January 2021.'));
    expect(text).toContain(squash('- Not a list: a paragraph.'));
    expect(text).toContain(squash('I am delighted you are interested.Please apply by the closing date.'));
  });

  it('refuses a hidden character with the existing message, and an empty value, changing nothing', async () => {
    const root = copyProject();
    const files = ['role.yaml', 'pack.yaml'].map((name) => path.join(root, 'packs/met-dac-2021', name));
    const before = files.map(read);

    const hidden = await runCli(['set', 'met-dac-2021', 'role.purpose', 'Zero\u200bwidth space.', ...TODAY], root);
    expect(hidden.status).toBe(1);
    expect(hidden.stderr).toContain('packs set: role.purpose = 1 paragraph: “Zero<U+200B>width space.” would make a pack invalid; nothing was changed\n');
    expect(hidden.stderr).toContain('packs/met-dac-2021/role.yaml:10:11  error  invisible character U+200B in the text  [hidden-character]');
    expect(hidden.stderr).not.toContain('\u200b');

    const empty = await runCli(['set', 'met-dac-2021', 'role.purpose', ' \n\n ', ...TODAY], root);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toBe('packs set: role.purpose needs at least one paragraph; nothing was changed (type its text, with a blank line between paragraphs)\n');

    expect(files.map(read)).toEqual(before);
    expect(() => read(path.join(root, 'packs/met-dac-2021/changelog.yaml'))).toThrow();
  });

  it('keeps comments around the list and refuses a list with a comment between its items; a note keeps its quoting; a textarea\'s line ends read as line ends', async () => {
    const commented = '  paragraphs: # what the role is for\n    - The Deputy Assistant Commissioner supports';
    const root = copyProject([
      { file: 'packs/met-dac-2021/role.yaml', find: '  paragraphs:\n    - The Deputy Assistant Commissioner supports', replace: commented },
      { file: 'packs/met-dac-2021/role.yaml', find: 'accountabilities:\n', replace: '    # checked by HR, November 2020\naccountabilities:\n' },
      { file: 'packs/met-dac-2021/role.yaml', find: '    - Represent the Service,', replace: '    # the next one is new\n    - Represent the Service,' },
    ]);
    const roleFile = path.join(root, 'packs/met-dac-2021/role.yaml');
    const before = read(roleFile);
    const run = await runCli(['set', 'met-dac-2021', 'role.purpose', 'First.\r\n\r\nSecond,\r\nstill second.', ...TODAY], root);
    expect(run.stderr).toBe('');
    const { removed, added } = changedLines(before, read(roleFile));
    expect(removed).toHaveLength(6);
    expect(added).toEqual(['    - First.', '    - |-', '      Second,', '      still second.']);
    expect(read(roleFile)).toContain(`${commented.split('\n')[0]}\n    - First.`);
    expect(read(roleFile)).toContain('      still second.\n    # checked by HR, November 2020\naccountabilities:\n');

    const between = read(roleFile);
    const refused = await runCli(['set', 'met-dac-2021', 'role.accountabilities', 'One item.', ...TODAY], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      'packs set: role.accountabilities in packs/met-dac-2021/role.yaml is not written one item a line, or has comments between its items, so it cannot be replaced safely; nothing was changed (edit it by hand)\n',
    );
    expect(read(roleFile)).toBe(between);

    const note = await runCli(['set', 'met-dac-2021', 'role.purpose.note', 'Note: what the role is for', ...TODAY], root);
    expect(note.stderr).toBe('');
    expect(changedLines(between, read(roleFile))).toEqual({ removed: ['  note: (This section summarises the key function of the role)'], added: ['  note: "Note: what the role is for"'] });
    const twoParagraphs = await runCli(['set', 'met-dac-2021', 'role.purpose.note', 'One.\n\nTwo.', ...TODAY], root);
    expect(twoParagraphs.stderr).toBe('packs set: role.purpose.note is one paragraph, but the value has 2; nothing was changed (leave out the blank lines)\n');
    const twoLines = await runCli(['set', 'met-dac-2021', 'role.purpose.note', 'One\ntwo.', ...TODAY], root);
    expect(twoLines.stderr).toBe('packs set: role.purpose.note is one line of text; nothing was changed (leave out the line breaks)\n');
  });

  it('packs show lists the prose in brief, with its field and line', async () => {
    const run = await runCli(['show', 'met-dac-2021', ...TODAY], copyProject());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\n {2}the role's purpose +6 paragraphs: “The Deputy Assistant Commissioner supports the Metropolitan Police…” +role\.purpose +packs\/met-dac-2021\/role\.yaml:10\n/);
    expect(run.stdout).toMatch(/\n {2}primary accountabilities +16 items: “Support the implementation of the organisational strategy and…” +role\.accountabilities +packs\/met-dac-2021\/role\.yaml:19\n/);
    expect(run.stdout).toMatch(/\n {2}text of Shortlisting +2 paragraphs: “Your CV and supporting statement will be reviewed…” +timeline\.shortlisting\.text +packs\/met-dac-2021\/timeline\.yaml:23\n/);
  });
});

describe('field help', () => {
  it("every field has help, its schema's own description", async () => {
    const root = copyProject();
    const location = (await findPacks(root)).find((p) => p.id === 'met-dac-2021')!;
    const pack = completePack((await loadPack(location, new DataFileCache(root))).pack!)!;
    const fields = fieldsOf(pack);
    expect(fields.filter((field) => !field.help)).toEqual([]);
    const help = (name: string) => fields.find((field) => field.name === name)?.help;
    const stage = timelineSchema.shape.stages.element.shape;
    expect(help('timeline.final-interview.date')).toBe(stage.date.description);
    expect(help('timeline.final-interview.text')).toBe(stage.paragraphs.description);
    expect(help('role.purpose')).toBe(roleSchema.shape.purpose.shape.paragraphs.description);
    const amounts = payScaleSchema.shape.grades.element.shape.rates.element.shape.amounts;
    expect(help('pay.basic')).toBe(amounts.def.valueType.description);
    expect(help('pay.basic')).toMatch(/^A spot amount in whole pounds/);
  });
});
