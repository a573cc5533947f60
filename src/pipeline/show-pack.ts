// `packs show`: the facts a recruiter checks before a pack goes out — role,
// version, each stage with its date and weekday, each pay figure with where it
// comes from, the prose a recruiter edits in brief — and every finding, without
// building anything.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { displayValue, fieldsOf } from '../edit/fields.js';
import { isProse } from '../edit/prose.js';
import type { PackLocation } from '../pack/location.js';
import { formatDate } from '../pack/format.js';
import { findGrade, rateInForce } from '../pack/pay.js';
import { completePack } from '../pack/loaded-pack.js';
import { DataFileCache, loadPack } from '../load/load-pack.js';
import { planSettledPack, type CheckOptions } from './build.js';
import { positionOf } from '../pack/data-file.js';

export interface PackSummary {
  id: string;
  title: string;
  role: string;
  version: string;
  versionDate: string;
  /** Each settable fact: what it is, its value as a reader sees it, its field name and where it is written. */
  facts: { group: 'Timeline' | 'Pay' | 'Other' | 'Text'; label: string; value: string; field: string; where: string }[];
  /** Where the pay figures come from. */
  paySource: string | null;
  diagnostics: Diagnostic[];
}

export async function showPack(root: string, location: PackLocation, options: CheckOptions): Promise<PackSummary | { diagnostics: Diagnostic[] }> {
  const cache = new DataFileCache(root);
  const plan = await planSettledPack(root, location, cache, options);
  const loaded = await loadPack(location, cache); // the files planSettledPack read, not read again
  const pack = loaded.pack && completePack(loaded.pack);
  if (!pack) return { diagnostics: plan.diagnostics };
  const p = pack.pack.data;
  const facts = fieldsOf(pack).map((field) => {
    const node = field.file.document.getIn(field.path, true) as { range?: [number, number, number] };
    const { line } = positionOf(field.file, node.range?.[0] ?? 0);
    const group = isProse(field.kind) ? 'Text' : field.name.startsWith('timeline.') ? 'Timeline' : field.name.startsWith('pay.') ? 'Pay' : 'Other';
    return { group, label: field.label, value: displayValue(field.kind, field.value, field.unit), field: field.name, where: `${field.file.file}:${line}` } as const;
  });
  let paySource: string | null = null;
  if (pack.remuneration && pack.payScale) {
    const salary = pack.remuneration.data.salary;
    const grade = findGrade(pack.payScale.data, salary.grade);
    const rate = grade && rateInForce(grade, salary.on);
    paySource = `${pack.payScale.data.name}, ${grade?.name ?? salary.grade}: the rates in force on ${formatDate(salary.on, 'plain')}${rate ? `, effective from ${formatDate(rate.from, 'plain')}` : ''}`;
  }
  return {
    id: location.id,
    title: `${p.title}: ${p.subtitle}`,
    role: pack.role.data.title,
    version: p.version,
    versionDate: formatDate(p.date, 'plain'),
    facts,
    paySource,
    diagnostics: plan.diagnostics,
  };
}
