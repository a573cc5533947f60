// packs diff <old> <new>: what changed between two versions of a pack, as a
// reviewer reads it. Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { commonOptions, EXIT_INVALID, EXIT_OK, EXIT_USAGE, fileToWrite, UsageError, type CommandContext } from '../context.js';
import { WriteFailed, writeFailureMessage } from '../../pipeline/write-errors.js';
import { findProjectRoot } from '../project-root.js';
import { pathForPeople, printDiagnostics } from '../report.js';

interface DiffFlags {
  root?: string;
  format: 'text' | 'md' | 'html' | 'json';
  color?: boolean;
  redline?: string;
  rev?: string;
  from?: string;
  to?: string;
}

export function registerDiff(cli: Command, context: CommandContext): void {
  cli
    .command('diff')
    .description('show what changed between two versions of a pack: pack folders, pack ids, or built .pdf/.docx files')
    .argument('<old>', 'the version approved before: a pack folder, a pack id, or a built file (with --rev/--from: the pack id)')
    .argument('[new]', 'the version to review (not with --rev or --from/--to); with neither, <old> is a pack id compared with the version approved last (packs approve)')
    .option('--rev <revision>', 'compare the pack at this git revision (e.g. HEAD~3) with the working tree')
    .option('--from <revision>', 'compare the pack at this git revision ...')
    .option('--to <revision>', '... with the pack at this one (default: the working tree)')
    .addOption(new Option('--format <format>', 'how to print the changes').choices(['text', 'md', 'html', 'json']).default('text'))
    .option('--color', 'colour the text even when not printing to a terminal (as FORCE_COLOR=1 does)')
    .option('--redline <file.docx>', 'also write the new version as a Word document with the changes as tracked changes (the new version must be a pack, not a built file)')
    .addOption(commonOptions.root())
    .action(async (oldName: string, newName: string | undefined, options: DiffFlags) => {
      const { factsFrom, packFacts } = await import('../../pipeline/diff-sources.js');
      const { RevisionCopies } = await import('../../pipeline/git-revision.js');
      const { comparePacks, wordParts } = await import('../../diff/compare.js');
      const { formatJson, formatMarkdown, formatText } = await import('../../diff/format.js');
      const { io } = context;
      const fromRevision = options.rev ?? options.from;
      // One pack and no revision: the version approved last against the working pack.
      const sinceApproval = newName === undefined && fromRevision === undefined && options.to === undefined;
      if ((!sinceApproval && (fromRevision === undefined) !== (newName !== undefined)) || (options.rev !== undefined && options.from !== undefined) || (options.to !== undefined && options.from === undefined)) {
        throw new UsageError('give two versions (packs diff <old> <new>), one pack (against the version approved last), or one pack with --rev REV, or one pack with --from REV [--to REV]');
      }
      const redlineFile = options.redline === undefined ? undefined : fileToWrite(io, '--redline', options.redline);
      // Two built files need no project; a pack named by its id, or a revision, does.
      const project = options.root === undefined ? findProjectRoot(io.cwd) : context.root(options);
      // The project at a revision is a temporary copy, kept until the diagnostics that may quote it are printed.
      const copies = new RevisionCopies();
      try {
        /** A side: a name as typed; with revisions, the pack of that id in the working tree or at a revision. */
        const side = async (name: string, revision: string | undefined) => {
          if (fromRevision === undefined) return factsFrom(io.cwd, project, name);
          // No project found is a usage mistake here, as in other commands (context.root says so).
          const root = project ?? context.root(options);
          if (revision === undefined) return packFacts(root, name);
          const at = copies.at(root, revision);
          if (!at.ok) return { ok: false as const, message: at.message, diagnostics: [] };
          return packFacts(at.root, name);
        };
        /** The pack as approved last, read from its snapshot (a project root of its own). */
        const approvedSide = async (root: string) => {
          const { latestApproval } = await import('../../pipeline/approvals.js');
          const { findPacks } = await import('../../load/project.js');
          if (!(await findPacks(root)).some((p) => p.id === oldName)) {
            throw new UsageError(`"${oldName}" is not a pack or variant under packs/: give a pack id to compare with the version approved last, or two versions to compare (packs diff <old> <new>)`);
          }
          const approval = await latestApproval(root, oldName);
          if (!approval) {
            throw new UsageError(`no version of ${oldName} has been approved: approve one with packs approve ${oldName} --by "<name>", or give --rev`);
          }
          return packFacts(approval.snapshot, oldName);
        };
        const sides = sinceApproval
          ? [await approvedSide(project ?? context.root(options)), await packFacts(project ?? context.root(options), oldName)]
          : fromRevision === undefined
            ? [await side(oldName, undefined), await side(newName!, undefined)]
            : [await side(oldName, fromRevision), await side(oldName, options.to)];
        for (const side of sides) {
          if (!side.ok) {
            io.stderr(`packs diff: ${side.message}\n`);
            printDiagnostics(side.root ?? io.cwd, side.diagnostics, io);
            context.setExit(EXIT_USAGE);
            return;
          }
        }
        const [before, after] = sides as [Extract<(typeof sides)[0], { ok: true }>, Extract<(typeof sides)[0], { ok: true }>];
        const comparison = comparePacks(before.facts, after.facts);
        // A built file whose text is not what it was built with was edited by hand: said first, and never "no differences".
        const handEdits = [];
        for (const { label, shown } of before.label === after.label ? [before] : [before, after]) {
          if (!shown) continue;
          if (shown.built === undefined) {
            io.stderr(`packs diff: ${label} was built before files recorded their text, so a change made to it by hand after the build cannot be seen\n`);
          } else if (shown.built !== shown.now) handEdits.push({ file: label, parts: wordParts(shown.built, shown.now) });
        }
        if (handEdits.length > 0) comparison.handEdits = handEdits;
        let redline: string | undefined;
        if (options.redline) {
          // The redline is the new version's own document, marked: a built file carries only its facts.
          if (!after.document) {
            throw new UsageError(
              `--redline writes the new version with its changes marked, so it needs that version as a pack, not the built file "${after.label}": give its pack folder or id, or compare the pack at a git revision with --rev or --from/--to`,
            );
          }
          const { writeRedline } = await import('../../pipeline/write-redline.js');
          redline = redlineFile!;
          try {
            await writeRedline(redline, before.facts, after.document);
          } catch (error) {
            if (!(error instanceof WriteFailed)) throw error;
            // Exit 2, as for a side that could not be read: 1 would say the versions differ.
            io.stderr(`packs diff: ${writeFailureMessage(error.target, error.code, error.outcome, pathForPeople(io.cwd, error.target))}\n`);
            context.setExit(EXIT_USAGE);
            return;
          }
        }
        const same = comparison.changes.length === 0 && comparison.sections.length === 0 && handEdits.length === 0;
        if (options.format === 'json') io.stdout(formatJson(comparison));
        else if (options.format === 'html') {
          const { formatHtml } = await import('../../diff/html.js');
          if (!same) io.stdout(formatHtml(comparison, before.facts, after.facts));
        }
        else if (!same) io.stdout(options.format === 'md' ? formatMarkdown(comparison) : formatText(comparison, options.color === true || io.stdoutColour === true));
        // On stderr: stdout may be a JSON or HTML file being written.
        if (redline) io.stderr(`redline written to ${pathForPeople(io.cwd, redline)}\n`);
        context.setExit(same ? EXIT_OK : EXIT_INVALID);
      } finally {
        copies.removeAll();
      }
    });
}
