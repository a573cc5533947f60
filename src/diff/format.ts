// Prints a comparison for people (terminal, coloured or plain; Markdown) or
// for tools (JSON). Changes by meaning come first, then the changed words.
import { createColors } from 'picocolors';
import { visibleText } from '../diagnostics/hidden-characters.js';
import { wordParts, type Change, type Comparison, type WordPart } from './compare.js';

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface Style {
  deleted: (text: string) => string;
  inserted: (text: string) => string;
  heading: (text: string) => string;
  /** Unchanged text, as this style must write it (Markdown escapes it). */
  same?: (text: string) => string;
}

const plain: Style = { deleted: (t) => `[-${t}-]`, inserted: (t) => `{+${t}+}`, heading: (t) => t };
const { red, strikethrough, green, bold } = createColors(true);
const colour: Style = { deleted: (t) => red(strikethrough(t)), inserted: green, heading: bold };

/** The last few words of a text (about 40 characters), cut between words. */
const tail = (text: string) => text.slice(-40).replace(/^\S*\s/, '');
/** The first few words of a text (about 40 characters), cut between words. */
const head = (text: string) => text.slice(0, 40).replace(/\s\S*$/, ' ');

/** The words that changed in a reworded item, with a little of the unchanged text either side. */
function rewording(old: string, current: string, style: Style): string {
  const parts = wordParts(old, current);
  return parts
    .map((part, i) => {
      if (part.change === 'deleted') return style.deleted(part.text);
      if (part.change === 'inserted') return style.inserted(part.text);
      const first = i === 0;
      const last = i === parts.length - 1;
      if (first && part.text.length > 30) return `…${tail(part.text)}`;
      if (last && part.text.length > 30) return `${head(part.text)}…`;
      if (!first && !last && part.text.length > 60) return `${head(part.text)}…${tail(part.text)}`;
      return part.text;
    })
    .join('');
}

/** One change in a few words; in a terminal, long list items are cut to keep one line each. */
function describeChange(change: Change, cut = true, style: Style = plain): string {
  const item = (text: string, max: number) => (cut ? shorten(text, max) : text);
  switch (change.kind) {
    case 'changed':
      return `${change.old} → ${change.new}`;
    case 'added':
      return `+ ${change.value}`;
    case 'removed':
      return `- ${change.value}`;
    case 'item-added':
      return `+ "${item(change.item, 70)}"`;
    case 'item-removed':
      return `- "${item(change.item, 70)}"`;
    case 'item-reworded':
      return cut ? `~ "${rewording(change.old, change.new, style)}"` : `~ "${change.old}" → "${change.new}"`;
  }
}

function words(parts: WordPart[], style: Style): string {
  return parts.map((p) => (p.change === 'deleted' ? style.deleted(p.text) : p.change === 'inserted' ? style.inserted(p.text) : (style.same?.(p.text) ?? p.text))).join('');
}

/** A built file changed by hand: said first, by name, so no reader takes the comparison after it for what the file shows. */
export const handEditHeading = (file: string) =>
  `${file} was changed by hand after it was built: the text it shows is not the text it was built with (the comparison below is of the pack data it carries)`;

/** Each run of changed words with a little unchanged text either side, one a line. */
export function handEditLines(parts: WordPart[], style: Style): string[] {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]!.change === 'same') continue;
    let end = i;
    while (end + 1 < parts.length && parts[end + 1]!.change !== 'same') end++;
    const same = style.same ?? ((t: string) => t);
    const before = i > 0 ? `…${same(tail(parts[i - 1]!.text))}` : '';
    const after = end + 1 < parts.length ? `${same(head(parts[end + 1]!.text))}…` : '';
    lines.push(before + words(parts.slice(i, end + 1), style) + after);
    i = end;
  }
  return lines;
}

/** A copy of some data with every string made safe for a terminal: the text and Markdown reports are printed. */
function visibleStrings<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (Array.isArray(value)) return value.map(visibleStrings) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visibleStrings(v)])) as T;
  return value;
}

export function formatText(data: Comparison, useColour: boolean): string {
  const comparison = visibleStrings(data);
  const style = useColour ? colour : plain;
  const lines: string[] = [];
  for (const edit of comparison.handEdits ?? []) {
    if (lines.length > 0) lines.push('');
    lines.push(style.heading(handEditHeading(edit.file)), ...handEditLines(edit.parts, style).map((line) => `  ${line}`));
  }
  if (lines.length > 0 && comparison.changes.length > 0) lines.push('');
  const width = Math.max(0, ...comparison.changes.map((c) => c.key.length));
  for (const change of comparison.changes) {
    const source = 'source' in change && change.source ? `   (${change.source})` : '';
    lines.push(`${change.key.padEnd(width)}   ${describeChange(change, true, style)}${source}`);
  }
  for (const section of comparison.sections) {
    lines.push('', style.heading(section.title));
    for (const paragraph of section.paragraphs) lines.push(`  ${words(paragraph, style)}`);
  }
  return lines.join('\n') + '\n';
}

const escapeMd = (text: string) => text.replace(/([\\|*_~`[\]])/g, '\\$1');
const markdownStyle: Style = { deleted: (t) => `~~${escapeMd(t)}~~`, inserted: (t) => `**${escapeMd(t)}**`, heading: escapeMd, same: escapeMd };

export function formatMarkdown(data: Comparison): string {
  const comparison = visibleStrings(data);
  const lines: string[] = [];
  for (const edit of comparison.handEdits ?? []) {
    lines.push(`## ${escapeMd(handEditHeading(edit.file))}`, '');
    for (const line of handEditLines(edit.parts, markdownStyle)) lines.push(`- ${line}`);
    lines.push('');
  }
  lines.push('## What changed', '', '| Where | Change |', '| --- | --- |');
  for (const change of comparison.changes) {
    const source = 'source' in change && change.source ? ` (from ${escapeMd(change.source)})` : '';
    lines.push(`| ${escapeMd(change.key)} | ${escapeMd(describeChange(change, false))}${source} |`);
  }
  if (comparison.sections.length > 0) lines.push('', '## Changed text');
  for (const section of comparison.sections) {
    lines.push('', `### ${escapeMd(section.title)}`, '');
    for (const paragraph of section.paragraphs) {
      lines.push(
        paragraph
          .map((p) => (p.change === 'deleted' ? `~~${escapeMd(p.text)}~~` : p.change === 'inserted' ? `**${escapeMd(p.text)}**` : escapeMd(p.text)))
          .join(''),
        '',
      );
    }
  }
  return lines.join('\n').trimEnd() + '\n';
}

export function formatJson(comparison: Comparison): string {
  return JSON.stringify(comparison, null, 2) + '\n';
}
