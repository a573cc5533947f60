// packs diff <old> <new>: what changed between two versions of a pack, as a
// reviewer reads it. Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CommandContext } from '../context.js';
import { printDiagnostics } from '../report.js';

export function registerDiff(cli: Command, context: CommandContext): void {
  cli
    .command('diff')
    .description('show what changed between two versions of a pack: pack folders, pack ids, or built .pdf/.docx files')
    .argument('<old>', 'the version approved before: a pack folder, a pack id, or a built file')
    .argument('<new>', 'the version to review')
    .addOption(new Option('--format <format>', 'how to print the changes').choices(['text', 'md', 'json']).default('text'))
    .option('--color', 'colour the text even when not printing to a terminal')
    .action(async (oldName: string, newName: string, options: { format: 'text' | 'md' | 'json'; color?: boolean }) => {
      const { snapshotFrom } = await import('../../pipeline/diff-sources.js');
      const { compareSnapshots } = await import('../../diff/compare.js');
      const { formatJson, formatMarkdown, formatText } = await import('../../diff/format.js');
      const { io } = context;
      const sides = [await snapshotFrom(io.cwd, oldName), await snapshotFrom(io.cwd, newName)];
      for (const side of sides) {
        if (!side.ok) {
          io.stderr(`packs diff: ${side.message}\n`);
          printDiagnostics(io.cwd, side.diagnostics, io.stderr);
          context.setExit(EXIT_USAGE);
          return;
        }
      }
      const [before, after] = sides as [Extract<(typeof sides)[0], { ok: true }>, Extract<(typeof sides)[0], { ok: true }>];
      const comparison = compareSnapshots(before.snapshot, after.snapshot);
      const same = comparison.changes.length === 0 && comparison.sections.length === 0;
      if (options.format === 'json') io.stdout(formatJson(comparison));
      else if (!same) io.stdout(options.format === 'md' ? formatMarkdown(comparison) : formatText(comparison, options.color === true || (process.stdout.isTTY === true && !process.env.NO_COLOR)));
      context.setExit(same ? EXIT_OK : EXIT_INVALID);
    });
}
