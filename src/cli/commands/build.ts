// packs build [pack-id...]: check packs, then write the valid ones — those whose
// inputs changed since the last build, spread over worker threads.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Format } from '../../writers/formats.js';
import type { PackOutcome } from '../../pipeline/build-many.js';
import { buildLine, finishChecks, type PackReport } from '../check-report.js';
import { choosePacks, commonOptions, outputFolder, sourceDateEpoch, type CheckFlags, type CommandContext } from '../context.js';
import { folderForPeople, formatSeconds } from '../report.js';
import { parseShard, type Shard } from '../../pipeline/shard.js';

interface BuildFlags extends CheckFlags {
  root?: string;
  out?: string;
  only: Format[];
  jobs?: number;
  force: boolean;
  shard?: Shard;
  progress?: boolean;
}

export function registerBuild(cli: Command, context: CommandContext): void {
  cli
    .command('build')
    .description('check packs, then build the valid ones into output/<pack-id>.pdf and output/<pack-id>.docx')
    .argument('[pack-id...]', 'the packs to build (default: every pack under packs/)')
    .addOption(commonOptions.root())
    .addOption(commonOptions.out())
    .addOption(commonOptions.only())
    .addOption(
      new Option('-j, --jobs <n>', 'build this many packs at once, each in a worker thread (default: the number of cores; see the README)').argParser((value: string) => {
        if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('give a whole number of at least 1, like 4');
        return Number(value);
      }),
    )
    .option('--force', 'build every pack, even those whose inputs are unchanged since the last build', false)
    .addOption(
      new Option('--shard <K/N>', 'build only the K-th of N shares of the packs (for splitting a campaign over N machines)').argParser((value: string) => {
        const shard = parseShard(value);
        if (!shard) throw new InvalidArgumentError('give K/N with 1 ≤ K ≤ N, like 2/4');
        return shard;
      }),
    )
    .option('--no-progress', 'print a line per pack even on a terminal, instead of a progress bar')
    .addOption(commonOptions.today())
    .addOption(commonOptions.strict())
    .addOption(commonOptions.format())
    .action(async (ids: string[], options: BuildFlags) => {
      const { buildMany } = await import('../../pipeline/build-many.js');
      const { inShard } = await import('../../pipeline/shard.js');
      const started = performance.now();
      const projectRoot = context.root(options);
      const timestamp = sourceDateEpoch();
      const packs = (await choosePacks(projectRoot, ids)).filter((location) => inShard(location.id, options.shard));
      const outDir = outputFolder(context.io, projectRoot, options.out);
      const text = options.format === 'text';
      // A bar on a terminal; a line per pack for logs and pipes.
      const bar = text && options.progress !== false && process.stderr.isTTY && packs.length > 1 ? await progressBar(packs.length) : undefined;
      let outcomes: PackOutcome[];
      try {
        outcomes = await buildMany(
          projectRoot,
          packs,
          {
            outDir,
            formats: options.only,
            today: options.today,
            strict: options.strict,
            force: options.force,
            ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
            ...(timestamp ? { timestamp } : {}),
          },
          (outcome) => {
            if (bar) bar.increment(outcome.location.id);
            else if (text) context.io.stdout(buildLine(reportOf(outcome)) + '\n');
          },
        );
      } finally {
        bar?.stop();
      }
      const report = outcomes.map(reportOf);
      let summary: string | undefined;
      if (text) {
        // On a terminal the bar stood in for the lines; the packs that were not built still get theirs.
        if (bar) for (const pack of report.filter((r) => !r.built)) context.io.stdout(buildLine(pack) + '\n');
        const count = (status: string) => outcomes.filter((o) => o.status === status).length;
        const shard = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : '';
        // Where the files are, when there are any: what a recruiter opens next.
        const where = count('built') + count('up-to-date') > 0 ? `; files in ${folderForPeople(context.io.cwd, outDir)}` : '';
        summary = `${packs.length} ${packs.length === 1 ? 'pack' : 'packs'}${shard}: ${count('built')} built, ${count('up-to-date')} up to date, ${count('failed')} not built, in ${formatSeconds(performance.now() - started)}${where}\n`;
      }
      // The summary comes last, after the diagnostics: it says where the files are.
      finishChecks(context, projectRoot, report, options, summary);
    });
}

function reportOf(outcome: PackOutcome): PackReport {
  return {
    id: outcome.location.id,
    built: outcome.status !== 'failed',
    upToDate: outcome.status === 'up-to-date',
    diagnostics: outcome.diagnostics,
    outputs: outcome.outputs,
    milliseconds: outcome.milliseconds,
  };
}

/** The signals that end a command, after which the terminal must be put back as it was. */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A progress bar on the terminal, one step a pack. */
async function progressBar(total: number): Promise<{ increment(pack: string): void; stop(): void }> {
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ format: 'building {bar} {value}/{total} packs  {pack}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0, { pack: '' });
  // The bar hides the cursor and turns off line wrapping until it stops. Stopped by Ctrl-C, the
  // terminal would be left so: put it back, then end as the signal ends the process.
  const interrupted = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const signal of ENDING_SIGNALS) process.off(signal, interrupted);
    bar.stop();
  };
  for (const signal of ENDING_SIGNALS) process.once(signal, interrupted);
  return { increment: (pack) => bar.increment(1, { pack }), stop };
}
