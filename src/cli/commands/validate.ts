// packs validate [pack-id...]: every check, nothing written.
import type { Command } from 'commander';
import { finishChecks, type PackReport } from '../check-report.js';
import { choosePacks, commonOptions, type CheckFlags, type CommandContext } from '../context.js';

export function registerValidate(cli: Command, context: CommandContext): void {
  cli
    .command('validate')
    .description('run every check on packs without writing anything')
    .argument('[pack-id...]', 'the packs to check (default: every pack under packs/)')
    .addOption(commonOptions.root())
    .addOption(commonOptions.today())
    .addOption(commonOptions.strict())
    .addOption(commonOptions.format())
    .action(async (ids: string[], options: CheckFlags & { root?: string }) => {
      const { planSettledPack } = await import('../../pipeline/build.js');
      const { DataFileCache } = await import('../../load/load-pack.js');
      const projectRoot = context.root(options);
      const packs = await choosePacks(projectRoot, ids);
      const cache = new DataFileCache(projectRoot);
      const report: PackReport[] = [];
      for (const location of packs) {
        const plan = await planSettledPack(projectRoot, location, cache, { today: options.today });
        const valid = plan.document !== undefined && !(options.strict && plan.diagnostics.length > 0);
        report.push({ id: location.id, built: valid, diagnostics: plan.diagnostics });
        if (options.format === 'text') context.io.stdout(`${valid ? '✓' : '✗'} ${location.id}\n`);
      }
      finishChecks(context, projectRoot, report, options);
    });
}
