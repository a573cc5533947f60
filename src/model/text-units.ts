// A document's sections and the pieces of text a reader reads one at a time in
// each: headings, paragraphs, list items' paragraphs, table cells and the
// contents' title, in reading order. The facts every build embeds list them
// (compose/facts.ts), and a redline marks the changes in them
// (diff/redline.ts): one walk, so the two always agree on what a unit is.
import { plainText, type Block, type Inline } from './document.js';

/** A section: the blocks from one level-1 heading to the next. What comes before the first is "Cover", with no heading. */
export interface Section {
  title: string;
  heading?: Extract<Block, { type: 'heading' }>;
  /** The section's blocks after its heading. */
  blocks: Block[];
}

export const COVER = 'Cover';

export function sectionsOf(blocks: Block[]): Section[] {
  const sections: Section[] = [{ title: COVER, blocks: [] }];
  for (const block of blocks) {
    if (block.type === 'heading' && block.level === 1) sections.push({ title: plainText(block.children), heading: block, blocks: [] });
    else sections[sections.length - 1]!.blocks.push(block);
  }
  return sections;
}

/** A piece of text read as one. Blank ones (an empty table cell, say) are not units. */
export interface TextUnit {
  text: string;
  /** Its runs; undefined for the contents' title, which is plain text. */
  inlines: Inline[] | undefined;
}

/** What a rewrite makes of a unit: its new runs, and the runs of paragraphs to put back after it. */
export interface RewrittenUnit {
  inlines?: Inline[];
  /**
   * Each becomes a paragraph next to the unit: after its paragraph or heading,
   * as a list item after its list item, or after the table or contents it is in.
   */
  after?: Inline[][];
}

/** The text units of some blocks, in reading order. */
export function textUnits(blocks: Block[]): string[] {
  const texts: string[] = [];
  rewriteTextUnits(blocks, (unit) => {
    texts.push(unit.text);
    return {};
  });
  return texts;
}

/**
 * Some blocks rebuilt with `rewrite` given each of their text units in the
 * order `textUnits` lists them. The blocks given are left as they are.
 */
export function rewriteTextUnits(blocks: Block[], rewrite: (unit: TextUnit) => RewrittenUnit): Block[] {
  return rewriteBlocks(blocks, rewrite, undefined);
}

const paragraph = (children: Inline[]): Block => ({ type: 'paragraph', style: 'normal', children });

/** `laterItems`, inside a list item, collects the items to follow it. */
function rewriteBlocks(blocks: Block[], rewrite: (unit: TextUnit) => RewrittenUnit, laterItems: Block[][] | undefined): Block[] {
  const unit = (text: string, inlines: Inline[] | undefined): Required<RewrittenUnit> => {
    const rewritten = text.trim() === '' ? {} : rewrite({ text, inlines });
    return { inlines: rewritten.inlines ?? inlines ?? [], after: rewritten.after ?? [] };
  };
  /** Rewrites some inline content, putting what the rewrite adds after it in `following`. */
  const rewriteInto = (following: Inline[][]) => (content: Inline[]) => {
    const { inlines, after } = unit(plainText(content), content);
    following.push(...after);
    return inlines;
  };
  const out: Block[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
      case 'paragraph': {
        const { inlines, after } = unit(plainText(block.children), block.children);
        out.push({ ...block, children: inlines });
        if (laterItems && block.type === 'paragraph') laterItems.push(...after.map((children) => [paragraph(children)]));
        else out.push(...after.map(paragraph));
        break;
      }
      case 'list':
        out.push({
          ...block,
          items: block.items.flatMap((item) => {
            const later: Block[][] = [];
            const rewritten = rewriteBlocks(item, rewrite, later);
            return [rewritten, ...later];
          }),
        });
        break;
      case 'table': {
        const following: Inline[][] = [];
        const cell = rewriteInto(following);
        const header = block.header.map(cell);
        const rows = block.rows.map((row) => row.map(cell));
        out.push({ ...block, header, rows }, ...following.map(paragraph));
        break;
      }
      case 'contents':
        out.push(block, ...unit(block.title, undefined).after.map(paragraph));
        break;
      case 'cover': {
        // Read as the page shows it: the organisation, title, subtitle, taglines, then each fact's label and value.
        const following: Inline[][] = [];
        const read = rewriteInto(following);
        following.push(...unit(block.organisation, undefined).after);
        const title = read(block.title);
        const subtitle = read(block.subtitle);
        const taglines = block.taglines.map(read);
        if (block.facts.length > 0) following.push(...unit(block.factsTitle, undefined).after);
        const facts = block.facts.map((fact) => ({ label: read(fact.label), value: read(fact.value) }));
        out.push({ ...block, title, subtitle, taglines, facts }, ...following.map(paragraph));
        break;
      }
      case 'image':
      case 'drawing':
      case 'pageBreak':
        out.push(block);
        break;
    }
  }
  return out;
}
