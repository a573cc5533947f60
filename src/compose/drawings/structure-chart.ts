// The structure chart, drawn from the organisation's posts: a tree from the top
// post down, a level for each step of the reporting line, each post's box under
// the post it reports to, siblings side by side in the order the file lists
// them. Subtrees are packed as closely as their levels allow (a post with no
// reports may sit above another subtree's lower level), and every box has the
// same width: the widest the text width allows, at most MAX_BOX. Titles wrap.
import type { DrawingColours } from './colours.js';
import { GlyphOutlines, letteringOf, num, wrap, type Lettering } from './glyphs.js';
import { svgDocument, type Drawing } from './svg.js';

export interface Post {
  id: string;
  title: string;
  holder: string | null;
  reportsTo: string | null;
}

interface Node {
  post: Post;
  children: Node[];
  depth: number;
  /** The centre of its box, in box widths (a box is 1 wide, with GAP between boxes). */
  x: number;
}

const WIDTH = 470;
const MAX_BOX = 140;
const GAP = 0.14;
const TITLE_SIZE = 8.5;
const HOLDER_SIZE = 8;
const PADDING = 5;
const LEVEL_GAP = 26;

const named = (post: Post) => (post.holder === null ? post.title : `${post.title} (${post.holder})`);

/** The tree of posts from its one top post, or null when the posts do not make one tree (validate reports why). */
function treeOf(posts: readonly Post[]): Node | null {
  const tops = posts.filter((p) => p.reportsTo === null);
  if (tops.length !== 1) return null;
  let placed = 0;
  const grow = (post: Post, depth: number): Node => {
    placed += 1;
    return { post, depth, x: 0, children: posts.filter((p) => p.reportsTo === post.id && p !== post).map((p) => grow(p, depth + 1)) };
  };
  // A post in a cycle, or reporting to an unknown post, is never reached from the top.
  if (new Set(posts.map((p) => p.id)).size !== posts.length) return null;
  const tree = grow(tops[0]!, 0);
  return placed === posts.length ? tree : null;
}

/** Each level's leftmost and rightmost box edge in a subtree whose root is at 0. */
type Contour = { left: number[]; right: number[] };

/** Places a subtree with its root at x = 0: children side by side, each pushed right until it clears its elder siblings at every level. */
function place(node: Node): Contour {
  if (node.children.length === 0) return { left: [-0.5], right: [0.5] };
  const contours = node.children.map(place);
  const offsets: number[] = [];
  let merged: Contour = { left: [], right: [] };
  contours.forEach((contour, i) => {
    let offset = 0;
    if (i > 0) {
      offset = -Infinity;
      for (let level = 0; level < Math.min(contour.left.length, merged.right.length); level++) offset = Math.max(offset, merged.right[level]! + GAP - contour.left[level]!);
    }
    offsets.push(offset);
    const shifted = { left: contour.left.map((v) => v + offset), right: contour.right.map((v) => v + offset) };
    const levels = Math.max(merged.left.length, shifted.left.length);
    merged = {
      left: Array.from({ length: levels }, (_, l) => Math.min(merged.left[l] ?? Infinity, shifted.left[l] ?? Infinity)),
      right: Array.from({ length: levels }, (_, l) => Math.max(merged.right[l] ?? -Infinity, shifted.right[l] ?? -Infinity)),
    };
  });
  // The parent centred over its first and last child.
  const centre = (offsets[0]! + offsets[offsets.length - 1]!) / 2;
  node.children.forEach((child, i) => shift(child, offsets[i]! - centre));
  return { left: [-0.5, ...merged.left.map((v) => v - centre)], right: [0.5, ...merged.right.map((v) => v - centre)] };
}

function shift(node: Node, by: number): void {
  node.x += by;
  for (const child of node.children) shift(child, by);
}

const all = (node: Node): Node[] => [node, ...node.children.flatMap(all)];

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
  const tree = treeOf(posts);
  if (tree === null) return null;
  const contour = place(tree);
  const minX = Math.min(...contour.left);
  const span = Math.max(...contour.right) - minX;
  const box = Math.min(MAX_BOX, WIDTH / span);
  const inset = (WIDTH - span * box) / 2;
  const nodes = all(tree);
  const textWidthInBox = box - 2 * PADDING;
  const texts = nodes.map((node) => ({
    title: wrap(node.post.title, lettering.bold, TITLE_SIZE, textWidthInBox),
    holder: node.post.holder === null ? [] : wrap(node.post.holder, lettering.regular, HOLDER_SIZE, textWidthInBox),
  }));
  const textHeight = (t: (typeof texts)[number]) => t.title.length * TITLE_SIZE * 1.2 + (t.holder.length > 0 ? 2 + t.holder.length * HOLDER_SIZE * 1.2 : 0);
  const boxHeight = Math.ceil(Math.max(...texts.map(textHeight)) + 2 * PADDING);
  const depth = Math.max(...nodes.map((n) => n.depth)) + 1;
  const height = depth * boxHeight + (depth - 1) * LEVEL_GAP + 2;
  const centreX = (node: Node) => inset + (node.x - minX) * box;
  const top = (node: Node) => 1 + node.depth * (boxHeight + LEVEL_GAP);
  const glyphs = new GlyphOutlines();
  const lines: string[] = [];
  const boxes: string[] = [];
  nodes.forEach((node, i) => {
    const x = centreX(node);
    const y = top(node);
    if (node.children.length > 0) {
      const middle = y + boxHeight + LEVEL_GAP / 2;
      const xs = node.children.map(centreX);
      lines.push(`M${num(x)} ${num(y + boxHeight)}V${num(middle)}M${num(Math.min(...xs))} ${num(middle)}H${num(Math.max(...xs))}`);
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
