// On a terminal `packs build` draws a progress bar, which hides the cursor and
// turns off line wrapping while it is shown. Stopped by Ctrl-C, the build puts
// the terminal back before it ends. The terminal is script(1)'s.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const WRAP_LINES = '\x1b[?7h';

/** A project whose build lasts long enough to interrupt: the three sample packs and 30 variants of the DAC pack: 33 in all. */
function longCampaign(): string {
  const root = copyProject();
  const variants = Array.from({ length: 30 }, (_, i) => `  - id: met-dac-2021-area-${i + 1}\n    set:\n      role.title: Deputy Assistant Commissioner, Area ${i + 1}`);
  appendFileSync(path.join(root, 'packs', 'met-dac-2021', 'pack.yaml'), `variants:\n${variants.join('\n')}\n`);
  return root;
}

describe('packs build on a terminal', () => {
  it('puts the cursor and line wrapping back when stopped by Ctrl-C while the bar is shown', async () => {
    const root = longCampaign();
    const pidFile = path.join(root, 'packs.pid');
    const command = `echo $$ > ${pidFile}; exec ${process.execPath} ${path.join(projectRoot, 'bin', 'packs.js')} build --today 2020-12-01 --only pdf`;
    const terminal = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root });
    let output = '';
    terminal.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const ended = new Promise<number | null>((resolve) => terminal.on('close', (code) => resolve(code)));
    for (let waited = 0; !/building .* [1-9]\d*\/33 packs/.test(output) && waited < 60_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output).toContain(HIDE_CURSOR);
    expect(existsSync(pidFile)).toBe(true);
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGINT');
    expect(await ended).toBe(130);
    const sinceHidden = output.slice(output.lastIndexOf(HIDE_CURSOR));
    expect(sinceHidden).toContain(SHOW_CURSOR);
    expect(sinceHidden).toContain(WRAP_LINES);
    expect(output).not.toContain('33/33 packs');
  });
});
