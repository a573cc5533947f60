// packs approve and packs diff <pack> against the version approved last: the
// record and its snapshot are files in the project, read back here.
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli, runCliProcess } from './support/project.js';
import { approvalDay, approvePack, approvals } from '../dist/pipeline/approvals.js';

const TODAY = ['--today', '2021-01-01'];
const day = () => approvalDay({ at: new Date().toISOString() });

describe('packs approve', () => {
  it('records the version and a snapshot that is a project of its own, which builds', async () => {
    const root = copyProject();
    const run = await runCli(['approve', 'met-dac-2021', '--by', 'Jo Bloggs', '--note', 'as sent', ...TODAY], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`met-dac-2021: version 1.0.0 approved by Jo Bloggs, ${day()} (approved/met-dac-2021/1.0.0/)\n`);
    const record = readFileSync(path.join(root, 'approved/met-dac-2021/approvals.yaml'), 'utf8');
    expect(record).toMatch(/^# The versions of this pack that were approved/);
    expect(record).toMatch(/- version: 1\.0\.0\n {2}by: Jo Bloggs\n {2}at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n {2}note: as sent\n$/);
    const snapshot = path.join(root, 'approved/met-dac-2021/1.0.0');
    for (const file of ['packs/met-dac-2021/pack.yaml', 'packs/shared/pay-scales/met-chief-officers.yaml', 'templates/sections/cover.md.hbs']) {
      expect(readFileSync(path.join(snapshot, file))).toEqual(readFileSync(path.join(root, file)));
    }
    // Only the files this pack reads: no other pack's.
    expect(readdirSync(path.join(snapshot, 'packs'))).toEqual(['met-dac-2021', 'shared']);
    const built = await runCli(['build', 'met-dac-2021', '--root', snapshot, '--out', path.join(root, 'snapshot-out'), '--only', 'pdf', ...TODAY], root);
    expect(built.status).toBe(0);
    expect(existsSync(path.join(root, 'snapshot-out/met-dac-2021.pdf'))).toBe(true);
    const [approval] = await approvals(root, 'met-dac-2021');
    expect(approval).toMatchObject({ packId: 'met-dac-2021', version: '1.0.0', by: 'Jo Bloggs', note: 'as sent', snapshot });
  }, 120_000);

  it('diff <pack> shows exactly what changed since the approval, in every format, and nothing once approved again', async () => {
    const root = copyProject();
    expect((await runCli(['approve', 'met-dac-2021', '--by', 'Jo Bloggs', ...TODAY], root)).status).toBe(0);
    expect((await runCli(['diff', 'met-dac-2021'], root)).status).toBe(0);
    expect((await runCli(['set', 'met-dac-2021', 'timeline.final-interview.date', '2021-01-21', ...TODAY], root)).status).toBe(0);

    const text = await runCli(['diff', 'met-dac-2021'], root);
    expect(text.status).toBe(1);
    expect(text.stdout).toBe(
      [
        'Selection process › Final Interview Panel   20th January 2021 → 21st January 2021',
        '',
        // The cover's key facts give the final interview's date too.
        'Cover',
        '  [-Wednesday-]{+Thursday+} [-20th-]{+21st+} January 2021',
        '',
        'The selection process',
        '  [-Wednesday-]{+Thursday+} [-20th-]{+21st+} January 2021',
        '  The final interview panel will be held [-20th-]{+21st+} January 2021 (subject to operational commitments). Please ensure you keep this date clear.',
        '',
      ].join('\n'),
    );
    // The same comparison as against the approved files named as a folder.
    const html = await runCli(['diff', 'met-dac-2021', '--format', 'html'], root);
    const asFolders = await runCli(['diff', path.join(root, 'approved/met-dac-2021/1.0.0/packs/met-dac-2021'), path.join(root, 'packs/met-dac-2021'), '--format', 'html'], root);
    expect(html.status).toBe(1);
    expect(html.stdout).toContain('21st January 2021');
    expect(html.stdout).toBe(asFolders.stdout);

    const redline = await runCli(['diff', 'met-dac-2021', '--redline', 'changes.docx'], root);
    expect(redline.status).toBe(1);
    expect(redline.stderr).toBe('redline written to changes.docx\n');
    expect(readFileSync(path.join(root, 'changes.docx')).subarray(0, 2).toString()).toBe('PK');

    const again = await runCli(['approve', 'met-dac-2021', '--by', 'Ann Other', ...TODAY], root);
    expect(again.stdout).toBe(`met-dac-2021: version 1.0.1 approved by Ann Other, ${day()} (approved/met-dac-2021/1.0.1/)\n`);
    const after = await runCli(['diff', 'met-dac-2021'], root);
    expect(after).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect((await approvals(root, 'met-dac-2021')).map((a) => a.version)).toEqual(['1.0.0', '1.0.1']);
  }, 180_000);

  it('list and show print the version approved last and how the working pack stands', async () => {
    const root = copyProject();
    await runCli(['approve', 'met-dac-2021', '--by', 'Jo Bloggs', ...TODAY], root);
    const approved = `approved 1.0.0 by Jo Bloggs, ${day()}`;
    expect((await runCli(['list'], root)).stdout.split('\n')[0]).toBe(`met-dac-2021  (${approved}; the working files are the ones approved)`);
    // A pack never approved lists as before.
    expect((await runCli(['list'], root)).stdout.split('\n')[1]).toBe('met-deputy-director-project-delivery');
    await runCli(['set', 'met-dac-2021', 'timeline.final-interview.date', '2021-01-21', ...TODAY], root);
    expect((await runCli(['list'], root)).stdout.split('\n')[0]).toBe(`met-dac-2021  (${approved}; working version 1.0.1, not approved)`);
    const show = await runCli(['show', 'met-dac-2021', ...TODAY], root);
    expect(show.stdout.split('\n')[3]).toBe(`Approved: ${approved}; working version 1.0.1, not approved`);
  }, 120_000);

  it('refuses, writing nothing: a missing --by, an unknown pack, a pack with errors, a version approved with other files', async () => {
    const root = copyProject();
    expect(await runCli(['approve', 'met-dac-2021', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr: 'packs: say who approves the pack: packs approve <pack-id> --by "<name>"\n',
    });
    expect(await runCli(['approve', 'met-dac-2022', '--by', 'Jo', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr: 'packs approve: unknown pack "met-dac-2022"\n    hint: did you mean "met-dac-2021"? (packs list shows them all)\n',
    });
    const timeline = path.join(root, 'packs/met-dac-2021/timeline.yaml');
    const good = readFileSync(timeline, 'utf8');
    writeFileSync(timeline, good.replace('date: 2021-01-20', 'date: 2021-01-23')); // a Saturday
    const broken = await runCli(['approve', 'met-dac-2021', '--by', 'Jo', ...TODAY], root);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^packs approve: met-dac-2021 has mistakes, so it cannot be approved\n {4}hint: put them right \(packs validate lists them\) and approve again\n\npacks\/met-dac-2021\/timeline\.yaml:\d+:\d+ {2}error /);
    expect(existsSync(path.join(root, 'approved'))).toBe(false);

    writeFileSync(timeline, good);
    expect((await runCli(['approve', 'met-dac-2021', '--by', 'Jo', ...TODAY], root)).status).toBe(0);
    const record = readFileSync(path.join(root, 'approved/met-dac-2021/approvals.yaml'), 'utf8');
    // The same files again: said, and nothing written.
    expect(await runCli(['approve', 'met-dac-2021', '--by', 'Ann', ...TODAY], root)).toMatchObject({
      status: 0,
      stdout: `met-dac-2021: version 1.0.0 was already approved by Jo, ${day()}, with these very files (approved/met-dac-2021/1.0.0/); nothing written\n`,
    });
    // Other files under the same version (an edit by hand, the version not raised).
    writeFileSync(timeline, good.replace('date: 2021-01-20', 'date: 2021-01-21'));
    expect(await runCli(['approve', 'met-dac-2021', '--by', 'Ann', ...TODAY], root)).toMatchObject({
      status: 1,
      stderr: `packs approve: version 1.0.0 of met-dac-2021 was approved on ${day()} with other content\n    hint: change the version (packs set bumps it) and approve again\n`,
    });
    expect(readFileSync(path.join(root, 'approved/met-dac-2021/approvals.yaml'), 'utf8')).toBe(record);
    expect(readFileSync(path.join(root, 'approved/met-dac-2021/1.0.0/packs/met-dac-2021/timeline.yaml'), 'utf8')).toBe(good);
  }, 120_000);

  it('diff <pack> with nothing approved, or an approvals.yaml edited out of shape, says so', async () => {
    const root = copyProject();
    expect(await runCli(['diff', 'met-dac-2021'], root)).toMatchObject({
      status: 2,
      stderr: 'packs: no version of met-dac-2021 has been approved: approve one with packs approve met-dac-2021 --by "<name>", or give --rev\n',
    });
    await runCli(['approve', 'met-dac-2021', '--by', 'Jo', ...TODAY], root);
    const file = path.join(root, 'approved/met-dac-2021/approvals.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + '- version: 1.0.2\n  by: x\n');
    expect(await runCli(['diff', 'met-dac-2021'], root)).toMatchObject({
      status: 1,
      stderr:
        'packs: approved/met-dac-2021/approvals.yaml:7: approval 2 has no proper `at`; put it back as packs approve wrote it (a list of version, by, at and note), or restore it from your copy\n',
    });
  }, 120_000);

  it('two approvals at once: one lands, the other finds it, and approvals.yaml is whole', async () => {
    const root = copyProject();
    const runs = await Promise.all(['Jo', 'Ann'].map((by) => runCliProcess(['approve', 'met-dac-2021', '--by', by, ...TODAY], { cwd: root })));
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    expect(runs.filter((r) => r.stdout.includes('nothing written'))).toHaveLength(1);
    const list = await approvals(root, 'met-dac-2021');
    expect(list).toHaveLength(1);
    expect(readdirSync(path.join(root, 'approved/met-dac-2021')).sort()).toEqual(['1.0.0', 'approvals.yaml']);
  }, 120_000);

  it('a variant is approved as its own id, and its snapshot builds it; a snapshot path never leaves the project', async () => {
    const root = copyProject();
    appendFileSync(path.join(root, 'packs/met-dac-2021/pack.yaml'), '\nvariants:\n  - id: met-dac-2021-frontline\n    set:\n      role.title: Deputy Assistant Commissioner for Frontline Policing\n');
    const approved = await runCli(['approve', 'met-dac-2021-frontline', '--by', 'Jo', ...TODAY], root);
    expect(approved.stdout).toBe(`met-dac-2021-frontline: version 1.0.0 approved by Jo, ${day()} (approved/met-dac-2021-frontline/1.0.0/)\n`);
    expect(existsSync(path.join(root, 'approved/met-dac-2021'))).toBe(false);
    expect(await runCli(['diff', 'met-dac-2021-frontline'], root)).toMatchObject({ status: 0, stdout: '' });
    // The base pack has no approval of its own.
    expect((await runCli(['diff', 'met-dac-2021'], root)).status).toBe(2);
    for (const id of ['../outside', '..', 'a/b']) {
      await expect(approvals(root, id)).rejects.toThrow(/is not a pack id/);
      const refused = await approvePack(root, id, { by: 'Jo', today: '2021-01-01' });
      expect(refused.ok).toBe(false);
    }
    expect(existsSync(path.join(root, '..', 'approved'))).toBe(false);
  }, 120_000);
});
