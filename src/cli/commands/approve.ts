// packs approve <pack-id> --by "<name>": records the working version of a pack as
// approved, with a copy of the files it is built from (pipeline/approvals.ts).
import type { Command } from 'commander';
import { visibleText } from '../../diagnostics/hidden-characters.js';
import { commonOptions, EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type CommandContext } from '../context.js';
import { folderForPeople, printDiagnostics } from '../report.js';

export function registerApprove(cli: Command, context: CommandContext): void {
  cli
    .command('approve')
    .description('record the working version of a pack as approved: who and when, with a copy of the files it is built from in approved/<pack-id>/<version>/')
    .argument('<pack-id>', 'the pack or variant')
    .option('--by <name>', 'who approves it (required)')
    .option('--note <text>', 'a note kept with the approval')
    .addOption(commonOptions.root())
    .addOption(commonOptions.today())
    .action(async (id: string, options: { root?: string; today: string; by?: string; note?: string }) => {
      if (options.by === undefined || options.by.trim() === '') throw new UsageError('say who approves the pack: packs approve <pack-id> --by "<name>"');
      const { approvePack, approvalDay } = await import('../../pipeline/approvals.js');
      const { io } = context;
      const projectRoot = context.root(options);
      const result = await approvePack(projectRoot, id, { by: options.by, today: options.today, ...(options.note ? { note: options.note } : {}) });
      if (!result.ok) {
        io.stderr(`packs approve: ${result.message}\n${result.hint ? `    hint: ${result.hint}\n` : ''}`);
        if (result.diagnostics.length > 0) {
          io.stderr('\n');
          printDiagnostics(projectRoot, result.diagnostics, io);
        }
        // An unknown pack is a mistake in the command; a pack with mistakes, or a version taken, is not.
        context.setExit(result.unknownPack ? EXIT_USAGE : EXIT_INVALID);
        return;
      }
      const { approval } = result;
      const where = folderForPeople(io.cwd, approval.snapshot);
      const who = `${visibleText(approval.by)}, ${approvalDay(approval)}`;
      io.stdout(
        result.alreadyApproved
          ? `${visibleText(id)}: version ${approval.version} was already approved by ${who}, with these very files (${where}); nothing written\n`
          : `${visibleText(id)}: version ${approval.version} approved by ${who} (${where})\n`,
      );
      context.setExit(EXIT_OK);
    });
}
