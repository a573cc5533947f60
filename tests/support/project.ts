// A throwaway copy of the project's packs and templates, to break on purpose,
// and a way to run the real `packs` command on it.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './read-outputs.js';

export interface Edit {
  file: string;
  /** Exact text to find (must occur), and what to put in its place. */
  find: string;
  replace: string;
}

export function copyProject(edits: Edit[] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'packs-fixture-'));
  cpSync(path.join(projectRoot, 'packs'), path.join(root, 'packs'), { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  for (const edit of edits) {
    const file = path.join(root, edit.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(edit.find)) throw new Error(`fixture edit: "${edit.find}" is not in ${edit.file}`);
    writeFileSync(file, text.replace(edit.find, edit.replace));
  }
  return root;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = projectRoot): CliRun {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs a Node script of the project without blocking: a test that runs long or
 * many commands must let vitest's worker answer its runner in between, or the
 * runner times out.
 */
export function runScriptAsync(script: string, args: string[] = [], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, script), ...args], { cwd: options.cwd ?? projectRoot, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** runCli without blocking (see runScriptAsync). */
export function runCliAsync(args: string[], cwd = projectRoot): Promise<CliRun> {
  return runScriptAsync(path.join('bin', 'packs.js'), args, { cwd, env: { NO_COLOR: '1' } });
}

/** The first line of each diagnostic printed, in order. */
export function diagnosticLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^\S+:\d+:\d+ {2}(error|warning) {2}/.test(line) || /^\S+ {2}(error|warning) {2}/.test(line));
}
