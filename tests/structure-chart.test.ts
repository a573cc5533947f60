// The structure chart stays readable when many posts stand side by side (a chief
// executive with ten directors): read back from the drawing's SVG, its boxes
// (<rect>s), its lines (the one <path>) and its titles (a <use> for each glyph,
// a line of a title being the glyphs on one baseline).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAWING_COLOURS } from '../src/compose/drawings/colours.js';
import { letteringOf } from '../src/compose/drawings/glyphs.js';
import { drawStructureChart, structureAlt, type Post } from '../src/compose/drawings/structure-chart.js';
import { parse } from 'yaml';
import { projectRoot } from './support/read-outputs.js';

const post = (id: string, title: string, reportsTo: string | null, holder: string | null = null): Post => ({ id, title, holder, reportsTo });

/** A council: a chief executive with ten directors, two of them with heads of service of their own. */
const COUNCIL: Post[] = [
  post('chief-executive', 'Chief Executive', null, 'Sam Patel'),
  post('housing', 'Director of Housing and Communities', 'chief-executive'),
  post('adults', 'Director of Adult Social Care', 'chief-executive'),
  post('children', "Director of Children's Services", 'chief-executive'),
  post('place', 'Director of Place and Regeneration', 'chief-executive'),
  post('finance', 'Director of Finance and Resources', 'chief-executive'),
  post('legal', 'Director of Law and Governance', 'chief-executive'),
  post('public-health', 'Director of Public Health', 'chief-executive'),
  post('environment', 'Director of Environment and Neighbourhoods', 'chief-executive'),
  post('people', 'Director of People and Organisational Development', 'chief-executive'),
  post('digital', 'Director of Digital and Customer Services', 'chief-executive'),
  post('housing-needs', 'Head of Housing Needs', 'housing'),
  post('tenancy', 'Head of Tenancy Services', 'housing'),
  post('communities', 'Head of Communities and Partnerships', 'housing'),
  post('head-of-finance', 'Head of Finance', 'finance'),
  post('revenues', 'Head of Revenues and Benefits', 'finance'),
];

/** The narrowest box drawn: a box of 80 pt, less its share of the gap between boxes. */
const MIN_DRAWN_BOX = 74;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxesOf = (svg: string): Box[] =>
  [...svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) }));

/** The glyph count of each line of each box's title, box by box (a box's title is its first <g> of glyphs, in the heading colour). */
function titleLines(svg: string): number[][] {
  const titles = [...svg.matchAll(new RegExp(`<g fill="${DEFAULT_DRAWING_COLOURS.heading}">(.*?)</g>`, 'g'))].map((m) => m[1]!);
  return titles.map((title) => {
    const counts = new Map<string, number>();
    for (const use of title.matchAll(/<use [^>]* y="([\d.-]+)"\/>/g)) counts.set(use[1]!, (counts.get(use[1]!) ?? 0) + 1);
    return [...counts.values()];
  });
}

/**
 * Whether lines of `counts` glyphs are `title`'s words, whole, a run of words to a line (a word broken across lines
 * leaves no such runs). A word's glyphs are counted by the font, which sets "fi" as one.
 */
function wholeWords(title: string, counts: readonly number[]): boolean {
  const words = title.split(' ').map((w) => letteringOf().bold.layout(w).glyphs.length);
  let w = 0;
  for (const count of counts) {
    let sum = 0;
    while (w < words.length && sum < count) sum += words[w++]!;
    if (sum !== count) return false;
  }
  return w === words.length;
}

type Segment = { x1: number; y1: number; x2: number; y2: number };

/** The straight pieces of the chart's lines (its path is only M, H and V). */
function segmentsOf(svg: string): Segment[] {
  const d = /<path d="([^"]*)" fill="none"/.exec(svg)?.[1] ?? '';
  const segments: Segment[] = [];
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MHV])([\d.-]+)(?: ([\d.-]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Number(b)];
    else if (op === 'H') segments.push({ x1: x, y1: y, x2: (x = Number(a)), y2: y });
    else segments.push({ x1: x, y1: y, x2: x, y2: (y = Number(a)) });
  }
  return segments;
}

const near = 0.02;
const touches = (s: Segment, t: Segment) =>
  Math.min(s.x1, s.x2) - near <= Math.max(t.x1, t.x2) && Math.min(t.x1, t.x2) - near <= Math.max(s.x1, s.x2) && Math.min(s.y1, s.y2) - near <= Math.max(t.y1, t.y2) && Math.min(t.y1, t.y2) - near <= Math.max(s.y1, s.y2);
const meets = (s: Segment, b: Box) => touches(s, { x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height });

/** For each group of lines that touch each other, the boxes they reach (by index). */
function lineGroups(svg: string, boxes: readonly Box[]): number[][] {
  const segments = segmentsOf(svg);
  const group = segments.map((_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  segments.forEach((s, i) => segments.forEach((t, j) => j > i && touches(s, t) && (group[find(i)] = find(j))));
  const reached = new Map<number, Set<number>>();
  segments.forEach((s, i) => boxes.forEach((b, k) => meets(s, b) && reached.set(find(i), (reached.get(find(i)) ?? new Set()).add(k))));
  return [...reached.values()].map((set) => [...set].sort((a, b) => a - b));
}

/** The posts as the chart draws them: the top post, then each post's reports after it, in the file's order. */
function drawnOrder(posts: readonly Post[]): Post[] {
  const under = (p: Post): Post[] => [p, ...posts.filter((c) => c.reportsTo === p.id).flatMap(under)];
  return under(posts.find((p) => p.reportsTo === null)!);
}

describe('the structure chart with many posts side by side', () => {
  it('draws each post once, in boxes at least 80 pt wide, titles broken only between words, each post joined to the one it reports to', () => {
    const svg = drawStructureChart(COUNCIL, DEFAULT_DRAWING_COLOURS)!.svg;
    const boxes = boxesOf(svg);
    const order = drawnOrder(COUNCIL);
    expect(boxes).toHaveLength(COUNCIL.length);
    for (const box of boxes) expect(box.width).toBeGreaterThanOrEqual(MIN_DRAWN_BOX);
    // Inside the drawing, and no two boxes overlap.
    for (const box of boxes) expect(box.x >= 0 && box.x + box.width <= 470).toBe(true);
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true)));
    const lines = titleLines(svg);
    expect(lines).toHaveLength(COUNCIL.length);
    order.forEach((p, i) => expect(wholeWords(p.title, lines[i]!), `${p.title}: ${lines[i]!.join(', ')}`).toBe(true));
    // Each post with reports: one group of lines reaching it and exactly its reports.
    const groups = lineGroups(svg, boxes).map((g) => g.join(','));
    for (const [i, p] of order.entries()) {
      const reports = order.flatMap((c, k) => (c.reportsTo === p.id ? [k] : []));
      if (reports.length > 0) expect(groups, p.id).toContain([i, ...reports].sort((a, b) => a - b).join(','));
    }
    expect(groups).toHaveLength(order.filter((p) => COUNCIL.some((c) => c.reportsTo === p.id)).length);
  });

  it('keeps its alternative text, and is the same bytes on every drawing', () => {
    expect(structureAlt(COUNCIL)).toBe(
      'Organisation chart: Chief Executive (Sam Patel) at the top. Reporting to Chief Executive: Director of Housing and Communities; Director of Adult Social Care; ' +
        "Director of Children's Services; Director of Place and Regeneration; Director of Finance and Resources; Director of Law and Governance; Director of Public Health; " +
        'Director of Environment and Neighbourhoods; Director of People and Organisational Development; Director of Digital and Customer Services. ' +
        'Reporting to Director of Housing and Communities: Head of Housing Needs; Head of Tenancy Services; Head of Communities and Partnerships. ' +
        'Reporting to Director of Finance and Resources: Head of Finance; Head of Revenues and Benefits.',
    );
    expect(drawStructureChart(COUNCIL, DEFAULT_DRAWING_COLOURS)!.svg).toBe(drawStructureChart([...COUNCIL], DEFAULT_DRAWING_COLOURS)!.svg);
  });

  it('draws a chart that fits exactly as before: the sample met-2020 chart is the same bytes', () => {
    const organisation = parse(readFileSync(path.join(projectRoot, 'packs/shared/organisations/met-2020.yaml'), 'utf8')) as { structure: { posts: Partial<Post>[] } };
    const posts = organisation.structure.posts.map((p) => ({ holder: null, reportsTo: null, ...p }) as Post);
    const svg = drawStructureChart(posts, DEFAULT_DRAWING_COLOURS)!.svg;
    // Drawn by the code before wide charts were stacked (tests/golden/met-2020-structure.svg).
    expect(svg).toBe(readFileSync(path.join(projectRoot, 'tests/golden/met-2020-structure.svg'), 'utf8'));
  });
});
