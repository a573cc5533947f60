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
      for (const pack of selection.all) context.io.stdout(`${pack.variant ? '  ' : ''}${visibleText(pack.id)}\n`);
      context.setExit(EXIT_OK);
    });
}
