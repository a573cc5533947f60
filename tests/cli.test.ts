// The `packs` command as a user runs it: what it prints, what it writes, and its exit codes.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

describe('packs list', () => {
  it('lists every pack under packs/, and not the shared data folder', async () => {
    const run = await runCli(['list']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('met-dac-2021\nmet-deputy-director-project-delivery\nwealdmere-head-of-housing-2027\n');
  });
});

describe('packs build', () => {
  it('builds the named pack into output/<pack-id>.pdf, .docx and .html, one line per pack', async () => {
    const root = copyProject();
    const run = await runCli(['build', 'met-dac-2021'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^✓ met-dac-2021 {2}\d+ pages {2}PDF \d+ KB {2}DOCX \d+ KB {2}HTML \d+ KB {2}\d+\.\d\d s\n1 pack: 1 built, 0 up to date, 0 not built, in \d+\.\d\d s; files in output\/\n$/);
    expect(readdirSync(path.join(root, 'output')).sort()).toEqual(['.packs-build-state.json', 'met-dac-2021.docx', 'met-dac-2021.html', 'met-dac-2021.pdf']);
  });

  it('ends by saying where the files are, after the warnings', async () => {
    const root = copyProject();
    const { main } = await import('../dist/cli/main.js');
    // Both streams into one, in the order written, as a terminal shows them.
    let shown = '';
    const write = (text: string) => (shown += text);
    const status = await main(['build', 'met-dac-2021', '--today', '2021-01-15'], { stdout: write, stderr: write, cwd: root });
    expect(status).toBe(0);
    expect(shown).toContain('[date-in-past]');
    expect(shown).toMatch(/\n0 errors, 2 warnings\n1 pack: 1 built, 0 up to date, 0 not built, in \d+\.\d\d s; files in output\/\n$/);
  });

  it('writes nothing for an invalid pack, exits 1, and still builds the valid one', async () => {
    const root = copyProject([
      { file: 'packs/shared/pay-scales/met-chief-officers.yaml', find: 'basic: 156693', replace: 'basic: -156693' },
    ]);
    const out = path.join(root, 'out');
    const run = await runCli(['build', '--out', out, '--today', '2020-12-01'], root);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ met-dac-2021  not built: see the errors below');
    expect(run.stdout).toMatch(/✓ met-deputy-director-project-delivery/);
    expect(run.stdout).toMatch(/✓ wealdmere-head-of-housing-2027/);
    expect(run.stdout).toMatch(/\n3 packs: 2 built, 0 up to date, 1 not built, in \d+\.\d\d s; files in out\/\n$/);
    expect(readdirSync(out).sort()).toEqual([
      '.packs-build-state.json',
      'met-deputy-director-project-delivery.docx',
      'met-deputy-director-project-delivery.html',
      'met-deputy-director-project-delivery.pdf',
      'wealdmere-head-of-housing-2027.docx',
      'wealdmere-head-of-housing-2027.html',
      'wealdmere-head-of-housing-2027.pdf',
    ]);
    expect(run.stderr).toBe(
      [
        'packs/shared/pay-scales/met-chief-officers.yaml:26:18  error  the 1st rate of grade "deputy-assistant-commissioner": `amounts.basic` must not be negative  [invalid-value]',
        '    26 |           basic: -156693',
        '       |                  ^',
        '',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('gives byte-identical files for the same inputs, whatever else is built in the same run', async () => {
    const root = copyProject();
    const alone = path.join(root, 'alone');
    const together = path.join(root, 'together');
    expect((await runCli(['build', 'met-dac-2021', '--out', alone], root)).status).toBe(0);
    expect((await runCli(['build', 'met-deputy-director-project-delivery', 'met-dac-2021', '--out', together], root)).status).toBe(0);
    for (const file of ['met-dac-2021.pdf', 'met-dac-2021.docx', 'met-dac-2021.html']) {
      expect(readFileSync(path.join(alone, file)).equals(readFileSync(path.join(together, file))), file).toBe(true);
    }
  });

  it('leaves the previous outputs of a pack untouched when it becomes invalid', async () => {
    const root = copyProject();
    expect((await runCli(['build', 'met-dac-2021', '--today', '2020-12-01'], root)).status).toBe(0);
    const before = readFileSync(path.join(root, 'output', 'met-dac-2021.pdf'));
    const timeline = path.join(root, 'packs/met-dac-2021/timeline.yaml');
    writeFileSync(timeline, readFileSync(timeline, 'utf8').replace('date: 2021-01-20', 'date: 2021-01-12'));
    const run = await runCli(['build', 'met-dac-2021', '--today', '2020-12-01'], root);
    expect(run.status).toBe(1);
    // Nothing built and nothing up to date: no folder of files to point to.
    expect(run.stdout).toMatch(/\n1 pack: 0 built, 0 up to date, 1 not built, in \d+\.\d\d s\n$/);
    expect(readFileSync(path.join(root, 'output', 'met-dac-2021.pdf')).equals(before)).toBe(true);
  });

  it('prints the diagnostics as JSON for other tools with --format json', async () => {
    const root = copyProject([{ file: 'packs/met-dac-2021/timeline.yaml', find: 'date: 2021-01-20', replace: 'date: 2021-01-12' }]);
    const run = await runCli(['validate', '--format', 'json', '--today', '2021-01-12'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.packs).toEqual([
      { id: 'met-dac-2021', ok: false },
      { id: 'met-deputy-director-project-delivery', ok: true },
      { id: 'wealdmere-head-of-housing-2027', ok: true },
    ]);
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(1);
    expect(report.diagnostics).toEqual([
      {
        code: 'date-in-past',
        severity: 'warning',
        message: 'stage "Application Pack" is on 2021-01-11, which is before today (2021-01-12)',
        hint: 'update the date; to check the pack as of another day, use --today YYYY-MM-DD',
        file: 'packs/met-dac-2021/timeline.yaml',
        line: 11,
        column: 11,
      },
      {
        code: 'timeline-order',
        severity: 'error',
        message: 'stage "Final Interview Panel" (2021-01-12) is not after stage "Shortlisting" (2021-01-13)',
        hint: 'stages must be listed in order, each on a later date than the one before',
        file: 'packs/met-dac-2021/timeline.yaml',
        line: 28,
        column: 11,
      },
    ]);
  });

  it('fails on warnings only with --strict', async () => {
    const root = copyProject();
    expect((await runCli(['validate', 'met-dac-2021', '--today', '2021-01-12'], root)).status).toBe(0);
    const strict = await runCli(['validate', 'met-dac-2021', '--today', '2021-01-12', '--strict'], root);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toBe('✗ met-dac-2021\n');
  });

  it('refuses a --today that is not a date, with exit 2', async () => {
    const run = await runCli(['validate', '--today', '12/01/2021']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("option '--today <YYYY-MM-DD>' argument '12/01/2021' is invalid. give a date as YYYY-MM-DD, like 2021-01-04");
  });

  it('leaves no temporary files behind', async () => {
    const root = copyProject();
    await runCli(['build', 'met-deputy-director-project-delivery'], root);
    expect(readdirSync(path.join(root, 'output')).sort()).toEqual([
      '.packs-build-state.json',
      'met-deputy-director-project-delivery.docx',
      'met-deputy-director-project-delivery.html',
      'met-deputy-director-project-delivery.pdf',
    ]);
  });

  it('goes on building when what reads its output stops reading (packs build | head -1)', async () => {
    const root = copyProject();
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), 'build', '--today', '2020-12-01'], { cwd: root });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Read the first line, as `head -1` does, then close the pipe before the second pack's line.
    const firstLine = await new Promise<string>((resolve) => {
      let seen = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        seen += chunk;
        if (seen.includes('\n')) {
          child.stdout.destroy();
          resolve(seen.split('\n')[0]!);
        }
      });
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(firstLine).toMatch(/^✓ (met-dac-2021|met-deputy-director-project-delivery|wealdmere-head-of-housing-2027) /);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(readdirSync(path.join(root, 'output')).sort()).toEqual([
      '.packs-build-state.json',
      'met-dac-2021.docx',
      'met-dac-2021.html',
      'met-dac-2021.pdf',
      'met-deputy-director-project-delivery.docx',
      'met-deputy-director-project-delivery.html',
      'met-deputy-director-project-delivery.pdf',
      'wealdmere-head-of-housing-2027.docx',
      'wealdmere-head-of-housing-2027.html',
      'wealdmere-head-of-housing-2027.pdf',
    ]);
  });

  it('refuses an unknown pack with exit 2 and names the packs there are', async () => {
    const run = await runCli(['build', 'met-dac-2012']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('packs: unknown pack "met-dac-2012"; the packs are: met-dac-2021, met-deputy-director-project-delivery, wealdmere-head-of-housing-2027\n');
  });

  it('refuses an unknown option with exit 2', async () => {
    const run = await runCli(['build', '--colour']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--colour'");
  });
});

describe('packs validate', () => {
  it('checks every pack and writes nothing', async () => {
    const root = copyProject();
    const run = await runCli(['validate', '--today', '2020-12-01'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('✓ met-dac-2021\n✓ met-deputy-director-project-delivery\n✓ wealdmere-head-of-housing-2027\n');
    expect(existsSync(path.join(root, 'output'))).toBe(false);
  });
});

describe('help', () => {
  it.each([[['--help']], [['build', '--help']], [['list', '--help']], [['validate', '--help']]])('packs %s prints usage and exits 0', async (args) => {
    const run = await runCli(args, mkdtempSync(path.join(tmpdir(), 'packs-help-')));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: packs/);
  });

  it.each([[['--version']], [['-V']]])('packs %s prints the version in package.json and exits 0', async (args) => {
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const run = await runCli(args, mkdtempSync(path.join(tmpdir(), 'packs-version-')));
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('with no command prints usage and exits 2', async () => {
    const run = await runCli([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^Usage: packs/);
  });
});

describe('before npm ci', () => {
  it('says to run npm ci, with exit 2, when the tool is not compiled or its libraries are not installed', async () => {
    // bin/packs.js in a clone where `npm ci` has not run: no dist/ beside it.
    const clone = mkdtempSync(path.join(tmpdir(), 'packs-clone-'));
    mkdirSync(path.join(clone, 'bin'));
    cpSync(path.join(projectRoot, 'bin', 'packs.js'), path.join(clone, 'bin', 'packs.js'));
    const run = spawnSync(process.execPath, [path.join(clone, 'bin', 'packs.js'), 'validate'], { cwd: clone, encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `packs: the tool is not installed in ${clone}/ (hint: run \`npm ci\` there first; it installs the libraries and compiles the tool)\n`,
    ]);
  });
});
