// A pack's review page: its history (the change log), the versions approved,
// what changed since the version approved last (or an earlier approved one:
// `packs diff --format html`'s report, shown in a sandboxed frame), the Word
// redline to download, and the form that approves the working version.
import path from 'node:path';
import { parse } from 'yaml';
import { CHANGELOG_FILE, type ChangeEntry } from '../edit/changelog.js';
import type { PackLocation } from '../pack/location.js';
import { MAX_TEXT_FILE_BYTES, readProjectFile } from '../pack/project-files.js';
import { approvalDay, approvals, ApprovalsFileInvalid, type Approval } from '../pipeline/approvals.js';
import { packFacts, type FactsResult } from '../pipeline/diff-sources.js';
import { comparePacks, type Comparison } from '../diff/compare.js';
import { escape, href, page } from './html.js';

/** The entries of a pack's change log, newest first; a variant's own entries and its pack's. */
export function history(location: PackLocation, root: string): ChangeEntry[] {
  const read = readProjectFile(root, path.join(location.dir, CHANGELOG_FILE), MAX_TEXT_FILE_BYTES);
  if (!read.ok) return [];
  let entries: unknown;
  try {
    entries = parse(new TextDecoder('utf-8').decode(read.bytes));
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  const own = (entry: ChangeEntry) => entry.variant === undefined || entry.variant === location.variant?.id;
  return (entries as ChangeEntry[]).filter((entry) => entry && typeof entry === 'object' && own(entry)).reverse();
}

/** The comparison of an approved version (its snapshot) with the working pack, or why there is none. */
export type Review =
  | { ok: true; against: Approval; before: Extract<FactsResult, { ok: true }>; after: Extract<FactsResult, { ok: true }>; comparison: Comparison }
  | { ok: false; reason: string };

export async function review(root: string, id: string, version: string | undefined): Promise<{ approved: Approval[]; review: Review }> {
  let approved: Approval[];
  try {
    approved = await approvals(root, id);
  } catch (error) {
    // A record edited by hand so that it no longer reads: said on the page, as the command line says it.
    if (error instanceof ApprovalsFileInvalid) return { approved: [], review: { ok: false, reason: `${error.message}.` } };
    throw error;
  }
  const against = version === undefined ? approved.at(-1) : approved.find((a) => a.version === version);
  if (!against) {
    const reason = approved.length === 0 ? 'No version of this pack has been approved yet, so there is nothing to compare with.' : `Version ${version} was never approved.`;
    return { approved, review: { ok: false, reason } };
  }
  const [before, after] = [await packFacts(against.snapshot, id), await packFacts(root, id)];
  if (!before.ok) return { approved, review: { ok: false, reason: `The approved version ${against.version} cannot be read: ${before.message}.` } };
  if (!after.ok) return { approved, review: { ok: false, reason: 'The working pack has errors, so it cannot be compared: fix them on the pack’s page first.' } };
  return { approved, review: { ok: true, against, before, after, comparison: comparePacks(before.facts, after.facts) } };
}

export const noDifferences = (comparison: Comparison) => comparison.changes.length === 0 && comparison.sections.length === 0;

/** A refused approval, shown beside the form. */
export interface ApprovalRefusal {
  message: string;
  hint?: string;
  findings: string[];
  by: string;
  note: string;
}

export function reviewPage(
  id: string,
  view: { title: string; version: string; builds: boolean },
  data: { approved: Approval[]; review: Review; history: ChangeEntry[] },
  options: { secret: string; status?: string; refusal?: ApprovalRefusal },
): string {
  const { approved, review: result, history: entries } = data;
  const last = approved.at(-1);
  const approvedLine = last
    ? `Version ${escape(last.version)} was approved last, by ${escape(last.by)} on ${escape(approvalDay(last))}${last.note ? ` (“${escape(last.note)}”)` : ''}.`
    : 'No version of this pack has been approved yet.';
  const choose =
    approved.length > 1 && result.ok
      ? `<form method="get" action="${href('packs', id, 'review')}" class="filter">
<label for="against">Compare with the approved version</label><select id="against" name="against">${[...approved]
          .reverse()
          .map((a) => `<option value="${escape(a.version)}"${a.version === result.against.version ? ' selected' : ''}>${escape(a.version)}, ${escape(approvalDay(a))}</option>`)
          .join('')}</select>
<button type="submit">Compare</button>
</form>`
      : '';
  let changes: string;
  if (!result.ok) changes = `<p>${escape(result.reason)}</p>`;
  else if (noDifferences(result.comparison)) {
    changes = `<p>The working pack (version ${escape(view.version)}) says the same as version ${escape(result.against.version)}: no differences.</p>`;
  } else {
    const query = `?against=${encodeURIComponent(result.against.version)}`;
    const list = result.comparison.changes
      .map((c) => `<li>${escape(c.key)}: ${escape(changeWords(c))}${'source' in c && c.source ? ` <span class="where">(${escape(c.source)})</span>` : ''}</li>`)
      .join('\n');
    const sections = result.comparison.sections.length
      ? `<p>The wording of ${result.comparison.sections.length === 1 ? 'one section' : `${result.comparison.sections.length} sections`} changed too: ${result.comparison.sections.map((s) => escape(s.title)).join('; ')}.</p>`
      : '';
    changes = `<p>Since version ${escape(result.against.version)}:</p>
${list ? `<ul>${list}</ul>` : ''}
${sections}
<p><a href="${href('packs', id, 'review', 'changes.html')}${query}">Open the changes side by side</a> · <a href="${href('packs', id, 'review', 'redline.docx')}${query}">Download the Word redline</a> (the working version with its changes as tracked changes)</p>
<iframe title="The changes since version ${escape(result.against.version)}, side by side" src="${href('packs', id, 'review', 'changes.html')}${query}" sandbox></iframe>`;
  }
  const log = entries.length
    ? `<table>
<caption>Changes made with the studio or packs set, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">What changed</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Note</th></tr></thead>
<tbody>
${entries
  .map(
    (e) =>
      `<tr><td>${escape(String(e.version))}</td><td>${escape(String(e.date))}</td><td>${escape(String(e.field))}${e.from ? ` (from ${escape(String(e.from))})` : ''}</td><td>${escape(String(e.old))}</td><td>${escape(String(e.new))}</td><td>${escape(e.note ? String(e.note) : '')}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
    : '<p>Nothing has been changed with the studio or <code>packs set</code> yet.</p>';
  const approvedList = approved.length
    ? `<ul>${[...approved]
        .reverse()
        .map((a) => `<li>Version ${escape(a.version)}, by ${escape(a.by)} on ${escape(approvalDay(a))}${a.note ? `: ${escape(a.note)}` : ''}</li>`)
        .join('')}</ul>`
    : '';
  // The working version approved as it is: no form to approve it again (a save since makes a new version).
  const approvedAsIs = result.ok && last?.version === view.version && noDifferences(result.comparison) && result.against === last;
  const refusal = options.refusal;
  const error = refusal
    ? `<div class="error" id="approve-error"><p>Not approved: ${escape(refusal.message)}${refusal.hint ? ` (${escape(refusal.hint)})` : ''}</p>${
        refusal.findings.length ? `<ul>${refusal.findings.map((f) => `<li>${escape(f)}</li>`).join('')}</ul>` : ''
      }</div>`
    : '';
  const approveForm = `<form class="field${refusal ? ' invalid' : ''}" id="approve" method="post" action="${href('packs', id, 'approve')}">
<input type="hidden" name="secret" value="${escape(options.secret)}">
${error}
<label for="approve-by">Your name</label>
<input id="approve-by" name="by" type="text" autocomplete="name" required value="${escape(refusal?.by ?? '')}"${refusal ? ' aria-invalid="true" aria-describedby="approve-error" autofocus' : ''}>
<div class="note"><label for="approve-note">Note (optional)</label><input id="approve-note" name="note" type="text" value="${escape(refusal?.note ?? '')}"></div>
<button type="submit">Approve version ${escape(view.version)}</button>
</form>`;
  return page({
    title: `Review ${id}`,
    refused: refusal !== undefined,
    status: refusal ? `Not approved: ${escape(refusal.findings[0] ?? refusal.message)}` : escape(options.status ?? ''),
    main: `<h1>Review: ${escape(view.title)}</h1>
<p>${escape(id)}, working version ${escape(view.version)}. <a href="${href('packs', id)}">Back to the pack</a> · <a href="/">All packs</a></p>
<p>${approvedLine}</p>
<h2>What changed since it was approved</h2>
${choose}
${changes}
<h2>Approve</h2>
${
  approvedAsIs
    ? `<p>Version ${escape(view.version)} is approved, with these very files: there is nothing new to approve.</p>`
    : `<p>Approving records version ${escape(view.version)} as approved, with your name and today’s date, and keeps a copy of the files it is built from, to compare the next version with.${view.builds ? '' : ' This pack has errors, so it cannot be approved until they are fixed.'}</p>
${approveForm}`
}
${approvedList ? `<h2>Versions approved</h2>\n${approvedList}` : ''}
<h2>History</h2>
${log}`,
  });
}

function changeWords(change: Comparison['changes'][number]): string {
  switch (change.kind) {
    case 'changed':
      return `${change.old} → ${change.new}`;
    case 'added':
      return `added: ${change.value}`;
    case 'removed':
      return `removed: ${change.value}`;
    case 'item-added':
      return `added: ${change.item}`;
    case 'item-removed':
      return `removed: ${change.item}`;
    case 'item-reworded':
      return `${change.old} → ${change.new}`;
  }
}
