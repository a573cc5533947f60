// What templates may write, and the document-model blocks it becomes.
import { describe, expect, it } from 'vitest';
import type { Block } from '../src/model/document.js';
import { markdownToBlocks } from '../src/compose/markdown.js';

describe('Markdown to the document model', () => {
  it('reads headings, paragraphs with bold, italic and links, and lists', () => {
    const { blocks, unsupported } = markdownToBlocks(
      '# Title\n\nSome **bold** and *italic* text, and a [link](mailto:a@b.org).\n\n- one\n- two\n',
    );
    expect(unsupported).toEqual([]);
    expect(blocks).toEqual([
      { type: 'heading', level: 1, id: '', children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        style: 'normal',
        children: [
          { type: 'text', text: 'Some ' },
          { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'emphasis', children: [{ type: 'text', text: 'italic' }] },
          { type: 'text', text: ' text, and a ' },
          { type: 'link', href: 'mailto:a@b.org', children: [{ type: 'text', text: 'link' }] },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          [{ type: 'paragraph', style: 'normal', children: [{ type: 'text', text: 'one' }] }],
          [{ type: 'paragraph', style: 'normal', children: [{ type: 'text', text: 'two' }] }],
        ],
      },
    ]);
  });

  it('keeps the number a numbered list starts from, when it is not 1', () => {
    const item = (text: string): Block[] => [{ type: 'paragraph', style: 'normal', children: [{ type: 'text', text }] }];
    expect(markdownToBlocks('3. three\n4. four\n\nThen\n\n1. one\n').blocks).toEqual([
      { type: 'list', ordered: true, start: 3, items: [item('three'), item('four')] },
      { type: 'paragraph', style: 'normal', children: [{ type: 'text', text: 'Then' }] },
      { type: 'list', ordered: true, items: [item('one')] },
    ]);
  });

  it('reads a table with its header row, and <br> inside a cell', () => {
    const { blocks } = markdownToBlocks('| A | B |\n| --- | --- |\n| **x**<br>y | £1 & 2 |\n');
    expect(blocks).toEqual([
      {
        type: 'table',
        header: [[{ type: 'text', text: 'A' }], [{ type: 'text', text: 'B' }]],
        rows: [
          [
            [{ type: 'strong', children: [{ type: 'text', text: 'x' }] }, { type: 'break' }, { type: 'text', text: 'y' }],
            [{ type: 'text', text: '£1 & 2' }],
          ],
        ],
      },
    ]);
  });

  it('keeps quotes, dashes and ampersands as they are written', () => {
    const { blocks } = markdownToBlocks('‘New Scotland Yard’ – “quoted” & 5 < 6');
    expect(blocks).toEqual([{ type: 'paragraph', style: 'normal', children: [{ type: 'text', text: '‘New Scotland Yard’ – “quoted” & 5 < 6' }] }]);
  });

  it('turns <!-- page-break --> into a page break and ignores other comments', () => {
    const { blocks, unsupported } = markdownToBlocks('a\n\n<!-- page-break -->\n\n<!-- a note -->\n\nb\n');
    expect(unsupported).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'pageBreak', 'paragraph']);
  });

  it('reports what the document model cannot carry instead of dropping it', () => {
    expect(markdownToBlocks('```\ncode\n```\n').unsupported).toEqual(['a code block']);
    expect(markdownToBlocks('See ![logo](x.png) here').unsupported).toEqual([
      'an image inside text, a list or a table (put "![logo](x.png)" in a paragraph of its own)',
    ]);
  });

  it('turns an image on a paragraph of its own into the block its resolver gives, and lists the ones it does not know', () => {
    const known: Block = { type: 'image', format: 'png', data: new Uint8Array([1]), width: 4, height: 2, alt: 'A & B' };
    const seen: string[] = [];
    const result = markdownToBlocks('![A &amp; B](<charts/one.png>)\n\n![other](two.png)\n', (src, alt) => {
      seen.push(`${src}|${alt}`);
      return src === 'charts/one.png' ? known : undefined;
    });
    expect(seen).toEqual(['charts/one.png|A & B', 'two.png|other']);
    expect(result.blocks).toEqual([known]);
    expect(result.unknownImages).toEqual(['two.png']);
    expect(result.unsupported).toEqual([]);
  });
});
