// Compares two versions of a pack the way a reviewer reads it: first the facts
// that changed, keyed by where a reader sees them, then the words that changed
// in each section's text. Pure: the two packs' facts in, changes out.
import { diffArrays } from 'diff';
import type { Fact, PackFacts } from '../model/facts.js';

export type Change =
  | { kind: 'changed'; key: string; old: string; new: string; source?: string }
  | { kind: 'added' | 'removed'; key: string; value: string; source?: string }
  | { kind: 'item-added' | 'item-removed'; key: string; item: string }
  | { kind: 'item-reworded'; key: string; old: string; new: string };

/** A run of words: unchanged, inserted or deleted. */
export interface WordPart {
  text: string;
  change: 'same' | 'inserted' | 'deleted';
}

export interface SectionDiff {
  title: string;
  /** Each paragraph that changed, as word runs; a paragraph added or removed is one run. */
  paragraphs: WordPart[][];
}

/** A built file whose text is not what it was built with: the words changed since. */
export interface HandEdit {
  file: string;
  parts: WordPart[];
}

export interface Comparison {
  /** Built files changed by hand after the build (set by the command, which reads the files). */
  handEdits?: HandEdit[];
  changes: Change[];
  sections: SectionDiff[];
}

const describe = (fact: Fact) => fact.value ?? (fact.items ?? []).join('; ');

/** One step of aligning two lists: kept, replaced one for one, removed, or added. */
export type Aligned = { kind: 'same'; value: string } | { kind: 'replaced'; old: string; new: string } | { kind: 'removed' | 'added'; value: string };

/** Aligns two lists of texts; removed texts followed by added ones are paired as replacements. */
export function alignLists(before: string[], after: string[]): Aligned[] {
  const steps: Aligned[] = [];
  // Past MAX_EDITS, every old text is removed and every new one added (and paired), which is true if coarse.
  const parts = diffArrays(before, after, { maxEditLength: MAX_EDITS }) ?? [
    { value: before, removed: true, added: false, count: before.length },
    { value: after, removed: false, added: true, count: after.length },
  ];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      const pairs = Math.min(part.value.length, next.value.length);
      for (let j = 0; j < pairs; j++) steps.push({ kind: 'replaced', old: part.value[j]!, new: next.value[j]! });
      for (const value of part.value.slice(pairs)) steps.push({ kind: 'removed', value });
      for (const value of next.value.slice(pairs)) steps.push({ kind: 'added', value });
      i++;
    } else {
      for (const value of part.value) steps.push({ kind: part.removed ? 'removed' : part.added ? 'added' : 'same', value });
    }
  }
  return steps;
}

function compareItems(key: string, oldItems: string[], newItems: string[]): Change[] {
  return alignLists(oldItems, newItems).flatMap((step): Change[] => {
    switch (step.kind) {
      case 'replaced':
        return [{ kind: 'item-reworded', key, old: step.old, new: step.new }];
      case 'removed':
        return [{ kind: 'item-removed', key, item: step.value }];
      case 'added':
        return [{ kind: 'item-added', key, item: step.value }];
      case 'same':
        return [];
    }
  });
}

function compareFactLists(before: Fact[], after: Fact[]): Change[] {
  const changes: Change[] = [];
  const afterByKey = new Map(after.map((f) => [f.key, f]));
  const beforeKeys = new Set(before.map((f) => f.key));
  for (const old of before) {
    const current = afterByKey.get(old.key);
    const source = current?.source ?? old.source;
    if (!current) changes.push({ kind: 'removed', key: old.key, value: describe(old), ...(old.source ? { source: old.source } : {}) });
    else if (old.items || current.items) changes.push(...compareItems(old.key, old.items ?? [], current.items ?? []));
    else if (old.value !== current.value) changes.push({ kind: 'changed', key: old.key, old: old.value ?? '', new: current.value ?? '', ...(source ? { source } : {}) });
  }
  for (const fact of after) {
    if (!beforeKeys.has(fact.key)) changes.push({ kind: 'added', key: fact.key, value: describe(fact), ...(fact.source ? { source: fact.source } : {}) });
  }
  return changes;
}

/**
 * The most edits (tokens inserted or deleted) a diff may look for before it
 * gives up. jsdiff's work grows with the texts' length times the edits found,
 * so two long, different texts would take minutes; bounded by edits rather
 * than by time, the output is the same on any machine.
 */
const MAX_EDITS = 1000;
/** Texts longer than this (in tokens, both together) are not compared word by word. */
const MAX_TOKENS = 40_000;

/** Words as a reader sees them: split at spaces only, so "£156,693" and "20th" each stay one word. */
const tokens = (text: string) => text.split(/(\s+)/).filter((t) => t !== '');

/** Sentences, each with the spaces after it, so that joined they are the text again. */
function sentences(text: string): string[] {
  const found = text.match(/[^.!?]*[.!?]+["'’”)\]]*\s*|[^.!?]+$/g) ?? [];
  return found.join('') === text ? found : [text];
}

/** A diff of two token lists as word runs; undefined past the limits. */
function boundedParts(before: string[], after: string[]): WordPart[] | undefined {
  if (before.length + after.length > MAX_TOKENS) return undefined;
  const diff = diffArrays(before, after, { maxEditLength: MAX_EDITS });
  if (!diff) return undefined;
  const parts: WordPart[] = [];
  for (const part of diff) {
    const change = part.added ? 'inserted' : part.removed ? 'deleted' : 'same';
    const text = part.value.join('');
    const last = parts[parts.length - 1];
    if (last && last.change === change) last.text += text;
    else parts.push({ text, change });
  }
  return parts;
}

/**
 * The words that changed from one text to another. Two long texts that differ
 * a lot are compared sentence by sentence instead, and past that shown as the
 * one text replaced by the other: coarser, but every change is still shown.
 */
export function wordParts(before: string, after: string): WordPart[] {
  return (
    boundedParts(tokens(before), tokens(after)) ??
    boundedParts(sentences(before), sentences(after)) ?? [
      { text: before, change: 'deleted' },
      { text: after, change: 'inserted' },
    ]
  ).filter((part) => part.text !== '');
}

function compareSections(before: PackFacts['sections'], after: PackFacts['sections']): SectionDiff[] {
  const titles = [...new Set([...after.map((s) => s.title), ...before.map((s) => s.title)])];
  const diffs: SectionDiff[] = [];
  const firstByTitle = (sections: PackFacts['sections']) => new Map([...sections].reverse().map((s) => [s.title, s.paragraphs]));
  const oldByTitle = firstByTitle(before);
  const newByTitle = firstByTitle(after);
  for (const title of titles) {
    const old = oldByTitle.get(title) ?? [];
    const current = newByTitle.get(title) ?? [];
    const paragraphs = alignLists(old, current).flatMap((step): WordPart[][] => {
      switch (step.kind) {
        case 'replaced':
          return [wordParts(step.old, step.new)];
        case 'removed':
          return [[{ text: step.value, change: 'deleted' }]];
        case 'added':
          return [[{ text: step.value, change: 'inserted' }]];
        case 'same':
          return [];
      }
    });
    if (paragraphs.length > 0) diffs.push({ title, paragraphs });
  }
  return diffs;
}

export function comparePacks(before: PackFacts, after: PackFacts): Comparison {
  return { changes: compareFactLists(before.facts, after.facts), sections: compareSections(before.sections, after.sections) };
}
