// Checks the posts of an organisation's structure chart: each `reportsTo:` names
// a post, no post reports (however far round) to itself, and exactly one post
// is at the top, so that the posts make one tree, which is what is drawn; and
// that the tree can be drawn readably in the page's width.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../pack/data-file.js';
import type { LoadedPack } from '../pack/loaded-pack.js';
import { closest } from '../pack/suggest.js';
import { MIN_BOX, layoutStructure, stackedReports } from '../pack/structure-layout.js';

export function checkStructurePosts(pack: LoadedPack): Diagnostic[] {
  const organisation = pack.organisation;
  const posts = organisation?.data.structure?.posts;
  if (!organisation || !posts || posts.length === 0) return [];
  const { file } = organisation;
  const at = (index: number, field: 'id' | 'reportsTo') => ['structure', 'posts', index, field];
  const found: Diagnostic[] = [];
  const byId = new Map<string, number>();
  posts.forEach((post, index) => {
    if (byId.has(post.id)) {
      found.push(diagnosticAt(file, at(index, 'id'), { code: 'duplicate-id', message: `post id "${post.id}" is used more than once`, hint: 'give each one its own id' }));
    } else byId.set(post.id, index);
  });
  posts.forEach((post, index) => {
    if (post.reportsTo === null || byId.has(post.reportsTo)) return;
    const near = closest(post.reportsTo, [...byId.keys()]);
    found.push(
      diagnosticAt(file, at(index, 'reportsTo'), {
        code: 'unknown-post',
        message: `post "${post.id}" reports to "${post.reportsTo}", which is not a post of the structure`,
        hint: near === undefined ? `posts: ${[...byId.keys()].join(', ')}` : `did you mean "${near}"?`,
      }),
    );
  });
  // A cycle: follow each post's line upwards; a post met twice on the way is in one. Each cycle is reported once, at its first post.
  const reported = new Set<string>();
  posts.forEach((post) => {
    const seen: string[] = [];
    let current: string | null = post.id;
    while (current !== null && byId.has(current) && !seen.includes(current)) {
      seen.push(current);
      current = posts[byId.get(current)!]!.reportsTo;
    }
    if (current === null || !byId.has(current)) return;
    const cycle = seen.slice(seen.indexOf(current));
    const first = [...cycle].sort((a, b) => byId.get(a)! - byId.get(b)!)[0]!;
    if (reported.has(first)) return;
    reported.add(first);
    const start = cycle.indexOf(first);
    const round = [...cycle.slice(start), ...cycle.slice(0, start), first];
    found.push(
      diagnosticAt(file, at(byId.get(first)!, 'reportsTo'), {
        code: 'reporting-cycle',
        message: `posts report to each other in a circle: ${round.map((id) => `"${id}"`).join(' → ')}`,
        hint: 'one post is at the top, with `reportsTo: null`; every other post reports to a post above it',
      }),
    );
  });
  const tops = posts.map((post, index) => ({ post, index })).filter(({ post }) => post.reportsTo === null);
  if (tops.length > 1) {
    found.push(
      diagnosticAt(file, at(tops[1]!.index, 'reportsTo'), {
        code: 'several-top-posts',
        message: `the structure has ${tops.length} posts at the top (${tops.map(({ post }) => `"${post.id}"`).join(', ')}); a chart has one`,
        hint: `give "${tops[1]!.post.id}" the post it reports to in \`reportsTo:\`, such as ${tops[0]!.post.id}`,
      }),
    );
  }
  if (found.length === 0) found.push(...tooWide(pack));
  return found;
}

/** A warning when even with its leaves stacked the chart's boxes would be too narrow to read: the posts side by side that have reports of their own. */
function tooWide(pack: LoadedPack): Diagnostic[] {
  const { file, data } = pack.organisation!;
  const layout = layoutStructure(data.structure!.posts);
  if (layout === null || layout.readable) return [];
  const sideBySide = (node: (typeof layout.nodes)[number]) => node.children.length - stackedReports(node).length;
  const widest = layout.nodes.reduce((a, b) => (sideBySide(b) > sideBySide(a) ? b : a));
  return [
    diagnosticAt(
      file,
      ['structure', 'posts'],
      {
        code: 'structure-chart-too-wide',
        message: `the structure chart is too wide to read: its boxes would be ${Math.floor(layout.box)} pt wide (${MIN_BOX} at least), with ${sideBySide(widest)} posts side by side under "${widest.post.id}"`,
        hint: 'list fewer posts, such as the top two levels; or remove `posts:` and give the chart a picture in `chart: image:`',
      },
      true,
    ),
  ];
}
