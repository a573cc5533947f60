// Keeping a heading, or a paragraph that leads into what follows it, on a page
// with the start of what follows.
//
// A block the writer marks `keepWithNext` moves to the next page when fewer than
// two lines of what follows it would fit under it (or all of it, when what
// follows is one line before a section's end). Blocks so marked one after
// another are kept together: the first of them decides for all, since pdfmake
// asks about each block once and never again about one it has let stay.
//
// pdfmake's `pageBreakBefore` is the hook: after laying the document out, it
// asks the rule about each node in turn, breaks the page before the first it is
// told to, and lays the document out again. The getters it hands the rule
// (`getFollowingNodesOnPage` and the others) each read every node to the end of
// the document, so a rule calling them for each heading costs the number of
// headings times the number of nodes. Here the rule reads pdfmake's own list of
// laid-out nodes instead: indexed once for each layout, then only the few nodes
// after the block are read, up to two lines.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Where pdfmake placed a line (or a picture) of a node. */
interface PdfPosition {
  pageNumber: number;
  top: number;
}

/** A node of the document definition, as pdfmake lays it out (the definition's own object, with its positions added). */
interface PdfNode {
  positions: PdfPosition[];
  text?: unknown;
  image?: unknown;
  stack?: unknown;
  ul?: unknown;
  ol?: unknown;
  table?: unknown;
  columns?: unknown;
  toc?: unknown;
  style?: unknown;
  pageBreak?: string;
  keepWithNext?: boolean;
  /** Set by pdfmake on a node it has asked the rule about. */
  pageBreakCalculated?: boolean;
  /** What pdfmake hands the rule about this node, in the latest layout. */
  nodeInfo?: object;
}

interface LayoutBuilder {
  /** Every node of the latest layout, each before the nodes inside it. */
  linearNodeList: PdfNode[];
  layoutDocument(...args: unknown[]): unknown;
}

const { default: LayoutBuilderClass } = require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: LayoutBuilder } };

/** Where `layoutDocument` takes the definition's `pageBreakBefore`. */
const PAGE_BREAK_BEFORE_ARGUMENT = 8;

/** What one layout's nodes tell the rule: each node's place, and for each the first node of what follows it. */
interface Layout {
  indexOf: Map<object, number>;
  /** By index: the first node after it with lines of its own that is not kept with what follows it; -1 when a section's end comes first. */
  followedBy: Int32Array;
}

const layouts = new WeakMap<PdfNode[], Layout>();

/**
 * The document definition's `pageBreakBefore` that turns on the rule: it is replaced, as
 * pdfmake lays the document out, by one that reads the layout (see above). Called as it is,
 * it breaks no page.
 */
export function keepWithNext(): boolean {
  return false;
}

/** A node with lines of its own (text or a picture), rather than one that holds other nodes. */
function hasLines(node: PdfNode): boolean {
  return (
    node.positions.length > 0 &&
    node.stack === undefined &&
    node.ul === undefined &&
    node.ol === undefined &&
    node.table === undefined &&
    node.columns === undefined &&
    node.toc === undefined &&
    (node.image !== undefined || (node.text !== undefined && node.text !== ''))
  );
}

/**
 * Where what a block could be kept with ends: a page break the document asks for (a section's
 * start, not one this rule made: pdfmake marks the nodes it asked about), or the running
 * footer, laid out after the body.
 */
function endsSection(node: PdfNode): boolean {
  return (node.pageBreak === 'before' && node.pageBreakCalculated !== true) || node.style === 'footer' || node.columns !== undefined;
}

function layoutOf(nodes: PdfNode[]): Layout {
  let layout = layouts.get(nodes);
  if (layout) return layout;
  const indexOf = new Map<object, number>();
  const followedBy = new Int32Array(nodes.length);
  let next = -1;
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    const node = nodes[index]!;
    if (node.nodeInfo) indexOf.set(node.nodeInfo, index);
    followedBy[index] = next;
    if (endsSection(node)) next = -1;
    else if (hasLines(node) && !node.keepWithNext) next = index;
  }
  layout = { indexOf, followedBy };
  layouts.set(nodes, layout);
  return layout;
}

/** Whether the kept block at `index` must move to the next page: what follows starts there, or fewer than two of its lines fit under it. */
function mustMove(nodes: PdfNode[], index: number, layout: Layout): boolean {
  const block = nodes[index]!;
  const page = block.positions[block.positions.length - 1]!.pageNumber;
  const first = layout.followedBy[index]!;
  if (first === -1) return false;
  const tops = new Set<number>();
  for (let at = first; at < nodes.length; at += 1) {
    const node = nodes[at]!;
    if (endsSection(node)) return false;
    if (!hasLines(node)) continue;
    if (node.image !== undefined && node.positions[0]!.pageNumber === page) return false;
    for (const position of node.positions) {
      if (position.pageNumber !== page) return true;
      // Lines side by side (a table row's cells) are one line of the page.
      tops.add(position.top);
      if (tops.size >= 2) return false;
    }
  }
  return false;
}

// Written for pdfmake 0.3.11's layoutDocument and node list: another version must be read again first.
const pdfmakeVersion: string = require('pdfmake/package.json').version;
if (pdfmakeVersion !== '0.3.11') {
  throw new Error(`src/writers/pdf/keep-with-next.ts was written for pdfmake 0.3.11, not ${pdfmakeVersion}: compare layoutDocument and its pageBreakBefore`);
}
const layoutDocument = LayoutBuilderClass.prototype.layoutDocument;
LayoutBuilderClass.prototype.layoutDocument = function (this: LayoutBuilder, ...args: unknown[]) {
  if (args[PAGE_BREAK_BEFORE_ARGUMENT] === keepWithNext) {
    args[PAGE_BREAK_BEFORE_ARGUMENT] = (nodeInfo: object) => {
      const nodes = this.linearNodeList;
      const layout = layoutOf(nodes);
      const index = layout.indexOf.get(nodeInfo);
      return index !== undefined && nodes[index]!.keepWithNext === true && mustMove(nodes, index, layout);
    };
  }
  return layoutDocument.apply(this, args);
};
