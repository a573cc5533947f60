// packs list: the packs under packs/, each with its variants indented below it.
import type { Command } from 'commander';
import { visibleText } from '../../diagnostics/hidden-characters.js';
import { selectPacks } from '../../pipeline/select.js';
import { commonOptions, EXIT_OK, type CommandContext } from '../context.js';

export function registerList(cli: Command, context: CommandContext): void {
  cli
    .command('list')
    .description('list the packs under packs/, with the variants of each indented below it')
    .addOption(commonOptions.root())
    .action(async (options: { root?: string }) => {
      const selection = await selectPacks(context.root(options), []);
      const { approvalLine } = await import('../../pipeline/approvals.js');
      const root = context.root(options);
      for (const pack of selection.all) {
        // The version approved last, only for packs that have one: a project that approves nothing lists as before.
        const approval = await approvalLine(root, pack.id, pack.packFile);
        context.io.stdout(`${pack.variant ? '  ' : ''}${visibleText(pack.id)}${approval ? `  (${visibleText(approval)})` : ''}\n`);
      }
      context.setExit(EXIT_OK);
    });
}
