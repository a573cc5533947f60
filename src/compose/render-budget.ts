// A bound on the work of rendering one section. Templates are written by HR
// teams, and an {{#each}} inside an {{#each}} multiplies: seven of them over the
// whole data take seconds, eight take a minute, and a few more would run for
// days or fill the memory. The static checks (template-cost.ts) refuse what is
// plainly costly before rendering; this counts while rendering, so that what
// they cannot see (long lists in the data, long texts shown many times,
// partials used many times over) still stops, with a diagnostic, at a bound.
//
// Two counts, both of which every render runs through:
// - repeats: each turn of an {{#each}} and each partial used. Every other
//   construct runs at most once per turn or use, so the work of a render is at
//   most this many times the size of its templates;
// - characters: the text the turns and partials have made so far. Handlebars
//   builds its output by concatenation, so the text a turn makes is known when it
//   ends; counting only what a turn adds itself (not what the turns inside it
//   made, counted already) keeps the count to the text actually made.
import { formatCount } from '../pack/text-measure.js';
import { MAX_RENDER_REPEATS, MAX_SECTION_CHARACTERS } from '../pack/limits.js';

/** Where Handlebars says a block starts and ends (lines 1-based, columns 0-based). */
export interface BlockLocation {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** A render stopped at a bound: at the outermost {{#each}} then running, in `file` (a partial's file; undefined for the section's own template). */
export class RenderTooCostly extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly location: BlockLocation | undefined,
  ) {
    super(message);
    this.name = 'RenderTooCostly';
  }
}

export const RENDER_TOO_COSTLY_HINT =
  'an {{#each}} inside another multiplies what it repeats: check for one that goes through the same list again, or a long text shown in every turn';

type HelperOptions = { fn?: (item: unknown, options?: unknown) => string; loc?: BlockLocation };
type Helper = (this: unknown, ...args: unknown[]) => unknown;

export class RenderBudget {
  private repeats = 0;
  private characters = 0;
  /** For each turn or partial use under way, innermost last: the characters made by the turns and partial uses inside it. */
  private readonly inner: number[] = [];
  /** The partials being rendered, innermost last: where an {{#each}} met now is written. */
  private readonly partialFiles: string[] = [];
  /** The outermost {{#each}} under way, if any: where a stop is reported. */
  private outermostEach: { file: string | undefined; location: BlockLocation | undefined } | undefined;

  /** Handlebars' `each`, counting every turn. */
  each(original: Helper): Helper {
    const budget = this;
    return function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as HelperOptions | undefined;
      const fn = options?.fn;
      // Without a block to run (`{{#each}}` given nothing), Handlebars' own helper reports it.
      if (!options || typeof fn !== 'function') return original.apply(this, args);
      const outermost = budget.outermostEach === undefined;
      if (outermost) budget.outermostEach = { file: budget.partialFiles.at(-1), location: options.loc };
      const counted = { ...options, fn: (item: unknown, turnOptions?: unknown) => budget.count(() => fn(item, turnOptions)) };
      const made = original.apply(this, [...args.slice(0, -1), counted]);
      if (outermost) budget.outermostEach = undefined;
      return made;
    };
  }

  /** A partial, written in `file`, counted as one repeat each time it is used. */
  partial(file: string, render: (context: unknown, options: unknown) => string): (context: unknown, options: unknown) => string {
    return (context, options) => {
      this.partialFiles.push(file);
      const made = this.count(() => render(context, options));
      this.partialFiles.pop();
      return made;
    };
  }

  /** The whole of what a render made: past the bound when the template outside any turn or partial makes the most of it. */
  finish(markdown: string): string {
    if (markdown.length > MAX_SECTION_CHARACTERS) throw this.tooManyCharacters();
    return markdown;
  }

  /** Runs one turn or partial use, counting it and the text it makes. No clean-up on a throw: a stop ends the render. */
  private count(run: () => string): string {
    if (++this.repeats > MAX_RENDER_REPEATS) {
      throw this.stop(`rendering this section repeats text more than ${formatCount(MAX_RENDER_REPEATS)} times; a section may repeat text at most ${formatCount(MAX_RENDER_REPEATS)} times`);
    }
    this.inner.push(0);
    const made = run();
    const madeInside = this.inner.pop()!;
    this.characters += made.length - madeInside;
    if (this.inner.length > 0) this.inner[this.inner.length - 1]! += made.length;
    if (this.characters > MAX_SECTION_CHARACTERS) throw this.tooManyCharacters();
    return made;
  }

  private tooManyCharacters(): RenderTooCostly {
    return this.stop(`rendering this section makes more than ${formatCount(MAX_SECTION_CHARACTERS)} characters; a section may make at most ${formatCount(MAX_SECTION_CHARACTERS)}`);
  }

  private stop(message: string): RenderTooCostly {
    return new RenderTooCostly(message, this.outermostEach?.file, this.outermostEach?.location);
  }
}
