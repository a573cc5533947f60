// Plain values (names, titles, addresses, table cells: every field whose schema
// is not `markdown`) print exactly as written. Escaping them for Markdown would
// have to follow every place a template may put them (a table cell, a link, a
// heading, the start of a line); instead the Markdown parser never sees them.
// Each plain value is given to the template as a token that Markdown reads as an
// ordinary word, and after parsing each token is put back as a literal text run,
// a newline in it as a line break. So `__jobs__@example.org` stays itself, `2*3*4`
// keeps its stars, and a `|` or a newline in a table cell stays in its cell.
import type { Block, Inline } from '../model/document.js';
import { isMarkdown } from '../schema/common.js';

// Unicode noncharacters: never text, so never in a value once loaded (load refuses them).
const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const TOKEN = /\uFDD0(\d+)\uFDD1/g;
const MARKERS = /[\uFDD0\uFDD1]/g;

interface SchemaNode {
  def?: { type?: string; innerType?: unknown; element?: unknown; valueType?: unknown };
  shape?: Record<string, unknown>;
}

/** A schema without its nullable, default and optional wrappers. */
function unwrap(schema: unknown): SchemaNode | undefined {
  let node = schema as SchemaNode | undefined;
  while (node?.def && (node.def.type === 'nullable' || node.def.type === 'default' || node.def.type === 'optional')) {
    node = node.def.innerType as SchemaNode;
  }
  return node;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

export class PlainValues {
  private readonly values: string[] = [];

  /**
   * A copy of a template's context in which every plain string is a token, and
   * prose (a string whose schema is `markdown`) is as it was. `schema` says
   * what the context is made of; a part it does not describe is plain.
   */
  tokenise(value: unknown, schema: unknown): unknown {
    if (typeof value === 'string') {
      if (isMarkdown(schema)) return value.replace(MARKERS, '');
      // An empty value stays empty, so that {{#if}} reads it as before.
      if (value === '') return value;
      this.values.push(value);
      return `${OPEN}${this.values.length - 1}${CLOSE}`;
    }
    const node = unwrap(schema);
    if (Array.isArray(value)) {
      const element = node?.def?.type === 'array' ? node.def.element : undefined;
      return value.map((item) => this.tokenise(item, element));
    }
    if (isPlainObject(value)) {
      const field = (key: string) => (node?.def?.type === 'record' ? node.def.valueType : node?.shape && Object.hasOwn(node.shape, key) ? node.shape[key] : undefined);
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, this.tokenise(inner, field(key))]));
    }
    return value;
  }

  /** Text with each token replaced by its value, as written: for a link's target, an image's key, a message. */
  text(text: string): string {
    return text.replace(TOKEN, (whole, index: string) => this.values[Number(index)] ?? whole);
  }

  /** Inlines with each token put back as a text run; a line break in a value is a line break. */
  inlines(inlines: Inline[]): Inline[] {
    const out: Inline[] = [];
    const pushText = (text: string) => {
      if (text === '') return;
      const last = out[out.length - 1];
      if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + text };
      else out.push({ type: 'text', text });
    };
    for (const inline of inlines) {
      switch (inline.type) {
        case 'text': {
          let at = 0;
          for (const match of inline.text.matchAll(TOKEN)) {
            pushText(inline.text.slice(at, match.index));
            const value = this.values[Number(match[1])] ?? match[0];
            value.split(/\r\n|\r|\n/).forEach((line, i) => {
              if (i > 0) out.push({ type: 'break' });
              pushText(line);
            });
            at = match.index + match[0].length;
          }
          pushText(inline.text.slice(at));
          break;
        }
        case 'link':
          out.push({ type: 'link', href: this.text(inline.href), children: this.inlines(inline.children) });
          break;
        case 'break':
          out.push(inline);
          break;
        default:
          out.push({ ...inline, children: this.inlines(inline.children) });
      }
    }
    return out;
  }

  blocks(blocks: Block[]): Block[] {
    return blocks.map((block): Block => {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          return { ...block, children: this.inlines(block.children) };
        case 'list':
          return { ...block, items: block.items.map((item) => this.blocks(item)) };
        case 'table':
          return { ...block, header: block.header.map((cell) => this.inlines(cell)), rows: block.rows.map((row) => row.map((cell) => this.inlines(cell))) };
        case 'image':
          return { ...block, alt: this.text(block.alt) };
        case 'contents':
          return { ...block, title: this.text(block.title) };
        default:
          return block;
      }
    });
  }
}
