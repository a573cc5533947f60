// Colour on the terminal: errors red, warnings yellow, the code and hint dim, the
// summary coloured; decided per stream from FORCE_COLOR, NO_COLOR and whether the
// stream is a terminal that shows colour. Run in a process of its own, as a user
// runs it, with exactly the environment each case names.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { colourFor } from '../src/cli/colour.js';
import { copyProject } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const RED = (text: string) => `\x1b[1m\x1b[31m${text}\x1b[39m\x1b[22m`;
const YELLOW = (text: string) => `\x1b[1m\x1b[33m${text}\x1b[39m\x1b[22m`;
const DIM = (text: string) => `\x1b[2m${text}\x1b[22m`;

/** Runs `packs` with its stdout and stderr piped (not terminals), with only the colour variables given. */
function packs(args: string[], cwd: string, colourEnv: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...colourEnv };
  for (const name of ['FORCE_COLOR', 'NO_COLOR']) if (!(name in colourEnv)) delete env[name];
  return spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), ...args], { cwd, encoding: 'utf8', env });
}

describe('diagnostics in colour', () => {
  // One error and one warning: the final interview moved before shortlisting, checked on the day of the first stage.
  const root = copyProject([{ file: 'packs/met-dac-2021/timeline.yaml', find: 'date: 2021-01-20', replace: 'date: 2021-01-12' }]);
  const validate = (colourEnv: Record<string, string>) => packs(['validate', 'met-dac-2021', '--today', '2021-01-12'], root, colourEnv);

  it('are plain when the output is not a terminal and nothing forces colour', () => {
    const run = validate({});
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('\x1b[');
    expect(run.stderr).toContain('packs/met-dac-2021/timeline.yaml:28:11  error  stage "Final Interview Panel" (2021-01-12) is not after');
  });

  it('are coloured with FORCE_COLOR=1: errors red, warnings yellow, codes and hints dim, the summary red when there are errors', () => {
    const plain = validate({}).stderr;
    const run = validate({ FORCE_COLOR: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `packs/met-dac-2021/timeline.yaml:11:11  ${YELLOW('warning')}  stage "Application Pack" is on 2021-01-11, which is before today (2021-01-12)  ${DIM('[date-in-past]')}\n` +
        '    11 |     date: 2021-01-11\n' +
        `       |           ${YELLOW('^')}\n` +
        `${DIM('    hint: update the date; to check the pack as of another day, use --today YYYY-MM-DD')}\n`,
    );
    expect(run.stderr).toContain(
      `packs/met-dac-2021/timeline.yaml:28:11  ${RED('error')}  stage "Final Interview Panel" (2021-01-12) is not after stage "Shortlisting" (2021-01-13)  ${DIM('[timeline-order]')}\n`,
    );
    expect(run.stderr.endsWith(`\n${RED('1 error, 1 warning')}\n`)).toBe(true);
    // The same words as without colour.
    expect(stripVTControlCharacters(run.stderr)).toBe(plain);
    // Colour is decided per stream: stdout's pack line is coloured by nothing here.
    expect(run.stdout).toBe('✗ met-dac-2021\n');
  });

  it('are plain when NO_COLOR is set, even with FORCE_COLOR', () => {
    const run = validate({ FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(validate({}).stderr);
    expect(validate({ FORCE_COLOR: '0' }).stderr).not.toContain('\x1b[');
  });

  it('colour a summary of warnings only yellow', () => {
    const run = packs(['validate', 'met-dac-2021', '--today', '2021-01-12'], projectRoot, { FORCE_COLOR: '1' });
    expect(run.status).toBe(0);
    expect(run.stderr.endsWith(`\n${YELLOW('0 errors, 1 warning')}\n`)).toBe(true);
  });
});

describe('packs diff in colour', () => {
  const oldRoot = copyProject();
  const newRoot = copyProject([{ file: 'packs/shared/pay-scales/met-chief-officers.yaml', find: 'basic: 156693', replace: 'basic: 160115' }]);
  const diff = (colourEnv: Record<string, string>, flags: string[] = []) =>
    packs(['diff', path.join(oldRoot, 'packs/met-dac-2021'), path.join(newRoot, 'packs/met-dac-2021'), ...flags], projectRoot, colourEnv);

  it('colours the changed words with FORCE_COLOR=1 (or --color), and not with NO_COLOR', () => {
    const changed = '\x1b[31m\x1b[9m£156,693\x1b[29m\x1b[39m\x1b[32m£160,115\x1b[39m p.a.';
    expect(diff({ FORCE_COLOR: '1' }).stdout).toContain(changed);
    expect(diff({ NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).not.toContain('\x1b[');
    expect(diff({}).stdout).toContain('[-£156,693-]{+£160,115+} p.a.');
    // The flag asks for colour on this one command, whatever the environment says.
    expect(diff({ NO_COLOR: '1' }, ['--color']).stdout).toContain(changed);
  });
});

describe('deciding colour for a stream', () => {
  const terminal = (colours: boolean) => ({ isTTY: true, hasColors: () => colours });
  const pipe = { isTTY: false };

  it('colours a terminal that shows colour, and nothing else, when neither variable is set', () => {
    expect(colourFor(terminal(true), {})).toBe(true);
    expect(colourFor(terminal(false), {})).toBe(false);
    expect(colourFor(pipe, {})).toBe(false);
  });

  it('lets FORCE_COLOR force it on (or off with 0 or false), and NO_COLOR turn it off whatever else is set', () => {
    expect(colourFor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourFor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(colourFor(terminal(true), { FORCE_COLOR: '0' })).toBe(false);
    expect(colourFor(terminal(true), { FORCE_COLOR: 'false' })).toBe(false);
    expect(colourFor(terminal(true), { NO_COLOR: '1' })).toBe(false);
    expect(colourFor(pipe, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    // An empty NO_COLOR is not set (no-color.org).
    expect(colourFor(terminal(true), { NO_COLOR: '' })).toBe(true);
  });
});
