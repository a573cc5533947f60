// What the hint of a too-deep {{#each}} says of the project's own templates is
// true of them, as the check counts nesting (the partials they use included).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPartial, unregisterPartials } from '../src/compose/handlebars.js';
import { checkTemplateCost } from '../src/compose/template-cost.js';
import { MAX_EACH_NESTING } from '../src/pack/limits.js';
import { projectRoot } from './support/read-outputs.js';

const templates = path.join(projectRoot, 'templates');
const wrappedIn = (extra: number, source: string) => `${'{{#each list}}\n'.repeat(extra)}${source}\n${'{{/each}}\n'.repeat(extra)}`;
const tooDeep = (source: string) => checkTemplateCost('templates/sections/t.md.hbs', source).filter((d) => d.message.includes('nested'));

/** How deep {{#each}} nests in a template as the check counts it: found by wrapping it in more until the check refuses it. */
function eachNesting(source: string): number {
  for (let extra = 0; extra <= MAX_EACH_NESTING; extra++) if (tooDeep(wrappedIn(extra, source)).length > 0) return MAX_EACH_NESTING - extra + 1;
  return 0;
}

beforeAll(() => {
  for (const name of readdirSync(path.join(templates, 'partials'))) {
    registerPartial(name.replace(/\.hbs$/, ''), `templates/partials/${name}`, readFileSync(path.join(templates, 'partials', name), 'utf8'));
  }
});
afterAll(() => unregisterPartials());

describe('the hint of a too-deep {{#each}}', () => {
  it("says how deep the project's own templates nest, as the check counts it", () => {
    const deepest = Math.max(...readdirSync(path.join(templates, 'sections')).map((name) => eachNesting(readFileSync(path.join(templates, 'sections', name), 'utf8'))));
    expect(eachNesting('{{#each a}}{{#each b}}x{{/each}}{{/each}}')).toBe(2);
    const [refused] = tooDeep(wrappedIn(MAX_EACH_NESTING + 1, 'x'));
    expect(refused?.hint).toMatch(/the project's own templates nest at most \d+ deep/);
    expect(Number(/nest at most (\d+) deep/.exec(refused!.hint!)![1])).toBe(deepest);
  });
});
