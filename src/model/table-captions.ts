// Each table's caption, for the writers that give a table one (Word's
// w:tblCaption, the web page's <caption>), worked out once so the two agree.
// A caption is the nearest heading above the table: the heading says what the
// table is about ("Salary (effective from 1 April 2026)"), where its first
// header cell only names a column ("Pay") that a screen reader reads anyway. A
// table before any heading is named by its first header cell. Screen readers
// list tables by caption, so a second table under one heading is "… (table 2)".
import { plainText, type Block } from './document.js';

/** The caption of every table in the blocks (in list items too), in the order the tables come. */
export function tableCaptions(blocks: readonly Block[]): string[] {
  const captions: string[] = [];
  const timesNamed = new Map<string, number>();
  let heading = '';
  const walk = (list: readonly Block[]) => {
    for (const block of list) {
      if (block.type === 'heading') heading = plainText(block.children).trim();
      else if (block.type === 'list') block.items.forEach(walk);
      else if (block.type === 'table') {
        const name = heading || plainText(block.header[0] ?? []).trim() || `Table ${captions.length + 1}`;
        const seen = (timesNamed.get(name) ?? 0) + 1;
        timesNamed.set(name, seen);
        captions.push(seen === 1 ? name : `${name} (table ${seen})`);
      }
    }
  };
  walk(blocks);
  return captions;
}
