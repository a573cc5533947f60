// The `packs` command line. This is the only module that prints or decides an
// exit code: 0 success, 1 a pack is invalid, 2 the command was used wrongly.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildPack, planPack, selectPacks } from '../pipeline/build.js';
import { DataFileCache } from '../validate/load-pack.js';
import { formats, type Format } from '../writers/index.js';
import { formatBytes, formatSeconds, printDiagnostics } from './report.js';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

class UsageError extends Error {}

async function choosePacks(root: string, ids: string[]) {
  const selection = await selectPacks(root, ids);
  if (selection.unknown.length > 0) {
    const known = selection.all.map((p) => p.id).join(', ') || '(none)';
    throw new UsageError(`unknown pack ${selection.unknown.map((id) => `"${id}"`).join(', ')}; the packs are: ${known}`);
  }
  if (selection.packs.length === 0) throw new UsageError(`no packs found under ${path.join(root, 'packs')}`);
  return selection.packs;
}

function program(io: Io, setExit: (code: number) => void): Command {
  const root = (options: { root?: string }) => path.resolve(io.cwd, options.root ?? '.');
  const cli = new Command('packs')
    .description('Builds candidate information packs (PDF and Word) from YAML data.')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  cli
    .command('build')
    .description('build packs into output/<pack-id>.pdf and output/<pack-id>.docx')
    .argument('[pack-id...]', 'the packs to build (default: every pack under packs/)')
    .option('--root <dir>', 'the project folder', '.')
    .option('--out <dir>', 'where to write the files', 'output')
    .addOption(new Option('--format <format...>', 'formats to write').choices(formats).default(formats))
    .action(async (ids: string[], options: { root: string; out: string; format: Format[] }) => {
      const projectRoot = root(options);
      const packs = await choosePacks(projectRoot, ids);
      const cache = new DataFileCache(projectRoot);
      const outDir = path.resolve(io.cwd, options.out);
      const diagnostics: Diagnostic[] = [];
      let failed = 0;
      for (const location of packs) {
        const result = await buildPack(projectRoot, location, cache, { outDir, formats: options.format });
        diagnostics.push(...result.diagnostics);
        if (result.outputs.length === 0) {
          failed++;
          io.stdout(`✗ ${location.id}  not built: see the errors below\n`);
          continue;
        }
        const pages = result.outputs.find((o) => o.pages !== undefined)?.pages;
        const sizes = result.outputs.map((o) => `${o.format.toUpperCase()} ${formatBytes(o.bytes)}`).join('  ');
        io.stdout(`✓ ${location.id}  ${pages === undefined ? '' : `${pages} pages  `}${sizes}  ${formatSeconds(result.milliseconds)}\n`);
      }
      printDiagnostics(projectRoot, diagnostics, io.stderr);
      setExit(failed > 0 || hasErrors(diagnostics) ? EXIT_INVALID : EXIT_OK);
    });

  cli
    .command('validate')
    .description('run every check on packs without writing anything')
    .argument('[pack-id...]', 'the packs to check (default: every pack under packs/)')
    .option('--root <dir>', 'the project folder', '.')
    .action(async (ids: string[], options: { root: string }) => {
      const projectRoot = root(options);
      const packs = await choosePacks(projectRoot, ids);
      const cache = new DataFileCache(projectRoot);
      const diagnostics: Diagnostic[] = [];
      for (const location of packs) {
        const plan = await planPack(projectRoot, location, cache);
        diagnostics.push(...plan.diagnostics);
        io.stdout(`${hasErrors(plan.diagnostics) ? '✗' : '✓'} ${location.id}\n`);
      }
      printDiagnostics(projectRoot, diagnostics, io.stderr);
      setExit(hasErrors(diagnostics) ? EXIT_INVALID : EXIT_OK);
    });

  cli
    .command('list')
    .description('list the packs under packs/')
    .option('--root <dir>', 'the project folder', '.')
    .action(async (options: { root: string }) => {
      const selection = await selectPacks(root(options), []);
      for (const pack of selection.all) io.stdout(`${pack.id}\n`);
      setExit(EXIT_OK);
    });

  return cli;
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_OK;
  const cli = program(io, (c) => (code = c));
  if (argv.length === 0) {
    cli.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; anything else was a usage mistake.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`packs: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
