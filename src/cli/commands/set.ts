// packs set <pack-id> <field> <value>: change one fact or piece of prose, safely, and log it.
// Prose is typed as its paragraphs with a blank line between them: "$(printf 'First.\n\nSecond.')".
// With --from, a pay figure changes from a day: a pay award, added as a new set of rates.
import type { Command } from 'commander';
import { choosePacks, commonOptions, EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CommandContext } from '../context.js';
import { printDiagnostics } from '../report.js';
import { visibleText } from '../../diagnostics/hidden-characters.js';

export function registerSet(cli: Command, context: CommandContext): void {
  cli
    .command('set')
    .description('change one date, time, figure or piece of prose, check every pack against it, and log the change')
    .argument('<pack-id>', 'the pack')
    .argument('<field>', 'the field, e.g. timeline.final-interview.date or pay.basic (packs show <pack-id> lists them)')
    .argument('<value>', 'the new value: a date YYYY-MM-DD, a time HH:MM, an amount in pounds; for prose, its paragraphs with a blank line between them')
    .option('--note <text>', 'why, for the change log')
    .option('--from <date>', 'for a pay figure: the day a pay award takes effect (YYYY-MM-DD); adds a new set of rates from that day and keeps the old')
    .addOption(commonOptions.root())
    .addOption(commonOptions.today())
    .action(async (id: string, field: string, value: string, options: { root?: string; today: string; note?: string; from?: string }) => {
      const { setField } = await import('../../pipeline/set-field.js');
      const projectRoot = context.root(options);
      await choosePacks(projectRoot, [id]);
      const result = await setField(projectRoot, id, field, value, { today: options.today, ...(options.note ? { note: options.note } : {}), ...(options.from !== undefined ? { from: options.from } : {}) });
      const { io } = context;
      if (!result.ok) {
        // The message may quote what was typed: a hidden character in it is shown, never obeyed.
        io.stderr(visibleText(`packs set: ${result.message}\n${result.hint ? `    hint: ${result.hint}\n` : ''}`));
        if (result.diagnostics.length > 0) {
          io.stderr('\n');
          const replaced = new Map(result.edited ? [[result.edited.file, result.edited.text]] : []);
          printDiagnostics(projectRoot, result.diagnostics, io, replaced);
        }
        // A field that does not exist is a mistake in the command; a value that would break a pack is not.
        context.setExit(result.diagnostics.length > 0 || !result.hint ? EXIT_INVALID : EXIT_USAGE);
        return;
      }
      const award = result.award;
      const from = award ? ` from ${award.fromText}` : '';
      io.stdout(visibleText(`${field}: ${result.from} → ${result.to}${from}  (${result.field.file.file})\n`));
      for (const pack of result.packs) io.stdout(`  ${pack.id}: version ${pack.version}, logged in ${pack.changelog}\n`);
      // A pack prints the rates in force on its salary.on day: say so, or the award looks lost.
      if (award?.added) io.stdout(`A new set of rates from ${award.from}, the earlier rates kept. A pack prints it once its salary.on is ${award.from} or later (packs set <pack-id> salary.on ${award.from}).\n`);
      context.setExit(EXIT_OK);
    });
}
