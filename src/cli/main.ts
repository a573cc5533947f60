// The `packs` command line. The CLI is the only part that prints or decides an
// exit code: 0 success, 1 a pack is invalid, 2 the command was used wrongly.
// Each command lives in commands/ and loads what it needs when it runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { toolRoot } from '../pipeline/tool-fingerprint.js';
import { registerApprove } from './commands/approve.js';
import { registerBuild } from './commands/build.js';
import { registerDiff } from './commands/diff.js';
import { registerList } from './commands/list.js';
import { registerNew } from './commands/new.js';
import { registerSet } from './commands/set.js';
import { registerShow } from './commands/show.js';
import { registerStudio } from './commands/studio.js';
import { registerValidate } from './commands/validate.js';
import { registerWatch } from './commands/watch.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type CommandContext, type Io } from './context.js';
import { ApprovalsFileInvalid, FilesKeptChanging, JournalConflict, OutputBusyError, WriteFailed, writeFailureMessage } from '../pipeline/write-errors.js';
import { pathForPeople } from './report.js';
import { colourFor } from './colour.js';
import { projectRoot } from './project-root.js';
import { userFolder } from './user-folder.js';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './context.js';

/**
 * Writes to a standard stream until whatever reads it closes it (`packs build | head`):
 * then the rest is dropped and the command goes on, rather than stopping with a stack trace.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // EPIPE: the reader has gone; a write queued behind it then finds the stream destroyed.
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

let processIo: Io | undefined;
/** The process's own streams and the user's folder, made once. */
const defaultIo = (): Io =>
  (processIo ??= {
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
    cwd: userFolder(process.env, process.cwd()),
    stdoutColour: colourFor(process.stdout),
    stderrColour: colourFor(process.stderr),
  });

/** The tool's version, from its package.json. */
const toolVersion = (): string => (JSON.parse(readFileSync(path.join(toolRoot, 'package.json'), 'utf8')) as { version: string }).version;

function program(context: CommandContext): Command {
  const cli = new Command('packs')
    .description('Builds candidate information packs (PDF and Word) from YAML data.')
    .version(toolVersion(), '-V, --version', 'prints the version of packs')
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const register of [registerBuild, registerValidate, registerShow, registerSet, registerDiff, registerList, registerWatch, registerNew, registerApprove, registerStudio]) register(cli, context);
  return cli;
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let code = EXIT_OK;
  const cli = program({ io, setExit: (c) => (code = c), root: (options) => projectRoot(io.cwd, options.root) });
  if (argv.length === 0) {
    cli.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help ends here with exit code 0; anything else was a usage mistake.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`packs: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof OutputBusyError || error instanceof JournalConflict || error instanceof FilesKeptChanging) {
      io.stderr(`packs: ${error.message}\n`);
      return EXIT_INVALID;
    }
    if (error instanceof ApprovalsFileInvalid) {
      io.stderr(`packs: ${error.message}\n`);
      return EXIT_INVALID;
    }
    if (error instanceof WriteFailed) {
      io.stderr(`packs: ${writeFailureMessage(error.target, error.code, error.outcome, pathForPeople(io.cwd, error.target))}\n`);
      // A path that names a file where a folder is needed, or the other way round, was mistyped.
      return ['ENOTDIR', 'EISDIR', 'EEXIST'].includes(error.code) ? EXIT_USAGE : EXIT_INVALID;
    }
    throw error;
  }
}
