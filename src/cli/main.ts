// The `packs` command line. This is the only module that prints or decides an
// exit code: 0 success, 1 a pack is invalid, 2 the command was used wrongly.
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { hasErrors, sortDiagnostics, uniqueDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildPack, planPack, selectPacks, type BuiltOutput } from '../pipeline/build.js';
import { setField } from '../pipeline/set-field.js';
import { showPack, type PackSummary } from '../pipeline/show-pack.js';
import { DataFileCache } from '../validate/load-pack.js';
import { formats, type Format } from '../writers/index.js';
import { isoDate } from '../schema/common.js';
import { formatBytes, formatSeconds, printDiagnostics } from './report.js';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

class UsageError extends Error {}

interface CheckFlags {
  today: string;
  strict: boolean;
  format: 'text' | 'json';
}

/** The options `build` and `validate` share. */
const checkOptions = {
  today: () =>
    new Option('--today <YYYY-MM-DD>', 'the day to check dates against: dates before it are warned about')
      .default(localToday(), 'today')
      .argParser((value: string) => {
        if (!isoDate.safeParse(value).success) {
          throw new InvalidArgumentError('give a date as YYYY-MM-DD, like 2021-01-04');
        }
        return value;
      }),
  strict: () => new Option('--strict', 'treat warnings as errors: a pack with a warning is not built').default(false),
  format: () => new Option('--format <format>', 'how to print diagnostics').choices(['text', 'json']).default('text'),
};

/** Today's date where the user is, as YYYY-MM-DD. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

interface PackReport {
  id: string;
  built: boolean;
  diagnostics: Diagnostic[];
  outputs?: BuiltOutput[];
  milliseconds?: number;
}

function buildLine(pack: PackReport): string {
  if (!pack.built) return `✗ ${pack.id}  not built: see the ${hasErrors(pack.diagnostics) ? 'errors' : 'warnings (--strict)'} below`;
  const outputs = pack.outputs ?? [];
  const pages = outputs.find((o) => o.pages !== undefined)?.pages;
  const sizes = outputs.map((o) => `${o.format.toUpperCase()} ${formatBytes(o.bytes)}`).join('  ');
  return `✓ ${pack.id}  ${pages === undefined ? '' : `${pages} pages  `}${sizes}  ${formatSeconds(pack.milliseconds ?? 0)}`;
}

/** The facts of a pack, aligned in columns, grouped as a recruiter reads them. */
function formatSummaryText(summary: PackSummary): string {
  const lines = [
    `${summary.title}  (${summary.id})`,
    `Role:     ${summary.role}`,
    `Version:  ${summary.version}, ${summary.versionDate}`,
  ];
  const width = (key: 'label' | 'value' | 'field') => Math.max(...summary.facts.map((f) => f[key].length));
  for (const group of ['Timeline', 'Pay', 'Other'] as const) {
    const facts = summary.facts.filter((f) => f.group === group);
    if (facts.length === 0) continue;
    lines.push('', group === 'Pay' && summary.paySource ? `Pay, from ${summary.paySource}` : group);
    for (const fact of facts) {
      lines.push(`  ${fact.label.padEnd(width('label'))}  ${fact.value.padEnd(width('value'))}  ${fact.field.padEnd(width('field'))}  ${fact.where}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The machine-readable report: every pack's result and every diagnostic, sorted. */
function jsonReport(report: PackReport[]) {
  const diagnostics = sortDiagnostics(uniqueDiagnostics(report.flatMap((r) => r.diagnostics)));
  return {
    packs: report.map((r) => ({
      id: r.id,
      ok: r.built,
      ...(r.outputs ? { outputs: r.outputs.map((o) => ({ format: o.format, file: o.file, bytes: o.bytes, ...(o.pages === undefined ? {} : { pages: o.pages }) })) } : {}),
    })),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics,
  };
}

async function choosePacks(root: string, ids: string[]) {
  const selection = await selectPacks(root, ids);
  if (selection.unknown.length > 0) {
    const known = selection.all.map((p) => p.id).join(', ') || '(none)';
    throw new UsageError(`unknown pack ${selection.unknown.map((id) => `"${id}"`).join(', ')}; the packs are: ${known}`);
  }
  if (selection.packs.length === 0) throw new UsageError(`no packs found under ${path.join(root, 'packs')}`);
  return selection.packs;
}

function program(io: Io, setExit: (code: number) => void): Command {
  const root = (options: { root?: string }) => path.resolve(io.cwd, options.root ?? '.');
  const cli = new Command('packs')
    .description('Builds candidate information packs (PDF and Word) from YAML data.')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  cli
    .command('build')
    .description('check packs, then build the valid ones into output/<pack-id>.pdf and output/<pack-id>.docx')
    .argument('[pack-id...]', 'the packs to build (default: every pack under packs/)')
    .option('--root <dir>', 'the project folder', '.')
    .option('--out <dir>', 'where to write the files', 'output')
    .addOption(new Option('--only <format...>', 'write only these formats').choices(formats).default(formats))
    .addOption(checkOptions.today())
    .addOption(checkOptions.strict())
    .addOption(checkOptions.format())
    .action(async (ids: string[], options: CheckFlags & { root: string; out: string; only: Format[] }) => {
      const projectRoot = root(options);
      const packs = await choosePacks(projectRoot, ids);
      const cache = new DataFileCache(projectRoot);
      const outDir = path.resolve(io.cwd, options.out);
      const report: PackReport[] = [];
      for (const location of packs) {
        const result = await buildPack(projectRoot, location, cache, { outDir, formats: options.only, today: options.today, strict: options.strict });
        report.push({ id: location.id, built: result.outputs.length > 0, diagnostics: result.diagnostics, outputs: result.outputs, milliseconds: result.milliseconds });
        if (options.format === 'text') io.stdout(buildLine(report.at(-1)!) + '\n');
      }
      finish(projectRoot, report, options);
    });

  cli
    .command('validate')
    .description('run every check on packs without writing anything')
    .argument('[pack-id...]', 'the packs to check (default: every pack under packs/)')
    .option('--root <dir>', 'the project folder', '.')
    .addOption(checkOptions.today())
    .addOption(checkOptions.strict())
    .addOption(checkOptions.format())
    .action(async (ids: string[], options: CheckFlags & { root: string }) => {
      const projectRoot = root(options);
      const packs = await choosePacks(projectRoot, ids);
      const cache = new DataFileCache(projectRoot);
      const report: PackReport[] = [];
      for (const location of packs) {
        const plan = await planPack(projectRoot, location, cache, { today: options.today });
        const valid = plan.document !== undefined && !(options.strict && plan.diagnostics.length > 0);
        report.push({ id: location.id, built: valid, diagnostics: plan.diagnostics });
        if (options.format === 'text') io.stdout(`${valid ? '✓' : '✗'} ${location.id}\n`);
      }
      finish(projectRoot, report, options);
    });

  /** Prints the diagnostics (or the whole report as JSON) and sets the exit code. */
  function finish(projectRoot: string, report: PackReport[], options: CheckFlags): void {
    const diagnostics = report.flatMap((r) => r.diagnostics);
    if (options.format === 'json') io.stdout(JSON.stringify(jsonReport(report), null, 2) + '\n');
    else printDiagnostics(projectRoot, diagnostics, io.stderr);
    const failed = report.some((r) => !r.built) || hasErrors(diagnostics) || (options.strict && diagnostics.length > 0);
    setExit(failed ? EXIT_INVALID : EXIT_OK);
  }

  cli
    .command('show')
    .description('print the facts to check before a pack goes out: role, version, dates, pay and where each is set')
    .argument('<pack-id>', 'the pack')
    .option('--root <dir>', 'the project folder', '.')
    .addOption(checkOptions.today())
    .action(async (id: string, options: { root: string; today: string }) => {
      const projectRoot = root(options);
      const [location] = await choosePacks(projectRoot, [id]);
      const summary = await showPack(projectRoot, location!, { today: options.today });
      if (!('facts' in summary)) {
        io.stdout(`${id} has mistakes, so its facts cannot be shown:\n`);
        printDiagnostics(projectRoot, summary.diagnostics, io.stderr);
        setExit(EXIT_INVALID);
        return;
      }
      io.stdout(formatSummaryText(summary));
      printDiagnostics(projectRoot, summary.diagnostics, io.stderr);
      setExit(hasErrors(summary.diagnostics) ? EXIT_INVALID : EXIT_OK);
    });

  cli
    .command('set')
    .description('change one date, time or figure, check every pack against it, and log the change')
    .argument('<pack-id>', 'the pack')
    .argument('<field>', 'the field, e.g. timeline.final-interview.date or pay.basic (npx packs show <pack-id> lists them)')
    .argument('<value>', 'the new value: a date YYYY-MM-DD, a time HH:MM, an amount in pounds')
    .option('--note <text>', 'why, for the change log')
    .option('--root <dir>', 'the project folder', '.')
    .addOption(checkOptions.today())
    .action(async (id: string, field: string, value: string, options: { root: string; today: string; note?: string }) => {
      const projectRoot = root(options);
      await choosePacks(projectRoot, [id]);
      const result = await setField(projectRoot, id, field, value, { today: options.today, ...(options.note ? { note: options.note } : {}) });
      if (!result.ok) {
        io.stderr(`packs set: ${result.message}\n${result.hint ? `    hint: ${result.hint}\n` : ''}`);
        if (result.diagnostics.length > 0) {
          io.stderr('\n');
          const replaced = new Map(result.edited ? [[result.edited.file, result.edited.text]] : []);
          printDiagnostics(projectRoot, result.diagnostics, io.stderr, replaced);
        }
        setExit(result.diagnostics.length > 0 || !result.hint ? EXIT_INVALID : EXIT_USAGE);
        return;
      }
      const where = `${result.field.file.file}`;
      io.stdout(`${field}: ${result.from} → ${result.to}  (${where})\n`);
      for (const pack of result.packs) io.stdout(`  ${pack.id}: version ${pack.version}, logged in ${pack.changelog}\n`);
      setExit(EXIT_OK);
    });

  cli
    .command('list')
    .description('list the packs under packs/')
    .option('--root <dir>', 'the project folder', '.')
    .action(async (options: { root: string }) => {
      const selection = await selectPacks(root(options), []);
      for (const pack of selection.all) io.stdout(`${pack.id}\n`);
      setExit(EXIT_OK);
    });

  return cli;
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_OK;
  const cli = program(io, (c) => (code = c));
  if (argv.length === 0) {
    cli.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; anything else was a usage mistake.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`packs: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
