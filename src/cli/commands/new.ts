// packs new <pack-id> [--organisation <id>]: start a pack from the neutral starter.
import path from 'node:path';
import type { Command } from 'commander';
import { commonOptions, EXIT_OK, EXIT_USAGE, type CommandContext } from '../context.js';
import { pathForPeople } from '../report.js';

export function registerNew(cli: Command, context: CommandContext): void {
  const today = commonOptions.today();
  today.description = "the pack's date, from which its stages' dates are worked out";
  cli
    .command('new')
    .description("start a pack from a neutral starter that builds at once, with its organisation's shared files if they are not there yet")
    .argument('<pack-id>', "the new pack's id: lower-case words joined by hyphens, like finance-manager-2027")
    .option(
      '--organisation <id>',
      'the organisation whose shared files (description, framework, values, pay scale) the pack uses: started the first time, used as they are after that',
      'example-organisation',
    )
    .addOption(commonOptions.root())
    .addOption(today)
    .action(async (id: string, options: { root?: string; organisation: string; today: string }) => {
      const { newPack } = await import('../../pipeline/new-pack.js');
      const projectRoot = context.root(options);
      const result = await newPack(projectRoot, { id, organisation: options.organisation, today: options.today });
      const { io } = context;
      if (!result.ok) {
        io.stderr(`packs new: ${result.message}\n    hint: ${result.hint}\n`);
        context.setExit(EXIT_USAGE);
        return;
      }
      const shown = (file: string) => pathForPeople(io.cwd, path.join(projectRoot, file));
      for (const file of result.kept) io.stdout(`uses     ${shown(file)} (there already, left as it is)\n`);
      for (const file of result.created) io.stdout(`created  ${shown(file)}\n`);
      io.stdout(
        [
          '',
          `Next: replace each "Replace this …" in these files with your own words, then`,
          `  npm run packs -- validate ${id}     lists anything left to fix`,
          `  npm run packs -- build ${id}        writes output/${id}.pdf, .docx and .html`,
          `  npm run packs -- watch ${id} --only pdf   rebuilds it each time you save`,
          '',
        ].join('\n'),
      );
      context.setExit(EXIT_OK);
    });
}
