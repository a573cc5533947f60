// packs watch [pack-id...]: build the packs, then rebuild the ones a saved file
// affects, printing a line per pack (or its diagnostics) each time, until Ctrl-C.
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Format } from '../../writers/formats.js';
import { buildLine, type PackReport } from '../check-report.js';
import { choosePacks, commonOptions, EXIT_OK, localToday, outputFolder, sourceDateEpoch, type CommandContext } from '../context.js';
import { folderForPeople, pathForPeople, printDiagnostics } from '../report.js';
import { WriteFailed, writeFailureMessage } from '../../pipeline/write-errors.js';
import type { PackRebuild, Rebuild } from '../../pipeline/watch.js';

function milliseconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number of milliseconds, like 200');
  return Number(value);
}

/** The message of whatever was thrown, on one line. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || (error instanceof Error ? error.name : 'unknown error');
}

/**
 * Why a rebuild threw, as one sentence: a write that failed as `packs build` says it (what is
 * left, and what to do, with the path as the user sees it); anything else with what was kept.
 */
function whyRebuildFailed(cwd: string, error: unknown): string {
  if (error instanceof WriteFailed) return writeFailureMessage(error.target, error.code, error.outcome, pathForPeople(cwd, error.target));
  return `${oneLine(error).replace(/\.$/, '')}; its files were left as they were`;
}

/** What a rebuilt pack's line starts with: the file whose change rebuilt it, relative to the project. */
function cause(root: string, pack: PackRebuild): string {
  const files = pack.changed.map((file) => path.relative(root, file).split(path.sep).join('/'));
  if (files.length === 0) return '';
  return `${files[0]}${pack.added ? ' (new pack)' : ''}${files.length > 1 ? ` (and ${files.length - 1} more)` : ''} → `;
}

export function registerWatch(cli: Command, context: CommandContext): void {
  cli
    .command('watch')
    .description('build packs, then rebuild the ones a saved file affects, until Ctrl-C')
    .argument('[pack-id...]', 'the packs to watch (default: every pack under packs/, and packs added while watching)')
    .addOption(commonOptions.root())
    .addOption(commonOptions.out())
    .addOption(commonOptions.only('write only these formats (--only pdf rebuilds fastest)'))
    .addOption(commonOptions.today())
    .addOption(commonOptions.strict())
    .addOption(new Option('--debounce <ms>', 'how long the files must be quiet after a save before rebuilding (default and least: 60)').argParser(milliseconds))
    .action(async (ids: string[], options: { root?: string; out?: string; only: Format[]; today: string; strict: boolean; debounce?: number }, command: Command) => {
      const { startWatch } = await import('../../pipeline/watch.js');
      const projectRoot = context.root(options);
      const timestamp = sourceDateEpoch();
      await choosePacks(projectRoot, ids); // an unknown pack, or none at all, is a usage mistake
      const { stdout, stderr } = context.io;

      const printRebuild = (rebuild: Rebuild) => {
        for (const { id, file } of rebuild.removed) stdout(`${path.relative(projectRoot, file).split(path.sep).join('/')} removed → ${id} is no longer watched\n`);
        for (const pack of rebuild.packs) {
          const prefix = rebuild.reason === 'change' ? cause(projectRoot, pack) : '';
          if (!pack.build) {
            stdout(`${prefix}✗ ${pack.id}  rebuild failed: ${whyRebuildFailed(context.io.cwd, pack.error)}\n`);
            continue;
          }
          const report: PackReport = {
            id: pack.id,
            built: pack.build.outputs.length > 0,
            diagnostics: pack.build.diagnostics,
            outputs: pack.build.outputs,
            milliseconds: pack.build.milliseconds,
          };
          stdout(prefix + buildLine(report) + '\n');
        }
        printDiagnostics(projectRoot, rebuild.packs.flatMap((pack) => pack.build?.diagnostics ?? []), context.io);
      };

      const outDir = outputFolder(context.io, projectRoot, options.out);
      const watch = await startWatch({
        root: projectRoot,
        ids,
        outDir,
        formats: options.only,
        // Without --today, each rebuild checks against the day it runs on, past midnight too.
        today: command.getOptionValueSource('today') === 'default' ? localToday : options.today,
        strict: options.strict,
        quietMs: options.debounce,
        ...(timestamp ? { timestamp } : {}),
        onRebuild: printRebuild,
        onError: (error) => stderr(`packs watch: ${oneLine(error)}\n`),
      });
      await watch.ready;
      const folder = (name: string) => folderForPeople(context.io.cwd, path.join(projectRoot, name));
      stdout(`watching ${folder('packs')} and ${folder('templates')} for changes, writing to ${folderForPeople(context.io.cwd, outDir)} (Ctrl-C to stop)\n`);

      // Ctrl-C (or a polite kill) stops watching; the command then ends with exit status 0. The
      // same Ctrl-C often comes twice (to the whole process group, and passed on by npm run): a second
      // within a second is ignored; a later one, while a rebuild is still finishing, ends at once.
      let stopped: number | undefined;
      const onSignal = () => {
        if (stopped === undefined) {
          stopped = Date.now();
          stopping();
        } else if (Date.now() - stopped > 1000) {
          stderr('packs watch: stopped while a rebuild was running\n');
          process.exit(130);
        }
      };
      let stopping: () => void = () => {};
      await new Promise<void>((resolve) => {
        stopping = resolve;
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
      await watch.close();
      stdout('stopped watching\n');
      context.setExit(EXIT_OK);
      // Kept a moment longer, for a late copy of the signal; unref'd, so they do not keep the process alive.
      setTimeout(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }, 1000).unref();
    });
}
