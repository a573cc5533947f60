// What makes a template plainly too costly to render, found from its text
// before rendering, at the line where it is written:
// - an {{#each @root}}, which goes through the whole data: each one inside
//   another multiplies the work by the size of the data;
// - {{#each}} nested past MAX_EACH_NESTING, counting those in the partials used;
// - a partial that includes itself, directly or through other partials, which
//   would render without end.
// The data is not needed, so this holds for every pack. What it cannot see
// (long lists, long texts shown many times) the render's budget stops
// (render-budget.ts).
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_EACH_NESTING } from '../pack/limits.js';
import { parseTemplate, partialSources } from './handlebars.js';
import { diagnosticAtNode, type InFile, type Position } from './template-check.js';

// Handlebars' syntax tree, as far as this walk reads it.
interface Node {
  type: string;
  path?: { type: string; original?: string; data?: boolean; parts?: string[] };
  name?: { type: string; original?: string };
  params?: { type: string; original?: string; data?: boolean; parts?: string[] }[];
  program?: { body: Node[] } | null;
  inverse?: { body: Node[] } | null;
  loc: Position;
}

/** `@root` itself, the whole data (not a field of it, like `@root.role`). */
function isWholeData(param: NonNullable<Node['params']>[number] | undefined): boolean {
  return param?.type === 'PathExpression' && param.data === true && param.parts?.length === 1 && param.parts[0] === 'root';
}

export const EACH_OVER_ROOT_HINT = 'go through one list in it, like {{#each role.responsibilities}}';

/** The first thing that makes a section's template too costly to render, if any; partials are those registered. */
export function checkTemplateCost(file: string, source: string): Diagnostic[] {
  // The partials being walked, outermost first, and those walked already at each depth of {{#each}}.
  const using: string[] = [];
  const walked = new Set<string>();

  const walk = (body: Node[], depth: number, inFile: InFile): Diagnostic | undefined => {
    for (const node of body) {
      let found: Diagnostic | undefined;
      if (node.type === 'BlockStatement') {
        const isEach = node.path?.original === 'each';
        if (isEach && isWholeData(node.params?.[0])) {
          return diagnosticAtNode(inFile, node.loc, {
            code: 'template-too-costly',
            message: '{{#each @root}} goes through the whole data, which is not allowed',
            hint: EACH_OVER_ROOT_HINT,
          });
        }
        const inside = isEach ? depth + 1 : depth;
        if (inside > MAX_EACH_NESTING) {
          return diagnosticAtNode(inFile, node.loc, {
            code: 'template-too-costly',
            message: `this {{#each}} is nested ${inside} deep; {{#each}} may nest at most ${MAX_EACH_NESTING} deep`,
            // The figure is the project's own deepest (framework-behaviours: groups, competencies, indicators, bullets); tests/template-cost.test.ts keeps it true.
            hint: 'each {{#each}} inside another multiplies how often its text repeats; the project\'s own templates nest at most 4 deep, counting the partials they use',
          });
        }
        found = (node.program && walk(node.program.body, inside, inFile)) || (node.inverse && walk(node.inverse.body, depth, inFile)) || undefined;
      } else if (node.type === 'PartialStatement' && node.name?.type === 'PathExpression') {
        // Partials chosen at run time, and partials that do not exist, are the field check's to report.
        const name = node.name.original ?? '';
        const partial = partialSources.get(name);
        if (!partial) continue;
        if (using.includes(name)) {
          const through = using.slice(using.indexOf(name) + 1);
          return diagnosticAtNode(inFile, node.loc, {
            code: 'partial-uses-itself',
            message: `partial "${name}" uses itself${through.length > 0 ? `, through ${through.map((p) => `"${p}"`).join(', ')}` : ''}`,
            hint: 'a partial may not include itself, directly or through other partials: it would never end',
          });
        }
        // A partial walked at this depth already has nothing new to say (and walking it again could take exponential time).
        const key = `${name}@${depth}`;
        if (walked.has(key)) continue;
        using.push(name);
        found = walk((parseTemplate(partial.source) as unknown as { body: Node[] }).body, depth, partial);
        using.pop();
        walked.add(key);
      }
      if (found) return found;
    }
    return undefined;
  };

  const found = walk((parseTemplate(source) as unknown as { body: Node[] }).body, 0, { file, source });
  return found ? [found] : [];
}
