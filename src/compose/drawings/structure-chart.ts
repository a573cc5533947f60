// The structure chart, drawn from the organisation's posts where
// src/pack/structure-layout.ts places them (a tree, wide levels stacked), every
// box the same width and height. Titles wrap at spaces.
import type { DrawingColours } from './colours.js';
import { GlyphOutlines, letteringOf, num, wrap, type Lettering } from './glyphs.js';
import { svgDocument, type Drawing } from './svg.js';
import { CHART_WIDTH as WIDTH, GAP, layoutStructure, stackedReports, stackRows, treeOf, type ChartNode as Node, type Post } from '../../pack/structure-layout.js';

export type { Post };

const TITLE_SIZE = 8.5;
const HOLDER_SIZE = 8;
const PADDING = 5;
const LEVEL_GAP = 26;

const named = (post: Post) => (post.holder === null ? post.title : `${post.title} (${post.holder})`);

export function structureAlt(posts: readonly Post[]): string {
  const tree = treeOf(posts);
  if (tree === null) return '';
  const parts = [`${named(tree.post)} at the top`];
  const queue = [tree];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    if (node.children.length > 0) parts.push(`reporting to ${node.post.title}: ${node.children.map((c) => named(c.post)).join('; ')}`);
    queue.push(...node.children);
  }
  return `Organisation chart: ${parts.join('. ').replace(/\. reporting/g, '. Reporting')}.`;
}

/** The structure chart, or null when there are no posts (or they make no tree, which validate reports). */
export function drawStructureChart(posts: readonly Post[], colours: DrawingColours, lettering: Lettering = letteringOf()): Drawing | null {
  const layout = layoutStructure(posts);
  if (layout === null) return null;
  const { nodes, minX, span, box } = layout;
  const inset = (WIDTH - span * box) / 2;
  const textWidthInBox = box - 2 * PADDING;
  const texts = nodes.map((node) => ({
    title: wrap(node.post.title, lettering.bold, TITLE_SIZE, textWidthInBox),
    holder: node.post.holder === null ? [] : wrap(node.post.holder, lettering.regular, HOLDER_SIZE, textWidthInBox),
  }));
  const textHeight = (t: (typeof texts)[number]) => t.title.length * TITLE_SIZE * 1.2 + (t.holder.length > 0 ? 2 + t.holder.length * HOLDER_SIZE * 1.2 : 0);
  const boxHeight = Math.ceil(Math.max(...texts.map(textHeight)) + 2 * PADDING);
  const depth = Math.max(...nodes.map((n) => n.row)) + 1;
  const height = depth * boxHeight + (depth - 1) * LEVEL_GAP + 2;
  const centreX = (node: Node) => inset + (node.x - minX) * box;
  const top = (node: Node) => 1 + node.row * (boxHeight + LEVEL_GAP);
  const glyphs = new GlyphOutlines();
  const lines: string[] = [];
  const boxes: string[] = [];
  nodes.forEach((node, i) => {
    const x = centreX(node);
    const y = top(node);
    const stack = stackedReports(node);
    const spread = node.children.filter((child) => !stack.includes(child));
    if (stack.length > 0) {
      // A line down from the parent's centre, between the stack's two columns, and across to each post of the stack
      // (the boxes, drawn over it, hide the rest); on down to the reports below the stack, if it has any.
      const rowMiddle = (row: number) => 1 + row * (boxHeight + LEVEL_GAP) + boxHeight / 2;
      const end = spread.length > 0 ? y + (1 + stackRows(stack.length)) * (boxHeight + LEVEL_GAP) - LEVEL_GAP / 2 : rowMiddle(stack[stack.length - 1]!.row);
      lines.push(`M${num(x)} ${num(y + boxHeight)}V${num(end)}`);
      for (const child of stack) lines.push(`M${num(x)} ${num(rowMiddle(child.row))}H${num(centreX(child))}`);
    }
    if (spread.length > 0) {
      const middle = stack.length > 0 ? top(spread[0]!) - LEVEL_GAP / 2 : y + boxHeight + LEVEL_GAP / 2;
      const xs = spread.map(centreX);
      if (stack.length === 0) lines.push(`M${num(x)} ${num(y + boxHeight)}V${num(middle)}`);
      lines.push(`M${num(Math.min(...xs))} ${num(middle)}H${num(Math.max(...xs))}`);
      for (const cx of xs) lines.push(`M${num(cx)} ${num(middle)}V${num(middle + LEVEL_GAP / 2)}`);
    }
    const halfWidth = (box * (1 - GAP / 2)) / 2;
    boxes.push(`<rect x="${num(x - halfWidth)}" y="${num(y)}" width="${num(2 * halfWidth)}" height="${boxHeight}" rx="4" fill="${colours.headerFill}" stroke="${colours.heading}" stroke-width="1"/>`);
    const text = texts[i]!;
    const textTop = y + (boxHeight - textHeight(text)) / 2;
    boxes.push(glyphs.textBlock(text.title, lettering.bold, TITLE_SIZE, x, textTop, 'centre', colours.heading));
    boxes.push(glyphs.textBlock(text.holder, lettering.regular, HOLDER_SIZE, x, textTop + text.title.length * TITLE_SIZE * 1.2 + 2, 'centre', colours.text));
  });
  // The lines first, so the boxes sit on top of them.
  const parts = [glyphs.defs(), lines.length > 0 ? `<path d="${lines.join('')}" fill="none" stroke="${colours.muted}" stroke-width="1.2"/>` : '', ...boxes];
  return { svg: svgDocument(WIDTH, height, parts), width: WIDTH, height, alt: structureAlt(posts) };
}
