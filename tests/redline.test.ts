// The redline as a document: the new version's own blocks, with its changes
// since the old version's facts marked on them, unit by unit.
import { describe, expect, it } from 'vitest';
import { redlineDocument, REDLINE_AUTHOR } from '../src/diff/redline.js';
import type { Block, Document, Inline } from '../src/model/document.js';
import { FACTS_FORMAT, type PackFacts } from '../src/model/facts.js';
import { sectionsOf, textUnits } from '../src/model/text-units.js';

const text = (value: string): Inline => ({ type: 'text', text: value });
const inserted = (...children: Inline[]): Inline => ({ type: 'inserted', children });
const deleted = (...children: Inline[]): Inline => ({ type: 'deleted', children });
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', style: 'normal', children });
const heading = (level: 1 | 2, title: string, id: string): Block => ({ type: 'heading', level, id, children: [text(title)] });

const date = new Date('2020-12-14T12:00:00Z');

/** The new version. */
const after: Document = {
  meta: { title: 'Pack', subject: 'S', author: 'Org', language: 'en-GB', keywords: [], date, footer: 'F', version: '1.0.1', versionDate: '2020-12-14' },
  blocks: [
    { type: 'paragraph', style: 'title', children: [text('Information Pack')] },
    { type: 'pageBreak' },
    heading(1, 'Pay', 'pay'),
    paragraph(
      text('Basic pay is '),
      { type: 'strong', children: [text('£160,115')] },
      text(' a year; see '),
      { type: 'link', href: 'https://example.org/scale', children: [text('the new scale')] },
      text('.'),
    ),
    { type: 'list', ordered: false, items: [[paragraph(text('First'))], [paragraph(text('Third'))]] },
    { type: 'table', header: [[text('Stage')], [text('Date')]], rows: [[[text('Interview')], [text('27th January')]]] },
    { type: 'pageBreak' },
    heading(1, 'New section', 'new-section'),
    paragraph(text('Added text.')),
  ],
};

/** The old version's facts: what any built file of it carries. */
const before: PackFacts = {
  format: FACTS_FORMAT,
  pack: { id: 'pack', title: 'Pack', version: '1.0.0', date: '2020-11-01' },
  facts: [],
  sections: [
    { title: 'Cover', paragraphs: ['Information Pack'] },
    { title: 'Pay', paragraphs: ['Basic pay is £156,693 a year; see the scale.', 'First', 'Second', 'Third', 'Stage', 'Date', 'Interview', '20th January'] },
    { title: 'Gone', paragraphs: ['Old words.'] },
  ],
};

describe('redlineDocument', () => {
  const redline = redlineDocument(before, after);

  it('is the new document with the changed words marked on its own runs, bold and links kept', () => {
    const pay = sectionsOf(redline.blocks).find((section) => section.title === 'Pay')!;
    expect(pay.heading).toEqual(heading(1, 'Pay', 'pay'));
    expect(pay.blocks[0]).toEqual(
      paragraph(
        text('Basic pay is '),
        { type: 'strong', children: [deleted(text('£156,693')), inserted(text('£160,115'))] },
        text(' a year; see '),
        { type: 'link', href: 'https://example.org/scale', children: [text('the '), inserted(text('new ')), text('scale')] },
        text('.'),
      ),
    );
    // The table is still a table; its cell is marked where it changed.
    expect(pay.blocks[2]).toEqual({
      type: 'table',
      header: [[text('Stage')], [text('Date')]],
      rows: [[[text('Interview')], [deleted(text('20th')), inserted(text('27th')), text(' January')]]],
    });
  });

  it('puts a unit taken out back, deleted, where it was: a list item as a list item', () => {
    const pay = sectionsOf(redline.blocks).find((section) => section.title === 'Pay')!;
    expect(pay.blocks[1]).toEqual({
      type: 'list',
      ordered: false,
      items: [[paragraph(text('First'))], [paragraph(deleted(text('Second')))], [paragraph(text('Third'))]],
    });
  });

  it('puts a section taken out back, deleted, before the page break that ends the section it followed', () => {
    const pay = sectionsOf(redline.blocks).find((section) => section.title === 'Pay')!;
    expect(pay.blocks.slice(3)).toEqual([
      paragraph(deleted({ type: 'strong', children: [text('Gone')] })),
      paragraph(deleted(text('Old words.'))),
      { type: 'pageBreak' },
    ]);
  });

  it('marks a new section inserted, heading and all, and leaves the cover as it is', () => {
    const sections = sectionsOf(redline.blocks);
    expect(sections.map((section) => section.title)).toEqual(['Cover', 'Pay', 'New section']);
    expect(sections[0]!.blocks).toEqual(after.blocks.slice(0, 2));
    expect(sections[2]!.heading).toEqual({ type: 'heading', level: 1, id: 'new-section', children: [inserted(text('New section'))] });
    expect(sections[2]!.blocks).toEqual([paragraph(inserted(text('Added text.')))]);
  });

  it('reads, with its changes made, as the new version; and says who made them and when', () => {
    expect(textUnits(redline.blocks)).toEqual(textUnits(after.blocks));
    expect(redline.meta).toEqual({ ...after.meta, changes: { author: REDLINE_AUTHOR, date } });
  });

  it('marks nothing between a version and its own facts', () => {
    const own: PackFacts = { ...before, sections: sectionsOf(after.blocks).map((s) => ({ title: s.title, paragraphs: textUnits(s.blocks) })) };
    expect(redlineDocument(own, after).blocks).toEqual(after.blocks);
  });
});
