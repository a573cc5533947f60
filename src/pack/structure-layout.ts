// Where each box of the structure chart goes: a tree from the top post down, a
// row for each step of the reporting line, each post's box under the post it
// reports to, siblings side by side in the order the file lists them. Subtrees
// are packed as closely as their rows allow (a post with no reports may sit
// above another subtree's lower row), and every box has the same width: the
// widest the page allows, at most MAX_BOX.
//
// A wide level would make that width unreadable (ten directors side by side
// leave 40 pt a box, and titles broken mid-word). So when the boxes would be
// narrower than MIN_BOX, the posts with no reports of their own are taken out
// of the row, one parent at a time (the one with most such posts first), and
// stacked under their parent in two columns either side of a line down from it,
// as organisation charts do; the parent's other reports hang side by side below
// the stack. A chart that fits is laid out exactly as before. Shared by the
// drawing (compose) and its check (validate), so the warning and the picture
// never disagree; pure geometry, in box widths, so the check needs no font.

export interface Post {
  id: string;
  title: string;
  holder: string | null;
  reportsTo: string | null;
}

export interface ChartNode {
  post: Post;
  children: ChartNode[];
  /** Its row, 0 for the top post. */
  row: number;
  /** The centre of its box, in box widths (a box is 1 wide, with GAP between boxes). */
  x: number;
  /** Whether its reports with no reports of their own are stacked under it, rather than side by side. */
  stacked: boolean;
}

export interface ChartLayout {
  root: ChartNode;
  /** Every post's node, top down, each before its reports, in the file's order among siblings. */
  nodes: ChartNode[];
  /** The leftmost box edge, in box widths. */
  minX: number;
  /** From the leftmost to the rightmost box edge, in box widths. */
  span: number;
  /** The width of a box (with its share of the gap), in points. */
  box: number;
  /** Whether the boxes are at least MIN_BOX wide. */
  readable: boolean;
}

export const CHART_WIDTH = 470;
export const MAX_BOX = 140;
/** The narrowest box that is readable: a title's longest ordinary word ("Neighbourhoods") fits a line of its own. */
export const MIN_BOX = 80;
export const GAP = 0.14;

/** The tree of posts from its one top post, or null when the posts do not make one tree (validate reports why). */
export function treeOf(posts: readonly Post[]): ChartNode | null {
  const tops = posts.filter((p) => p.reportsTo === null);
  if (tops.length !== 1) return null;
  let placed = 0;
  const grow = (post: Post, row: number): ChartNode => {
    placed += 1;
    return { post, row, x: 0, stacked: false, children: posts.filter((p) => p.reportsTo === post.id && p !== post).map((p) => grow(p, row + 1)) };
  };
  // A post in a cycle, or reporting to an unknown post, is never reached from the top.
  if (new Set(posts.map((p) => p.id)).size !== posts.length) return null;
  const tree = grow(tops[0]!, 0);
  return placed === posts.length ? tree : null;
}

export const allNodes = (node: ChartNode): ChartNode[] => [node, ...node.children.flatMap(allNodes)];

const isLeaf = (node: ChartNode) => node.children.length === 0;

/** The reports of a stacked post drawn in its stack (those with no reports of their own); none for a post that is not stacked. */
export const stackedReports = (node: ChartNode): ChartNode[] => (node.stacked ? node.children.filter(isLeaf) : []);

/** The rows a stack of `count` posts takes, two a row. */
export const stackRows = (count: number): number => Math.ceil(count / 2);

/** Each row's leftmost and rightmost box edge in a subtree whose root is at 0. */
type Contour = { left: number[]; right: number[] };

/** Places subtrees side by side, each pushed right until it clears its elder siblings at every row, centred on 0 between the first and the last. */
function sideBySide(children: readonly ChartNode[]): Contour {
  const contours = children.map(place);
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
  children.forEach((child, i) => shift(child, offsets[i]! - centre));
  return { left: merged.left.map((v) => v - centre), right: merged.right.map((v) => v - centre) };
}

/** Places a subtree with its root at x = 0, its reports in rows below it. */
function place(node: ChartNode): Contour {
  if (isLeaf(node)) return { left: [-0.5], right: [0.5] };
  const stack = stackedReports(node);
  const spread = node.children.filter((child) => !stack.includes(child));
  // The stack: two a row, either side of the line down from the parent's centre.
  const half = 0.5 + GAP / 2;
  stack.forEach((child, i) => (child.x = i % 2 === 0 ? -half : half));
  const stackContour = Array.from({ length: stackRows(stack.length) }, () => ({ left: -2 * half + GAP / 2, right: 2 * half - GAP / 2 }));
  const below = spread.length > 0 ? sideBySide(spread) : { left: [], right: [] };
  return {
    left: [-0.5, ...stackContour.map((r) => r.left), ...below.left],
    right: [0.5, ...stackContour.map((r) => r.right), ...below.right],
  };
}

function shift(node: ChartNode, by: number): void {
  node.x += by;
  for (const child of node.children) shift(child, by);
}

/** Each post's row: a stacked report in its stack's row, the other reports below the stack. */
function assignRows(node: ChartNode, row: number): void {
  node.row = row;
  const stack = stackedReports(node);
  stack.forEach((child, i) => assignRows(child, row + 1 + Math.floor(i / 2)));
  for (const child of node.children) if (!stack.includes(child)) assignRows(child, row + 1 + stackRows(stack.length));
}

function measure(root: ChartNode, nodes: ChartNode[]): ChartLayout {
  for (const node of nodes) node.x = 0;
  assignRows(root, 0);
  const contour = place(root);
  const minX = Math.min(...contour.left);
  const span = Math.max(...contour.right) - minX;
  const box = Math.min(MAX_BOX, CHART_WIDTH / span);
  return { root, nodes, minX, span, box, readable: box >= MIN_BOX };
}

/**
 * The chart's layout, or null when the posts make no tree. When side by side is too narrow, stacks
 * the reports with no reports of their own, one parent at a time (most such reports first, then
 * the file's order), until the boxes are readable or nothing is left to stack; `readable` says which.
 */
export function layoutStructure(posts: readonly Post[]): ChartLayout | null {
  const root = treeOf(posts);
  if (root === null) return null;
  const nodes = allNodes(root);
  let layout = measure(root, nodes);
  const leaves = (node: ChartNode) => node.children.filter(isLeaf).length;
  const candidates = nodes.filter((node) => leaves(node) >= 2).sort((a, b) => leaves(b) - leaves(a));
  for (const candidate of candidates) {
    if (layout.readable) break;
    candidate.stacked = true;
    layout = measure(root, nodes);
  }
  return layout;
}
