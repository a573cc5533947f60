// A redline: the new version of a pack with its changes since an old version
// marked, for the Word writer to write as tracked changes. It is the new
// version's own document — its cover, contents, headings, tables, images and
// styles — with each section's text units aligned with the old version's
// paragraphs (from its facts, which any built file carries): the words that
// changed in a reworded unit are marked on its runs, a new unit is marked
// inserted, and a unit taken out is put back, deleted, where it was.
import type { Block, Document, Inline } from '../model/document.js';
import type { PackFacts } from '../model/facts.js';
import { rewriteTextUnits, sectionsOf, textUnits, type Section } from '../model/text-units.js';
import { alignLists, wordParts, type WordPart } from './compare.js';

/** The author of the tracked changes. */
export const REDLINE_AUTHOR = 'recruitment-packs';

const text = (value: string): Inline => ({ type: 'text', text: value });
const inserted = (children: Inline[]): Inline => ({ type: 'inserted', children });
const deleted = (children: Inline[]): Inline => ({ type: 'deleted', children });
const paragraph = (children: Inline[]): Block => ({ type: 'paragraph', style: 'normal', children });

/** The new version's document with its changes since `before` marked, made by the tool and dated by the new version. */
export function redlineDocument(before: PackFacts, after: Document): Document {
  const sections = sectionsOf(after.blocks);
  const oldParagraphs = new Map(before.sections.map((section) => [section.title, section.paragraphs]));
  const goneAfter = sectionsGoneAfter(before, new Set(sections.map((section) => section.title)));
  const blocks: Block[] = [];
  for (const section of sections) {
    const old = oldParagraphs.get(section.title);
    if (section.heading) blocks.push(old ? section.heading : { ...section.heading, children: [inserted(section.heading.children)] });
    blocks.push(...withGoneSections(markSection(section.blocks, old ?? []), goneAfter.get(section.title) ?? []));
  }
  return { meta: { ...after.meta, changes: { author: REDLINE_AUTHOR, date: after.meta.date } }, blocks };
}

/** The old version's sections the new one has not, by the title of the section still there that each followed. */
function sectionsGoneAfter(before: PackFacts, titles: Set<string>): Map<string, PackFacts['sections']> {
  const gone = new Map<string, PackFacts['sections']>();
  let kept = before.sections[0]?.title ?? '';
  for (const section of before.sections) {
    if (titles.has(section.title)) kept = section.title;
    else gone.set(kept, [...(gone.get(kept) ?? []), section]);
  }
  return gone;
}

/** A section's blocks with the sections that followed it put back, deleted, before the page break that ends it. */
function withGoneSections(blocks: Block[], gone: PackFacts['sections']): Block[] {
  if (gone.length === 0) return blocks;
  const deletedBlocks = gone.flatMap((section) => [
    paragraph([deleted([{ type: 'strong', children: [text(section.title)] }])]),
    ...section.paragraphs.map((value) => paragraph([deleted([text(value)])])),
  ]);
  const end = blocks.at(-1)?.type === 'pageBreak' ? blocks.length - 1 : blocks.length;
  return [...blocks.slice(0, end), ...deletedBlocks, ...blocks.slice(end)];
}

/** What happens to one of the new section's text units. */
interface UnitChange {
  /** The old text it replaced one for one. */
  replaced?: string;
  /** It is new. */
  added?: boolean;
  /** Old units taken out just after it. */
  removedAfter: string[];
}

/** A section's blocks (after its heading) marked against the old section's paragraphs. */
function markSection(blocks: Section['blocks'], oldParagraphs: string[]): Block[] {
  const units = textUnits(blocks);
  const changes: UnitChange[] = units.map(() => ({ removedAfter: [] }));
  const removedFirst: string[] = [];
  let current = -1;
  for (const step of alignLists(oldParagraphs, units)) {
    if (step.kind === 'removed') {
      (current < 0 ? removedFirst : changes[current]!.removedAfter).push(step.value);
      continue;
    }
    current += 1;
    if (step.kind === 'replaced') changes[current]!.replaced = step.old;
    if (step.kind === 'added') changes[current]!.added = true;
  }
  let next = 0;
  const marked = rewriteTextUnits(blocks, (unit) => {
    const change = changes[next++]!;
    const after = change.removedAfter.map((value) => [deleted([text(value)])]);
    // The contents' title has no runs to mark: a new one simply shows.
    if (unit.inlines === undefined) return { after };
    if (change.added) return { inlines: [inserted(unit.inlines)], after };
    if (change.replaced !== undefined) return { inlines: markWords(unit.inlines, wordParts(change.replaced, unit.text)), after };
    return { after };
  });
  return [...removedFirst.map((value) => paragraph([deleted([text(value)])])), ...marked];
}

/**
 * A unit's runs with the word changes from its old text marked: the inserted
 * words wrapped where they are (keeping their bold, italics and links), the
 * deleted ones put in where they were.
 */
function markWords(inlines: Inline[], parts: WordPart[]): Inline[] {
  // Where in the new text each change falls.
  const insertedRanges: { start: number; end: number }[] = [];
  const deletions: { at: number; text: string }[] = [];
  let offset = 0;
  for (const part of parts) {
    if (part.change === 'deleted') {
      deletions.push({ at: offset, text: part.text });
      continue;
    }
    if (part.change === 'inserted') insertedRanges.push({ start: offset, end: offset + part.text.length });
    offset += part.text.length;
  }
  const cuts = [...new Set([...insertedRanges.flatMap((range) => [range.start, range.end]), ...deletions.map((deletion) => deletion.at)])].sort((a, b) => a - b);
  const isInserted = (at: number) => insertedRanges.some((range) => range.start <= at && at < range.end);
  let position = 0;
  let nextDeletion = 0;
  /** The deletions that come before the text at `at`, each once. */
  const deletionsBefore = (at: number): Inline[] => {
    const out: Inline[] = [];
    for (; nextDeletion < deletions.length && deletions[nextDeletion]!.at <= at; nextDeletion++) out.push(deleted([text(deletions[nextDeletion]!.text)]));
    return out;
  };
  const mark = (list: Inline[]): Inline[] =>
    list.flatMap((inline): Inline[] => {
      switch (inline.type) {
        case 'text': {
          const start = position;
          const end = start + inline.text.length;
          position = end;
          const points = [start, ...cuts.filter((cut) => cut > start && cut < end), end];
          return points.slice(0, -1).flatMap((from, i) => {
            const piece = text(inline.text.slice(from - start, points[i + 1]! - start));
            return [...deletionsBefore(from), isInserted(from) ? inserted([piece]) : piece];
          });
        }
        case 'break': {
          const at = position++;
          return [...deletionsBefore(at), isInserted(at) ? inserted([inline]) : inline];
        }
        case 'deleted': // not in the new text (plainText leaves it out)
          return [inline];
        case 'inserted':
        case 'strong':
        case 'emphasis':
        case 'link':
          return [{ ...inline, children: mark(inline.children) }];
      }
    });
  const marked = mark(inlines);
  return [...marked, ...deletionsBefore(Infinity)];
}
