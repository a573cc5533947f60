// A build that reads a pack while `packs set` changes it builds the pack as it
// was before the edit or as it is after it, never half of each: the value and
// the version printed in the PDF always belong together. The build is paused
// (tests/support/pause.cjs) after it has read pack.yaml and before it reads the
// timeline, and the edit runs in that moment: whole, or paused itself after
// writing the timeline and before pack.yaml, with its journal in place.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, spawnCollecting, type CliRun } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const PACK = 'met-dac-2021';
const TODAY = '2020-12-14';
const bin = path.join(projectRoot, 'bin/packs.js');
const pause = path.join(projectRoot, 'tests/support/pause.cjs');

/** The final interview's date and the version, as the built PDF prints them. */
function printed(pdf: string): { interview: string; versions: string[] } {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const interview = /final interview panel will be held (\d+\w\w January 2021)/.exec(text)?.[1] ?? 'not printed';
  const versions = [...new Set([...text.matchAll(/· Version (\d+\.\d+\.\d+) –/g)].map((match) => match[1]!))];
  return { interview, versions };
}
const BEFORE = { interview: '20th January 2021', versions: ['1.0.0'] };
const AFTER = { interview: '27th January 2021', versions: ['1.0.1'] };

/** Resolves when the pause hook has made `name` in `dir` (or after a minute and a half, when the test has failed anyway). */
async function signalled(dir: string, name: string): Promise<void> {
  const until = Date.now() + 90_000;
  while (!existsSync(path.join(dir, name)) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

function packs(root: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return spawnCollecting(process.execPath, ['--require', pause, bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 90_000 });
}

/** Starts a build of the pack that pauses just before it reads the timeline, pack.yaml already read. */
function pausedBuild(root: string, pauses: string, jobs: number): Promise<CliRun> {
  const args = ['build', PACK, '--today', TODAY, '--only', 'pdf', '--force', '--jobs', String(jobs), '--out', path.join(root, 'out')];
  return packs(root, args, { PACKS_PAUSE_DIR: pauses, PACKS_PAUSE_BEFORE_READ: 'timeline.yaml' });
}

const setInterview = (root: string, env: Record<string, string> = {}) =>
  packs(root, ['set', PACK, 'timeline.final-interview.date', '2021-01-27', '--today', TODAY], env);

describe('a build that reads a pack while packs set changes it', () => {
  for (const jobs of [1, 2]) {
    it(`builds it from before the edit or after it, never from both (an edit that lands whole meanwhile; --jobs ${jobs})`, async () => {
      const root = copyProject();
      const pauses = mkdtempSync(path.join(tmpdir(), 'packs-pauses-'));
      const build = pausedBuild(root, pauses, jobs);
      await signalled(pauses, 'reading-paused');
      // The whole edit lands between the build's reading pack.yaml and its reading the timeline.
      const set = await setInterview(root);
      expect(set.status, set.stderr).toBe(0);
      writeFileSync(path.join(pauses, 'go-reading'), '');
      const built = await build;
      expect(built.status, built.stderr).toBe(0);
      expect(printed(path.join(root, 'out', `${PACK}.pdf`))).toEqual(AFTER);
    });

    it(`builds it from before the edit or after it, never from both (an edit half applied meanwhile; --jobs ${jobs})`, async () => {
      const root = copyProject();
      const pauses = mkdtempSync(path.join(tmpdir(), 'packs-pauses-'));
      const build = pausedBuild(root, pauses, jobs);
      await signalled(pauses, 'reading-paused');
      // The edit starts, and stops with the new timeline written and pack.yaml not yet: its journal in place.
      const set = setInterview(root, { PACKS_PAUSE_DIR: pauses, PACKS_PAUSE_AFTER_WRITE: 'timeline.yaml' });
      await signalled(pauses, 'writing-paused');
      // The build reads the new timeline, having read the old pack.yaml.
      writeFileSync(path.join(pauses, 'go-reading'), '');
      // The edit goes on once the build has finished, or is waiting for it.
      const finished = build.then(() => {});
      await Promise.race([finished, signalled(pauses, 'waiting-for-lock')]);
      writeFileSync(path.join(pauses, 'go-writing'), '');
      const [built, edited] = await Promise.all([build, set]);
      expect(edited.status, edited.stderr).toBe(0);
      expect(built.status, built.stderr).toBe(0);
      expect([BEFORE, AFTER]).toContainEqual(printed(path.join(root, 'out', `${PACK}.pdf`)));
    });
  }
});
