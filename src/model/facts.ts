// A pack's facts: what a reader of the pack sees, by meaning — each date,
// figure, level and list keyed the way the pack prints it — and the text of
// each section. Every build embeds them in both files (a PDF attachment, a
// .docx custom XML part), so two built files can be compared on their own,
// even a PDF against a .docx. Compose makes them; `packs diff` reads them.

/** The format written into the embedded JSON, so a reader knows what it holds. */
export const FACTS_FORMAT = 'recruitment-pack-facts/1';
/** The name it had before it was called facts: still read, so packs built then can be compared. */
export const EARLIER_FACTS_FORMAT = 'recruitment-pack-snapshot/1';
/** The name of the attachment that carries them. */
export const FACTS_FILE_NAME = 'pack-data.json';

/** One fact a reader sees: a value, or a list of items. */
export interface Fact {
  /** Where a reader finds it: "Selection process › Final Interview Panel". */
  key: string;
  value?: string;
  items?: string[];
  /** A shared file the fact comes from, so a change can be attributed to it. */
  source?: string;
}

export interface PackFacts {
  format: typeof FACTS_FORMAT | typeof EARLIER_FACTS_FORMAT;
  pack: { id: string; title: string; version: string; date: string };
  facts: Fact[];
  /** Each section's title and paragraphs (list items and table cells included), in order. */
  sections: { title: string; paragraphs: string[] }[];
}
