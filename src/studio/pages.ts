// The studio's pages: the list of packs, and a pack's page (its form, its
// diagnostics, its preview). Each works with no script: a filter is a GET form,
// each field is a form of its own with its own Save button.
import { displayValue, type Field } from '../edit/fields.js';
import { escape, href, page } from './html.js';
import type { FieldView, PackRow, PackView } from './pack-state.js';
import type { PreviewBuild } from './builds.js';

export interface HomeRow extends PackRow {
  upToDate: boolean;
  /** The version approved last, when there is one. */
  approved?: string;
}

export type Show = 'all' | 'errors' | 'warnings' | 'stale';
const SHOW_CHOICES: [Show, string][] = [
  ['all', 'every pack'],
  ['errors', 'packs with errors'],
  ['warnings', 'packs with warnings'],
  ['stale', 'packs not up to date'],
];

export function homePage(rows: HomeRow[], filter: { text: string; show: Show }): string {
  const text = filter.text.trim().toLowerCase();
  const shown = rows.filter(
    (row) =>
      (text === '' || row.location.id.toLowerCase().includes(text) || row.title.toLowerCase().includes(text)) &&
      (filter.show === 'all' || (filter.show === 'errors' && row.errors > 0) || (filter.show === 'warnings' && row.warnings > 0) || (filter.show === 'stale' && !row.upToDate)),
  );
  const options = SHOW_CHOICES.map(([value, words]) => `<option value="${value}"${value === filter.show ? ' selected' : ''}>${words}</option>`).join('');
  const body = shown
    .map((row) => {
      const name = `${row.location.variant ? '↳ ' : ''}<a href="${href('packs', row.location.id)}">${escape(row.location.id)}</a>`;
      return `<tr><th scope="row">${name}<br><span class="where">${escape(row.title)}</span></th><td>${escape(row.version)}</td><td>${row.builds ? 'yes' : 'no'}</td><td>${row.errors}</td><td>${row.warnings}</td><td>${row.upToDate ? 'yes' : 'no'}</td><td>${row.approved ? escape(row.approved) : 'none'}</td></tr>`;
    })
    .join('\n');
  const table = shown.length
    ? `<table>
<caption>${shown.length === rows.length ? `All ${rows.length} packs` : `${shown.length} of ${rows.length} packs`}</caption>
<thead><tr><th scope="col">Pack</th><th scope="col">Version</th><th scope="col">Builds</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Files up to date</th><th scope="col">Approved last</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`
    : `<p>No pack matches. <a href="/">Show every pack</a>.</p>`;
  return page({
    title: 'Packs',
    main: `<h1>Packs</h1>
<form class="filter" method="get" action="/" role="search" aria-label="Filter the packs">
<label for="filter-text">Name contains</label><input id="filter-text" name="q" type="search" value="${escape(filter.text)}">
<label for="filter-show">Show</label><select id="filter-show" name="show">${options}</select>
<button type="submit">Filter</button>
</form>
${table}`,
  });
}

/** A refused edit, shown beside its field. */
export interface Refusal {
  field: string;
  /** What was typed, kept in the field so it can be corrected. */
  typed: string;
  note: string;
  message: string;
  hint?: string;
  /** The findings the edit would have made, each with its hint. */
  findings: { message: string; hint?: string }[];
}

/**
 * The id of a field's form (its anchor, which diagnostics link to): its name with each dot as two
 * underscores, and any other character an id should not have as `_` and its code, so that ids keep to
 * letters, digits, dashes and underscores.
 */
export const idOf = (name: string) => `field-${name.replace(/\./g, '__').replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
const slug = (words: string) => words.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The control for a field's value, by its kind. */
function control(field: Field, value: string, described: string, invalid: boolean, focus: boolean): string {
  const kind = field.kind as string;
  const common = `id="${escape(idOf(field.name))}-value" name="value"${described ? ` aria-describedby="${escape(described)}"` : ''}${invalid ? ' aria-invalid="true"' : ''}${focus ? ' autofocus' : ''} required`;
  if (kind === 'paragraphs' || value.includes('\n')) return `<textarea ${common}>${escape(value)}</textarea>`;
  const type = kind === 'date' ? 'date' : kind === 'time' ? 'time' : kind === 'email' ? 'email' : 'text';
  const extra = kind === 'money' ? ' inputmode="numeric"' : '';
  return `<input ${common} type="${type}"${extra} value="${escape(value)}">`;
}

function fieldForm(packId: string, view: FieldView, secret: string, refusal: Refusal | undefined, saved: string | undefined): string {
  const { field } = view;
  const id = idOf(field.name);
  const help = (field as { help?: string }).help;
  const refused = refusal?.field === field.name ? refusal : undefined;
  const described = [refused ? `${id}-error` : '', help ? `${id}-help` : '', `${id}-where`].filter(Boolean).join(' ');
  const others = view.alsoChanges;
  const where = `${escape(field.file.file)}:${view.line}${field.setByVariant ? ', set by this variant' : ''}${
    field.shared ? `; a shared file: ${others.length ? `saving this also changes ${others.map(escape).join(', ')}` : 'no other pack prints this figure'}` : ''
  }`;
  const error = refused
    ? `<div class="error" id="${escape(id)}-error"><p>Not saved: ${escape(refused.message)}${refused.hint ? ` (${escape(refused.hint)})` : ''}</p>${
        refused.findings.length ? `<ul>${refused.findings.map((f) => `<li>${escape(f.message)}${f.hint ? ` (${escape(f.hint)})` : ''}</li>`).join('')}</ul>` : ''
      }</div>`
    : '';
  const label = field.label.charAt(0).toUpperCase() + field.label.slice(1);
  return `<form class="field${refused ? ' invalid' : ''}" id="${escape(id)}" method="post" action="${href('packs', packId, 'set')}">
<input type="hidden" name="secret" value="${escape(secret)}">
<input type="hidden" name="field" value="${escape(field.name)}">
<label for="${escape(id)}-value">${escape(label)}</label>
<p class="where">Now ${escape(displayValue(field.kind, field.value))}</p>
${saved ? `<p class="saved">${escape(saved)}</p>\n` : ''}${error}${control(field, refused ? refused.typed : field.value, described, refused !== undefined, refused !== undefined)}
${help ? `<p class="help" id="${escape(id)}-help">${escape(help)}</p>` : ''}
<p class="where" id="${escape(id)}-where">From ${where}</p>
<div class="note"><label for="${escape(id)}-note">Note for the change log (optional)</label><input id="${escape(id)}-note" name="note" type="text" value="${escape(refused?.note ?? '')}"></div>
<button type="submit">Save</button>
</form>`;
}

export function packPage(
  view: PackView,
  options: {
    secret: string;
    /** The message of a save, shown at the top and beside `savedField` (the page opens at that field). */
    status?: string;
    savedField?: string | undefined;
    refusal?: Refusal;
    preview?: PreviewBuild;
    files: { pdf: boolean; docx: boolean; html: boolean };
    /** Whether the PDF and Word files are being built. */
    building: boolean;
  },
): string {
  const id = view.location.id;
  const groups = [...new Set(view.fields.map((f) => f.group))];
  const form = groups
    .map((group) => `<section aria-labelledby="group-${slug(group)}"><h3 id="group-${slug(group)}">${escape(group)}</h3>\n${view.fields.filter((f) => f.group === group).map((f) => fieldForm(id, f, options.secret, options.refusal, f.field.name === options.savedField ? options.status : undefined)).join('\n')}</section>`)
    .join('\n');
  const diagnostics = view.diagnostics.length
    ? `<ul>${view.diagnostics
        .map(({ diagnostic: d, where, field }) => {
          const place = field ? `<a href="#${escape(idOf(field))}">${escape(where)}</a>` : escape(where);
          return `<li><strong>${d.severity === 'error' ? 'Error' : 'Warning'}</strong> ${place}: ${escape(d.message)}${d.hint ? ` (${escape(d.hint)})` : ''}</li>`;
        })
        .join('\n')}</ul>`
    : '<p>No errors or warnings.</p>';
  // A file being built can be asked for at once: the studio answers once it is written.
  const file = (format: 'pdf' | 'docx', words: string) =>
    options.building || options.files[format]
      ? `<li><a href="${href('packs', id, 'files', `${id}.${format}`)}">Open the ${words}</a> or <a href="${href('packs', id, 'files', `${id}.${format}`)}?download=1">download it</a>${options.building ? ' (being built: it opens when it is ready)' : ''}</li>`
      : `<li>No ${words} yet${view.builds ? '' : ': the pack has errors'}</li>`;
  const took = options.preview ? `<p>Built in ${(options.preview.milliseconds / 1000).toFixed(2)} s${options.preview.written ? '' : '; not written, the pack has errors'}.</p>` : '';
  const preview = options.files.html
    ? `<iframe title="Preview of ${escape(id)}" src="${href('packs', id, 'files', `${id}.html`)}" sandbox></iframe>`
    : `<p>No preview: ${view.builds ? 'it has not been built yet' : 'the pack has errors, so it is not built'}.</p>`;
  return page({
    title: id,
    refused: options.refusal !== undefined,
    status: options.refusal ? `Not saved: ${escape(options.refusal.findings[0]?.message ?? options.refusal.message)}` : escape(options.status ?? ''),
    main: `<h1>${escape(view.title)}</h1>
<p>${escape(id)}, version ${escape(view.version)}. <a href="${href('packs', id, 'review')}">Review changes and approve</a> · <a href="/">All packs</a></p>
<h2 id="diagnostics">Errors and warnings (${view.errors} ${view.errors === 1 ? 'error' : 'errors'}, ${view.warnings} ${view.warnings === 1 ? 'warning' : 'warnings'})</h2>
${diagnostics}
<div class="workspace">
<div class="fields">
<h2>What you can change</h2>
<p>Each value is saved on its own, checked against every pack first: a value that would make a pack wrong is not saved. A save is logged in the pack's change log and raises its version.</p>
${form || '<p>This pack has no values the studio can change.</p>'}
</div>
<div class="preview">
<h2>Preview</h2>
${took}
${preview}
<ul>${file('pdf', 'PDF')}${file('docx', 'Word file')}</ul>
</div>
</div>`,
  });
}
