// packs list: the packs under packs/.
import type { Command } from 'commander';
import { selectPacks } from '../../pipeline/select.js';
import { commonOptions, EXIT_OK, type CommandContext } from '../context.js';

export function registerList(cli: Command, context: CommandContext): void {
  cli
    .command('list')
    .description('list the packs under packs/')
    .addOption(commonOptions.root())
    .action(async (options: { root: string }) => {
      const selection = await selectPacks(context.root(options), []);
      for (const pack of selection.all) context.io.stdout(`${pack.id}\n`);
      context.setExit(EXIT_OK);
    });
}
