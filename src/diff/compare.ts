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

export interface Comparison {
  changes: Change[];
  sections: SectionDiff[];
}

const describe = (fact: Fact) => fact.value ?? (fact.items ?? []).join('; ');

/** One step of aligning two lists: kept, replaced one for one, removed, or added. */
export type Aligned = { kind: 'same'; value: string } | { kind: 'replaced'; old: string; new: string } | { kind: 'removed' | 'added'; value: string };

/** Aligns two lists of texts; removed texts followed by added ones are paired as replacements. */
export function alignLists(before: string[], after: string[]): Aligned[] {
  const steps: Aligned[] = [];
  const parts = diffArrays(before, after);
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

/** Words as a reader sees them: split at spaces only, so "£156,693" and "20th" each stay one word. */
const tokens = (text: string) => text.split(/(\s+)/).filter((t) => t !== '');

export function wordParts(before: string, after: string): WordPart[] {
  const parts: WordPart[] = [];
  for (const part of diffArrays(tokens(before), tokens(after))) {
    const change = part.added ? 'inserted' : part.removed ? 'deleted' : 'same';
    const text = part.value.join('');
    const last = parts[parts.length - 1];
    if (last && last.change === change) last.text += text;
    else parts.push({ text, change });
  }
  return parts;
}

function compareSections(before: PackFacts['sections'], after: PackFacts['sections']): SectionDiff[] {
  const titles = [...new Set([...after.map((s) => s.title), ...before.map((s) => s.title)])];
  const diffs: SectionDiff[] = [];
  for (const title of titles) {
    const old = before.find((s) => s.title === title)?.paragraphs ?? [];
    const current = after.find((s) => s.title === title)?.paragraphs ?? [];
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
