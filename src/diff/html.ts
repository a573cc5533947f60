// One self-contained HTML page for a comparison: the changes by meaning in a
// table, then each changed section side by side (before | after), with what
// changed highlighted. No scripts, no outside files; it prints on A4.
import type { PackFacts } from '../model/facts.js';
import type { Change, Comparison, WordPart } from './compare.js';
import { handEditHeading, handEditLines, type Style } from './format.js';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Changed words marked as in the side-by-side tables; unchanged ones escaped. */
const htmlStyle: Style = { deleted: (t) => `<del>${escape(t)}</del>`, inserted: (t) => `<ins>${escape(t)}</ins>`, heading: escape, same: escape };

const STYLE = `
body { font: 14px/1.45 Arial, "Liberation Sans", sans-serif; color: #1a1a1a; margin: 2em auto; max-width: 70em; padding: 0 1em; }
h1 { font-size: 1.5em; color: #002d62; } h2 { font-size: 1.2em; color: #002d62; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .35em .6em; border-bottom: 1px solid #d0d7e2; }
th { background: #e8eef6; color: #002d62; } td.where { width: 30%; font-weight: bold; }
del { background: #fde2e1; color: #8a1c17; } ins { background: #dcf5e3; color: #14532d; text-decoration: none; }
.side td { width: 50%; } .source { color: #555; font-size: .9em; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function beforeAfter(change: Change): [string, string] {
  switch (change.kind) {
    case 'changed':
      return [`<del>${escape(change.old)}</del>`, `<ins>${escape(change.new)}</ins>`];
    case 'added':
      return ['', `<ins>${escape(change.value)}</ins>`];
    case 'removed':
      return [`<del>${escape(change.value)}</del>`, ''];
    case 'item-added':
      return ['', `<ins>${escape(change.item)}</ins>`];
    case 'item-removed':
      return [`<del>${escape(change.item)}</del>`, ''];
    case 'item-reworded':
      return [`<del>${escape(change.old)}</del>`, `<ins>${escape(change.new)}</ins>`];
  }
}

/** The old side shows deletions, the new side insertions; unchanged words appear on both. */
const side = (parts: WordPart[], keep: 'deleted' | 'inserted') =>
  parts
    .filter((p) => p.change === 'same' || p.change === keep)
    .map((p) => (p.change === 'same' ? escape(p.text) : keep === 'deleted' ? `<del>${escape(p.text)}</del>` : `<ins>${escape(p.text)}</ins>`))
    .join('');

export function formatHtml(comparison: Comparison, before: PackFacts, after: PackFacts): string {
  const version = (s: PackFacts) => `version ${escape(s.pack.version)} (${escape(s.pack.date)})`;
  const rows = comparison.changes.map((change) => {
    const [old, current] = beforeAfter(change);
    const source = 'source' in change && change.source ? `<div class="source">from ${escape(change.source)}</div>` : '';
    return `<tr><td class="where">${escape(change.key)}${source}</td><td>${old}</td><td>${current}</td></tr>`;
  });
  const sections = comparison.sections.map(
    (section) =>
      `<h2>${escape(section.title)}</h2>\n<table class="side"><tr><th>Before</th><th>After</th></tr>\n${section.paragraphs
        .map((paragraph) => `<tr><td>${side(paragraph, 'deleted')}</td><td>${side(paragraph, 'inserted')}</td></tr>`)
        .join('\n')}</table>`,
  );
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escape(after.pack.title)}: changes</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(after.pack.title)}</h1>
<p>Changes from ${version(before)} to ${version(after)}.</p>
${(comparison.handEdits ?? []).map((edit) => `<h2>${escape(handEditHeading(edit.file))}</h2>\n<ul>\n${handEditLines(edit.parts, htmlStyle).map((line) => `<li>${line}</li>`).join('\n')}\n</ul>\n`).join('')}${rows.length > 0 ? `<h2>What changed</h2>\n<table><tr><th>Where</th><th>Before</th><th>After</th></tr>\n${rows.join('\n')}</table>` : '<p>No changes to dates, figures, levels or lists.</p>'}
${sections.join('\n')}
</body>
</html>
`;
}
