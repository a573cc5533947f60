// A pack's snapshot: what a reader of the pack sees, by meaning — each date,
// figure, level and list keyed the way the pack prints it — and the text of
// each section. Every build embeds it in both files, so two built files can be
// compared on their own, even a PDF against a .docx.
import type { Document } from '../model/document.js';
import { blockTexts, plainText } from '../model/document.js';
import type { ResolvedPack } from '../resolve/resolve-pack.js';

export const SNAPSHOT_FORMAT = 'recruitment-pack-snapshot/1';
export const SNAPSHOT_FILE_NAME = 'pack-data.json';

/** One fact a reader sees: a value, or a list of items. */
export interface Fact {
  /** Where a reader finds it: "Selection process › Final Interview Panel". */
  key: string;
  value?: string;
  items?: string[];
  /** A shared file the fact comes from, so a change can be attributed to it. */
  source?: string;
}

export interface PackSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  pack: { id: string; title: string; version: string; date: string };
  facts: Fact[];
  /** Each section's title and paragraphs (list items and table cells included), in order. */
  sections: { title: string; paragraphs: string[] }[];
}

function factsOf(resolved: ResolvedPack): Fact[] {
  const facts: Fact[] = [];
  const timeline = resolved.timeline;
  if (timeline) {
    for (const stage of timeline.stages) {
      if (stage.date !== null) facts.push({ key: `Selection process › ${stage.name}`, value: stage.time === null ? stage.date : `${stage.date}, ${stage.time}` });
    }
    if (timeline.applications) facts.push({ key: 'Selection process › Applications to', value: timeline.applications.email });
  }
  const remuneration = resolved.remuneration;
  if (remuneration) {
    const salary = remuneration.salary;
    const source = salary.items[0]?.source.file;
    facts.push({ key: 'Remuneration › Effective from', value: salary.effectiveDateText, ...(source ? { source } : {}) });
    for (const item of salary.items) facts.push({ key: `Remuneration › ${item.label}`, value: item.text, source: item.source.file });
    for (const option of salary.conditional?.options ?? []) {
      if (option.amount) facts.push({ key: `Remuneration › ${option.amount.label}`, value: option.amount.text, source: option.amount.source.file });
    }
  }
  const role = resolved.role;
  if (role.accountabilities) facts.push({ key: 'About the role › Primary accountabilities', items: role.accountabilities.items });
  for (const competency of role.behaviours.competencies) facts.push({ key: `Behaviours › ${competency.name}`, value: competency.level.name });
  return facts;
}

/** Sections are the blocks from one level-1 heading to the next; what comes before the first is "Cover". */
function sectionsOf(document: Document): PackSnapshot['sections'] {
  const sections: PackSnapshot['sections'] = [{ title: 'Cover', paragraphs: [] }];
  for (const block of document.blocks) {
    if (block.type === 'heading' && block.level === 1) sections.push({ title: plainText(block.children), paragraphs: [] });
    else sections[sections.length - 1]!.paragraphs.push(...blockTexts([block]).filter((t) => t.trim() !== ''));
  }
  return sections;
}

export function snapshotOf(resolved: ResolvedPack, document: Document): PackSnapshot {
  const p = resolved.pack;
  return {
    format: SNAPSHOT_FORMAT,
    pack: { id: p.id, title: p.subtitle, version: p.version, date: p.date },
    facts: factsOf(resolved),
    sections: sectionsOf(document),
  };
}

/** Reads a snapshot back from the JSON a file carries; undefined if it is not one. */
export function parseSnapshot(json: string): PackSnapshot | undefined {
  try {
    const value = JSON.parse(json) as PackSnapshot;
    return value && value.format === SNAPSHOT_FORMAT ? value : undefined;
  } catch {
    return undefined;
  }
}
