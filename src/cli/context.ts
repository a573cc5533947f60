// What every command shares: where it prints, how it sets the exit code, the
// options `build`, `validate`, `show` and `set` have in common, and how packs
// named on the command line are found.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { isoDate } from '../schema/common.js';
import { selectPacks } from '../pipeline/select.js';
import { formats } from '../writers/formats.js';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether what is written to stdout, and to stderr, may be coloured (see colour.ts); absent means not. */
  stdoutColour?: boolean;
  stderrColour?: boolean;
}

export interface CommandContext {
  io: Io;
  setExit: (code: number) => void;
  /** The project folder a command works on: `--root`, else the nearest at or above the user's folder (project-root.ts). */
  root: (options: { root?: string }) => string;
}

/** A mistake in how the command was typed: printed in one line, exit 2. */
export class UsageError extends Error {}

export interface CheckFlags {
  today: string;
  strict: boolean;
  format: 'text' | 'json';
}

/** SOURCE_DATE_EPOCH (seconds since 1970), the reproducible-builds convention for the timestamp in outputs. */
export function sourceDateEpoch(): Date | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`SOURCE_DATE_EPOCH must be a number of seconds since 1970, not "${value}"`);
  return new Date(Number(value) * 1000);
}

/** Today's date where the user is, as YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export const commonOptions = {
  root: () => new Option('--root <dir>', 'the project folder (default: the nearest folder at or above this one that holds packs/)'),
  today: () =>
    new Option('--today <YYYY-MM-DD>', 'the day to check dates against: dates before it are warned about')
      .default(localToday(), 'today')
      .argParser((value: string) => {
        if (!isoDate.safeParse(value).success) throw new InvalidArgumentError('give a date as YYYY-MM-DD, like 2021-01-04');
        return value;
      }),
  strict: () => new Option('--strict', 'treat warnings as errors: a pack with a warning is not built').default(false),
  format: () => new Option('--format <format>', 'how to print diagnostics').choices(['text', 'json']).default('text'),
  out: () => new Option('--out <dir>', "where to write the files (default: the project's output/ folder)"),
  only: (description = 'write only these formats') => new Option('--only <format...>', description).choices(formats).default([...formats]),
};

/** Where a command writes: `--out` as the user typed it, else the project's output/ folder. */
export function outputFolder(io: Io, projectRoot: string, out: string | undefined): string {
  if (out === undefined) return path.join(projectRoot, 'output');
  const folder = path.resolve(io.cwd, out);
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder; give the folder to write the files into`);
  return folder;
}

/** A file a command writes, as the user typed it (`--redline`): a folder there is a mistake. */
export function fileToWrite(io: Io, option: string, file: string): string {
  const target = path.resolve(io.cwd, file);
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new UsageError(`${option} ${file} is a folder; give the name of the file to write, like ${path.join(file, 'changes.docx')}`);
  }
  return target;
}

/** The packs named (or all of them); an unknown name is a usage mistake. */
export async function choosePacks(root: string, ids: string[]) {
  const selection = await selectPacks(root, ids);
  if (selection.unknown.length > 0) {
    const known = selection.all.map((p) => p.id).join(', ') || '(none)';
    throw new UsageError(`unknown pack ${selection.unknown.map((id) => `"${id}"`).join(', ')}; the packs are: ${known}`);
  }
  if (selection.packs.length === 0) throw new UsageError(`no packs found under ${path.join(root, 'packs')}`);
  return selection.packs;
}
