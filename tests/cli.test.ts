// The `packs` command as a user runs it: what it prints, what it writes, and its exit codes.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';

describe('packs list', () => {
  it('lists every pack under packs/, and not the shared data folder', () => {
    const run = runCli(['list']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('met-dac-2021\nmet-deputy-director-project-delivery\n');
  });
});

describe('packs build', () => {
  it('builds the named pack into output/<pack-id>.pdf and .docx, one line per pack', () => {
    const root = copyProject();
    const run = runCli(['build', 'met-dac-2021'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^✓ met-dac-2021 {2}\d+ pages {2}PDF \d+ KB {2}DOCX \d+ KB {2}\d+\.\d\d s\n$/);
    expect(readdirSync(path.join(root, 'output')).sort()).toEqual(['met-dac-2021.docx', 'met-dac-2021.pdf']);
  });

  it('writes nothing for an invalid pack, exits 1, and still builds the valid one', () => {
    const root = copyProject([
      { file: 'packs/met-dac-2021/remuneration.yaml', find: 'amount: 156693', replace: 'amount: -156693' },
    ]);
    const out = path.join(root, 'out');
    const run = runCli(['build', '--out', out, '--today', '2020-12-01'], root);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ met-dac-2021  not built: see the errors below');
    expect(run.stdout).toMatch(/✓ met-deputy-director-project-delivery/);
    expect(readdirSync(out).sort()).toEqual([
      'met-deputy-director-project-delivery.docx',
      'met-deputy-director-project-delivery.pdf',
    ]);
    expect(run.stderr).toBe(
      [
        'packs/met-dac-2021/remuneration.yaml:23:15  error  salary.items[0].amount must not be negative  [invalid-value]',
        '    23 |       amount: -156693',
        '       |               ^',
        '',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('gives byte-identical files for the same inputs, whatever else is built in the same run', () => {
    const root = copyProject();
    const alone = path.join(root, 'alone');
    const together = path.join(root, 'together');
    expect(runCli(['build', 'met-dac-2021', '--out', alone], root).status).toBe(0);
    expect(runCli(['build', 'met-deputy-director-project-delivery', 'met-dac-2021', '--out', together], root).status).toBe(0);
    for (const file of ['met-dac-2021.pdf', 'met-dac-2021.docx']) {
      expect(readFileSync(path.join(alone, file)).equals(readFileSync(path.join(together, file))), file).toBe(true);
    }
  });

  it('leaves no temporary files behind', () => {
    const root = copyProject();
    runCli(['build', 'met-deputy-director-project-delivery'], root);
    expect(readdirSync(path.join(root, 'output'))).toEqual([
      'met-deputy-director-project-delivery.docx',
      'met-deputy-director-project-delivery.pdf',
    ]);
  });

  it('refuses an unknown pack with exit 2 and names the packs there are', () => {
    const run = runCli(['build', 'met-dac-2012']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('packs: unknown pack "met-dac-2012"; the packs are: met-dac-2021, met-deputy-director-project-delivery\n');
  });

  it('refuses an unknown option with exit 2', () => {
    const run = runCli(['build', '--colour']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--colour'");
  });
});

describe('packs validate', () => {
  it('checks every pack and writes nothing', () => {
    const root = copyProject();
    const run = runCli(['validate', '--today', '2020-12-01'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('✓ met-dac-2021\n✓ met-deputy-director-project-delivery\n');
    expect(existsSync(path.join(root, 'output'))).toBe(false);
  });
});

describe('help', () => {
  it.each([[['--help']], [['build', '--help']], [['list', '--help']], [['validate', '--help']]])('packs %s prints usage and exits 0', (args) => {
    const run = runCli(args, mkdtempSync(path.join(tmpdir(), 'packs-help-')));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: packs/);
  });

  it('with no command prints usage and exits 2', () => {
    const run = runCli([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^Usage: packs/);
  });
});
