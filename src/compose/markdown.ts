// Turns the Markdown a template renders into document-model blocks, using
// marked's lexer (GitHub-flavoured: tables, autolinks). Only the constructs the
// document model can carry are accepted; anything else is reported, never dropped.
import { Lexer, type Token, type Tokens } from 'marked';
import { plainText, type Block, type Inline } from '../model/document.js';

/** `<!-- page-break -->` on a line of its own forces a new page. */
const PAGE_BREAK = /^<!--\s*page-break\s*-->\s*$/;
const BR = /^<br\s*\/?>$/i;

export interface MarkdownResult {
  blocks: Block[];
  /** Constructs the model cannot carry, named for a person ("a code block"). */
  unsupported: string[];
  /** Images (`![alt](src)`) that `image` did not know. */
  unknownImages: string[];
}

/**
 * `image` turns an image on a paragraph of its own into a block, given its
 * source and alt text; it returns undefined for a source it does not know.
 */
export function markdownToBlocks(markdown: string, image: (src: string, alt: string) => Block | null | undefined = () => undefined): MarkdownResult {
  const unsupported: string[] = [];
  const unknownImages: string[] = [];
  const tokens = new Lexer({ gfm: true }).lex(markdown);

  const inlines = (list: Token[] | undefined): Inline[] => {
    const out: Inline[] = [];
    for (const token of list ?? []) {
      switch (token.type) {
        case 'text':
        case 'escape': {
          const t = token as Tokens.Text;
          if (t.tokens && t.tokens.length > 0) out.push(...inlines(t.tokens));
          else out.push({ type: 'text', text: decodeEntities(t.text) });
          break;
        }
        case 'strong':
          out.push({ type: 'strong', children: inlines((token as Tokens.Strong).tokens) });
          break;
        case 'em':
          out.push({ type: 'emphasis', children: inlines((token as Tokens.Em).tokens) });
          break;
        case 'link':
          out.push({ type: 'link', href: (token as Tokens.Link).href, children: inlines((token as Tokens.Link).tokens) });
          break;
        case 'br':
          out.push({ type: 'break' });
          break;
        case 'image':
          unsupported.push(`an image inside text, a list or a table (put "${(token as Tokens.Image).raw}" in a paragraph of its own)`);
          break;
        case 'codespan':
          out.push({ type: 'text', text: decodeEntities((token as Tokens.Codespan).text) });
          break;
        case 'html':
          if (BR.test((token as Tokens.HTML).text.trim())) out.push({ type: 'break' });
          else unsupported.push(`HTML "${(token as Tokens.HTML).text.trim()}"`);
          break;
        default:
          unsupported.push(`inline ${token.type}`);
      }
    }
    return mergeText(out);
  };

  const blocks = (list: Token[]): Block[] => {
    const out: Block[] = [];
    for (const token of list) {
      switch (token.type) {
        case 'space':
          break;
        case 'heading': {
          const t = token as Tokens.Heading;
          if (t.depth > 3) unsupported.push(`a level-${t.depth} heading (use #, ## or ###)`);
          out.push({ type: 'heading', level: Math.min(t.depth, 3) as 1 | 2 | 3, id: '', children: inlines(t.tokens) });
          break;
        }
        case 'paragraph': {
          const children = (token as Tokens.Paragraph).tokens.filter((t) => !(t.type === 'text' && t.raw.trim() === ''));
          if (children.length === 1 && children[0]!.type === 'image') {
            const picture = children[0] as Tokens.Image;
            const block = image(picture.href, decodeEntities(picture.text));
            if (block) out.push(block);
            else if (block === undefined) unknownImages.push(picture.href);
          } else {
            out.push({ type: 'paragraph', style: 'normal', children: inlines((token as Tokens.Paragraph).tokens) });
          }
          break;
        }
        case 'text': {
          // Text directly inside a tight list item.
          const t = token as Tokens.Text;
          out.push({ type: 'paragraph', style: 'normal', children: inlines(t.tokens ?? [{ type: 'text', raw: t.raw, text: t.text } as Tokens.Text]) });
          break;
        }
        case 'list': {
          const t = token as Tokens.List;
          // A numbered list written from another number ("3. …") starts there in both formats.
          const start = t.ordered && typeof t.start === 'number' && t.start !== 1 ? { start: t.start } : {};
          out.push({ type: 'list', ordered: t.ordered, ...start, items: t.items.map((item) => blocks(item.tokens)) });
          break;
        }
        case 'table': {
          const t = token as Tokens.Table;
          out.push({
            type: 'table',
            header: t.header.map((cell) => inlines(cell.tokens)),
            rows: t.rows.map((row) => row.map((cell) => inlines(cell.tokens))),
          });
          break;
        }
        case 'html': {
          const html = (token as Tokens.HTML).text.trim();
          if (PAGE_BREAK.test(html)) out.push({ type: 'pageBreak' });
          else if (!/^<!--[\s\S]*-->$/.test(html)) unsupported.push(`HTML "${html.slice(0, 40)}"`);
          break;
        }
        default:
          unsupported.push(`a ${token.type} block`);
      }
    }
    return markLeads(out);
  };

  return { blocks: blocks(tokens), unsupported, unknownImages };
}

/**
 * Marks each paragraph that leads into what follows it, to be kept with it on a page: one
 * whose whole text is bold, or a heading's note (its whole text italic, under the heading),
 * followed by body text (a paragraph, a list, a table or a picture) in the same run of
 * blocks; or a short one ending in a colon ("Plus:", "You will need:") followed by the list
 * or table it introduces. One before a heading or at the end introduces nothing.
 */
function markLeads(blocks: Block[]): Block[] {
  return blocks.map((block, index) => {
    const next = blocks[index + 1];
    if (block.type !== 'paragraph' || next === undefined) return block;
    const introduces = next.type !== 'heading' && next.type !== 'pageBreak' && next.type !== 'contents';
    const headingNote = blocks[index - 1]?.type === 'heading' && wholeText(block.children, 'emphasis');
    const leadsIn =
      (introduces && (wholeText(block.children, 'strong') || headingNote)) ||
      ((next.type === 'list' || next.type === 'table') && endsWithColon(block.children));
    return leadsIn ? { ...block, keepWithNext: true } : block;
  });
}

/** A lead-in this long or shorter ending in a colon is kept with its list or table; a longer paragraph may be left on its page. */
const LEAD_IN_LENGTH = 200;

function endsWithColon(inlines: Inline[]): boolean {
  const text = plainText(inlines).trim();
  return text.length <= LEAD_IN_LENGTH && text.endsWith(':');
}

/** Whether some inlines are one run of bold (or italic) text, but for spaces around it. */
function wholeText(inlines: Inline[], style: 'strong' | 'emphasis'): boolean {
  const printed = inlines.filter((inline) => !(inline.type === 'text' && inline.text.trim() === ''));
  return printed.length === 1 && printed[0]!.type === style;
}

/** Joins neighbouring text runs, so writers see one run per stretch of plain text. */
function mergeText(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const last = out[out.length - 1];
    if (inline.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + inline.text };
    else out.push(inline);
  }
  return out;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' };

/** marked escapes &, <, >, " and ' in text; the document model wants the characters themselves. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => entities[name]!);
}
