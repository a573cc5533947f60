// packs build [pack-id...]: check packs, then write the valid ones.
import path from 'node:path';
import { Option, type Command } from 'commander';
import { formats, type Format } from '../../writers/formats.js';
import { buildLine, finishChecks, type PackReport } from '../check-report.js';
import { choosePacks, commonOptions, UsageError, type CheckFlags, type CommandContext } from '../context.js';

/** SOURCE_DATE_EPOCH (seconds since 1970), the reproducible-builds convention for the timestamp in outputs. */
function sourceDateEpoch(): Date | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`SOURCE_DATE_EPOCH must be a number of seconds since 1970, not "${value}"`);
  return new Date(Number(value) * 1000);
}

export function registerBuild(cli: Command, context: CommandContext): void {
  cli
    .command('build')
    .description('check packs, then build the valid ones into output/<pack-id>.pdf and output/<pack-id>.docx')
    .argument('[pack-id...]', 'the packs to build (default: every pack under packs/)')
    .addOption(commonOptions.root())
    .option('--out <dir>', 'where to write the files', 'output')
    .addOption(new Option('--only <format...>', 'write only these formats').choices(formats).default([...formats]))
    .addOption(commonOptions.today())
    .addOption(commonOptions.strict())
    .addOption(commonOptions.format())
    .action(async (ids: string[], options: CheckFlags & { root: string; out: string; only: Format[] }) => {
      const { buildPack } = await import('../../pipeline/build.js');
      const { DataFileCache } = await import('../../validate/load-pack.js');
      const projectRoot = context.root(options);
      const timestamp = sourceDateEpoch();
      const packs = await choosePacks(projectRoot, ids);
      const cache = new DataFileCache(projectRoot);
      const outDir = path.resolve(context.io.cwd, options.out);
      const report: PackReport[] = [];
      for (const location of packs) {
        const result = await buildPack(projectRoot, location, cache, { outDir, formats: options.only, today: options.today, strict: options.strict, ...(timestamp ? { timestamp } : {}) });
        const pack: PackReport = { id: location.id, built: result.outputs.length > 0, diagnostics: result.diagnostics, outputs: result.outputs, milliseconds: result.milliseconds };
        report.push(pack);
        if (options.format === 'text') context.io.stdout(buildLine(pack) + '\n');
      }
      finishChecks(context, projectRoot, report, options);
    });
}
