// A throwaway copy of the project's packs and templates, to break on purpose,
// and ways to run the real `packs` command on it: in this process, or as its own.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './read-outputs.js';
// The CLI as compiled into dist/, the code bin/packs.js runs: the same copy of every module
// as the tests that import from dist/, and the one whose worker threads' entry files exist.
import { main } from '../../dist/cli/main.js';
import { forgetTemplates } from '../../dist/compose/templates.js';

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

/**
 * Runs `packs <args>` in this process, as a user would in `cwd`, and returns what it
 * printed and its exit status. Each run starts as a new process would: templates
 * are read again (a process reads each once; a test may change one between runs).
 * Vitest's workers write to pipes, not a terminal, so no progress bar is drawn
 * and `packs diff` does not colour, as with the commands' own processes here.
 */
export async function runCli(args: string[], cwd = projectRoot): Promise<CliRun> {
  forgetTemplates();
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), cwd });
  return { status, stdout, stderr };
}

/**
 * Runs a Node script of the project without blocking: a test that runs long or
 * many commands must let vitest's worker answer its runner in between, or the
 * runner times out.
 */
export function runScriptAsync(script: string, args: string[] = [], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return spawnCollecting(process.execPath, [path.join(projectRoot, script), ...args], { cwd: options.cwd ?? projectRoot, env: { ...process.env, ...options.env } });
}

/** Runs a program without blocking, and resolves with its exit status and everything it printed; `timeout` (ms) stops it, its status then null. */
export function spawnCollecting(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `packs <args>` as its own process (bin/packs.js), for what needs one: signals, terminals, pipes, npm's environment. */
export function runCliProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return runScriptAsync(path.join('bin', 'packs.js'), args, { cwd: options.cwd ?? projectRoot, env: { NO_COLOR: '1', ...options.env } });
}

/** The first line of each diagnostic printed, in order. */
export function diagnosticLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^\S+:\d+:\d+ {2}(error|warning) {2}/.test(line) || /^\S+ {2}(error|warning) {2}/.test(line));
}
