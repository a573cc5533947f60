// packs show <pack-id>: the facts to check before a pack goes out.
import type { Command } from 'commander';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { visibleText } from '../../diagnostics/hidden-characters.js';
import type { PackSummary } from '../../pipeline/show-pack.js';
import { choosePacks, commonOptions, EXIT_INVALID, EXIT_OK, type CommandContext } from '../context.js';
import { printDiagnostics } from '../report.js';

/** The facts of a pack, aligned in columns, grouped as a recruiter reads them; a control character in them is shown, never obeyed. */
function formatSummary(data: PackSummary): string {
  const summary = visibleSummary(data);
  const lines = [`${summary.title}  (${summary.id})`, `Role:     ${summary.role}`, `Version:  ${summary.version}, ${summary.versionDate}`];
  // The prose, in brief, is aligned on its own, so its longer values leave the facts' columns as they are.
  const width = (key: 'label' | 'value' | 'field', text: boolean) => Math.max(...summary.facts.filter((f) => (f.group === 'Text') === text).map((f) => f[key].length));
  for (const group of ['Timeline', 'Pay', 'Other', 'Text'] as const) {
    const facts = summary.facts.filter((f) => f.group === group);
    if (facts.length === 0) continue;
    lines.push('', group === 'Pay' && summary.paySource ? `Pay, from ${summary.paySource}` : group === 'Text' ? 'Text (packs set <pack-id> <field> "<paragraphs, a blank line between them>")' : group);
    const text = group === 'Text';
    for (const fact of facts) {
      lines.push(`  ${fact.label.padEnd(width('label', text))}  ${fact.value.padEnd(width('value', text))}  ${fact.field.padEnd(width('field', text))}  ${fact.where}`);
    }
  }
  return lines.join('\n') + '\n';
}

function visibleSummary(summary: PackSummary): PackSummary {
  return {
    ...summary,
    id: visibleText(summary.id),
    title: visibleText(summary.title),
    role: visibleText(summary.role),
    version: visibleText(summary.version),
    paySource: summary.paySource && visibleText(summary.paySource),
    facts: summary.facts.map((fact) => ({ ...fact, label: visibleText(fact.label), value: visibleText(fact.value), field: visibleText(fact.field), where: visibleText(fact.where) })),
  };
}

export function registerShow(cli: Command, context: CommandContext): void {
  cli
    .command('show')
    .description('print the facts to check before a pack goes out: role, version, dates, pay, the prose in brief, and where each is set')
    .argument('<pack-id>', 'the pack')
    .addOption(commonOptions.root())
    .addOption(commonOptions.today())
    .action(async (id: string, options: { root?: string; today: string }) => {
      const { showPack } = await import('../../pipeline/show-pack.js');
      const projectRoot = context.root(options);
      const [location] = await choosePacks(projectRoot, [id]);
      const summary = await showPack(projectRoot, location!, { today: options.today });
      if (!('facts' in summary)) {
        context.io.stdout(`${id} has mistakes, so its facts cannot be shown:\n`);
        printDiagnostics(projectRoot, summary.diagnostics, context.io);
        context.setExit(EXIT_INVALID);
        return;
      }
      const { approvalLine } = await import('../../pipeline/approvals.js');
      const approval = await approvalLine(projectRoot, location!.id, location!.packFile);
      const text = formatSummary(summary);
      // Below the version line, only for a pack with an approval: the others show as before.
      context.io.stdout(approval ? text.replace(/^(Version: .*\n)/m, `$1Approved: ${visibleText(approval)}\n`) : text);
      printDiagnostics(projectRoot, summary.diagnostics, context.io);
      context.setExit(hasErrors(summary.diagnostics) ? EXIT_INVALID : EXIT_OK);
    });
}
