// Hostile text gets a diagnostic, never a crash, a hang or output on the wrong
// stream: stage text runs no Handlebars, templates cannot log, text nested past
// the limit is refused before Markdown is read, and a fault in packs itself stops
// only the pack it happened in. The limits' own messages: tests/fixtures/
// (text-too-deeply-nested, paragraph-too-long, table-too-large, too-deeply-nested-limit).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Lexer } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runCliProcess, spawnCollecting } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const fixtures = path.join(projectRoot, 'tests', 'fixtures');
const made: string[] = [];

/** The base fixture (one valid pack, sample-pack) with the templates; `second` adds a valid copy of it, second-pack. */
function project({ second = false } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'packs-limits-'));
  made.push(root);
  cpSync(path.join(fixtures, 'base'), root, { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  if (second) {
    cpSync(path.join(root, 'packs', 'sample-pack'), path.join(root, 'packs', 'second-pack'), { recursive: true });
    edit(root, 'packs/second-pack/pack.yaml', 'id: sample-pack', 'id: second-pack');
  }
  return root;
}

function edit(root: string, file: string, find: string, replace: string): void {
  const absolute = path.join(root, file);
  const text = readFileSync(absolute, 'utf8');
  if (!text.includes(find)) throw new Error(`"${find}" is not in ${file}`);
  writeFileSync(absolute, text.replace(find, replace));
}

afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

const INTERVIEW_TEXT = '      - Interviews are on {{weekday}} {{date}}.';

describe('stage text', () => {
  /** What `validate` prints for the interview stage's text replaced by `text`. */
  async function validateStageText(text: string) {
    const root = project();
    edit(root, 'packs/sample-pack/timeline.yaml', INTERVIEW_TEXT, `      - '${text}'`);
    return runCli(['validate', '--root', root, '--today', '2021-01-01']);
  }

  const refused = (written: string, text: string) =>
    `packs/sample-pack/timeline.yaml:16:9  error  stage "interview" text uses ${written}, which stage text cannot say  [stage-text]\n` +
    `    16 |       - '${text}'\n` +
    '       |         ^\n' +
    '    hint: stage text may use {{date}}, {{time}}, {{weekday}} and {{when}}\n\n1 error, 0 warnings\n';

  it.each([
    ['a helper that writes to the console', 'Interviews {{log "x"}} are on {{date}}.', '{{log "x"}}'],
    ['a block over the whole data', 'Interviews are on {{#each @root}}{{#each @root}}{{date}}{{/each}}{{/each}}.', '{{#each @root}}'],
    ['a lookup of another field', 'Interviews are on {{lookup pack "title"}}.', '{{lookup pack "title"}}'],
    ['a partial', 'Interviews are on {{> bullets}}.', '{{> bullets}}'],
    ['a comment', 'Interviews are on {{date}}{{! a note }}.', '{{! a note}}'],
    ['the unescaped form of a placeholder', 'Interviews are on {{{date}}}.', '{{{date}}}'],
  ])('refuses %s, at its line, printing nothing else', async (_, text, written) => {
    const run = await validateStageText(text);
    expect(run.stderr).toBe(refused(written, text));
    expect(run.stdout).toBe('✗ sample-pack\n');
    expect(run.status).toBe(1);
  });
});

describe('templates', () => {
  it('cannot use log, so --format json stays JSON; log and lookup are unknown helpers', async () => {
    const root = project();
    edit(root, 'templates/sections/cover.md.hbs', '# {{pack.title}}', '{{log "written by a template"}}\n# {{pack.title}}');
    // Its own process: Handlebars' log writes to the process's console, not to the streams runCli captures.
    const run = await runCliProcess(['build', '--root', root, '--today', '2021-01-01', '--format', 'json']);
    expect(run.stdout).not.toContain('written by a template');
    const report = JSON.parse(run.stdout) as { packs: unknown[]; diagnostics: { code: string; message: string; file: string; line: number }[] };
    expect(report.packs).toEqual([{ id: 'sample-pack', ok: false, outputs: [] }]);
    expect(report.diagnostics.map((d) => [d.code, d.message, d.file, d.line])).toEqual([
      ['unknown-helper', 'unknown helper "log"', 'templates/sections/cover.md.hbs', 2],
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);

    edit(root, 'templates/sections/cover.md.hbs', '{{log "written by a template"}}', '{{lookup pack "title"}}');
    const lookup = await runCli(['validate', '--root', root, '--today', '2021-01-01']);
    expect(lookup.stderr.split('\n')[0]).toBe('templates/sections/cover.md.hbs:2:1  error  unknown helper "lookup"  [unknown-helper]');
  });
});

describe('text nested 2,000 levels deep', () => {
  const NESTED = `'${'- '.repeat(2000)}The Inspector leads a team.'`;
  const LIMIT =
    'packs/sample-pack/role.yaml:7:7  error  this text nests lists or quotes 2,000 levels deep; text may nest them at most 8 levels  [text-too-deeply-nested]';

  it('is refused with the limit, and the other pack of the run is still checked', async () => {
    const root = project({ second: true });
    edit(root, 'packs/sample-pack/role.yaml', 'The Inspector leads a team.', NESTED);
    const run = await runCli(['validate', '--root', root, '--today', '2021-01-01']);
    expect(run.stdout).toBe('✗ sample-pack\n✓ second-pack\n');
    expect(run.stderr.split('\n')[0]).toBe(LIMIT);
    expect(run.stderr).not.toContain('RangeError');
    expect(run.status).toBe(1);
  }, 60_000);

  it.each([['1'], ['2']])('is refused by build with --jobs %s, which still builds the other pack', async (jobs) => {
    const root = project({ second: true });
    edit(root, 'packs/sample-pack/role.yaml', 'The Inspector leads a team.', NESTED);
    const run = await runCli(['build', '--root', root, '--today', '2021-01-01', '--only', 'pdf', '--jobs', jobs]);
    expect(run.stderr.split('\n')[0]).toBe(LIMIT);
    expect(run.stdout).toMatch(/^✗ sample-pack {2}not built/m);
    expect(run.stdout).toMatch(/^✓ second-pack {2}/m);
    expect(existsSync(path.join(root, 'output', 'second-pack.pdf'))).toBe(true);
    expect(existsSync(path.join(root, 'output', 'sample-pack.pdf'))).toBe(false);
    expect(run.status).toBe(1);
  }, 120_000);
});

describe('a fault in packs itself', () => {
  // A stand-in for a bug: the Markdown reader fails on the text of one pack only.
  const FAULT = 'This sentence meets a fault.';
  const lex = Lexer.prototype.lex;
  afterEach(() => {
    Lexer.prototype.lex = lex;
  });
  function injectFault() {
    Lexer.prototype.lex = function (this: Lexer, source: string) {
      if (source.includes(FAULT)) throw new TypeError("Cannot read properties of undefined (reading 'text')");
      return lex.call(this, source);
    };
  }
  const REPORTED =
    "packs/sample-pack/pack.yaml  error  packs stopped on sample-pack with an internal error (TypeError: Cannot read properties of undefined (reading 'text'))  [internal-error]\n" +
    "    hint: this is a fault in packs, not a mistake in the pack: please report it, with this message and the pack's files; the other packs were still checked\n\n" +
    '1 error, 0 warnings\n';

  it('stops that pack with one diagnostic naming it, and validate checks the others', async () => {
    const root = project({ second: true });
    edit(root, 'packs/sample-pack/role.yaml', 'The Inspector leads a team.', FAULT);
    injectFault();
    const run = await runCli(['validate', '--root', root, '--today', '2021-01-01']);
    expect(run.stderr).toBe(REPORTED);
    expect(run.stdout).toBe('✗ sample-pack\n✓ second-pack\n');
    expect(run.status).toBe(1);
  });

  it('stops that pack, and build (in this thread) still builds the others', async () => {
    const root = project({ second: true });
    edit(root, 'packs/sample-pack/role.yaml', 'The Inspector leads a team.', FAULT);
    injectFault();
    const run = await runCli(['build', '--root', root, '--today', '2021-01-01', '--only', 'pdf', '--jobs', '1']);
    expect(run.stderr).toBe(REPORTED);
    expect(run.stdout).toMatch(/^✓ second-pack {2}/m);
    expect(existsSync(path.join(root, 'output', 'second-pack.pdf'))).toBe(true);
    expect(existsSync(path.join(root, 'output', 'sample-pack.pdf'))).toBe(false);
    expect(run.status).toBe(1);
  }, 120_000);
});

describe('templates that would hang or exhaust a build', () => {
  const COVER = 'packs/sample-pack/templates/cover.md.hbs';
  // The project's cover, which ends at line 8, with `line` as line 9: only sample-pack uses it.
  const cover = (line: string) => readFileSync(path.join(projectRoot, 'templates', 'sections', 'cover.md.hbs'), 'utf8') + `${line}\n`;
  /** `depth` {{#each}} over `over`, one inside the other, a line each: the outermost is at line 9. */
  const nested = (depth: number, over: string, inside: string) => `${`{{#each ${over}}}\n`.repeat(depth)}${inside}${'{{/each}}\n'.repeat(depth)}`;

  /** `packs build` as its own process, stopped after three minutes: a template that hangs would hang this test's thread with it. */
  function build(root: string) {
    const args = ['build', '--root', root, '--today', '2021-01-01', '--only', 'pdf', '--jobs', '1'];
    return spawnCollecting(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 180_000,
    });
  }

  /** Builds a project of two packs in which sample-pack's cover has `line` and the project the partials in `partials`. */
  async function buildWith(line: string, partials: Record<string, string> = {}, edits: [string, string, string][] = []) {
    const root = project({ second: true });
    mkdirSync(path.join(root, 'packs', 'sample-pack', 'templates'));
    writeFileSync(path.join(root, COVER), cover(line));
    for (const [name, text] of Object.entries(partials)) writeFileSync(path.join(root, 'templates', 'partials', `${name}.hbs`), text);
    for (const [file, find, replace] of edits) edit(root, file, find, replace);
    const run = await build(root);
    // The other pack of the run is built all the same.
    expect(run.stdout).toMatch(/^✗ sample-pack {2}not built/m);
    expect(run.stdout).toMatch(/^✓ second-pack {2}/m);
    expect(existsSync(path.join(root, 'output', 'second-pack.pdf'))).toBe(true);
    expect(existsSync(path.join(root, 'output', 'sample-pack.pdf'))).toBe(false);
    expect(run.status).toBe(1);
    return run.stderr;
  }

  const printed = (file: string, line: number, column: number, message: string, code: string, text: string, hint: string) =>
    `${file}:${line}:${column}  error  ${message}  [${code}]\n` +
    `    ${line} | ${text}\n` +
    `      | ${' '.repeat(column - 1)}^\n` +
    `    hint: ${hint}\n\n1 error, 0 warnings\n`;

  it('refuses {{#each @root}} nested seven deep, at its line', async () => {
    const line = nested(7, '@root', '');
    expect(await buildWith(line)).toBe(
      printed(COVER, 9, 1, '{{#each @root}} goes through the whole data, which is not allowed', 'template-too-costly', '{{#each @root}}', 'go through one list in it, like {{#each role.responsibilities}}'),
    );
  }, 240_000);

  it('refuses a partial that includes itself, at the {{> ...}} that does', async () => {
    expect(await buildWith('{{> loop}}', { loop: 'Again:\n{{> loop}}\n' })).toBe(
      printed('templates/partials/loop.hbs', 2, 1, 'partial "loop" uses itself', 'partial-uses-itself', '{{> loop}}', 'a partial may not include itself, directly or through other partials: it would never end'),
    );
  }, 240_000);

  it('refuses two partials that include each other', async () => {
    expect(await buildWith('{{> ping}}', { ping: 'Ping {{> pong}}\n', pong: 'Pong {{> ping}}\n' })).toBe(
      printed('templates/partials/pong.hbs', 1, 6, 'partial "ping" uses itself, through "pong"', 'partial-uses-itself', 'Pong {{> ping}}', 'a partial may not include itself, directly or through other partials: it would never end'),
    );
  }, 240_000);

  it('stops {{#each}} inside {{#each}} making more than 1,000,000 characters, at the outermost', async () => {
    // Four levels over the six sections, each turn showing a text of 9,000 characters: 1,296 turns, 11 MB.
    const line = nested(4, '@root.pack.sections', '{{@root.role.purpose.paragraphs}}\n\n');
    const long = 'The Inspector leads a team. '.repeat(320).trim();
    const stderr = await buildWith(line, {}, [['packs/sample-pack/role.yaml', 'The Inspector leads a team.', long]]);
    expect(stderr).toBe(
      `${COVER}:9:1  error  rendering this section makes more than 1,000,000 characters; a section may make at most 1,000,000  [template-too-costly]\n` +
        '    9 | {{#each @root.pack.sections}}\n' +
        '      | ^\n' +
        '    hint: an {{#each}} inside another multiplies what it repeats: check for one that goes through the same list again, or a long text shown in every turn\n\n1 error, 0 warnings\n',
    );
  }, 240_000);

  it('stops {{#each}} inside {{#each}} repeating more than 100,000 times, at the outermost', async () => {
    // Four levels over twenty paragraphs: 160,000 turns, making nothing.
    const line = nested(4, '@root.role.purpose.paragraphs', '');
    const twenty = Array.from({ length: 20 }, (_, n) => `    - Paragraph ${n + 1}.`).join('\n');
    const stderr = await buildWith(line, {}, [['packs/sample-pack/role.yaml', '    - The Inspector leads a team.', twenty]]);
    expect(stderr).toBe(
      `${COVER}:9:1  error  rendering this section repeats text more than 100,000 times; a section may repeat text at most 100,000 times  [template-too-costly]\n` +
        '    9 | {{#each @root.role.purpose.paragraphs}}\n' +
        '      | ^\n' +
        '    hint: an {{#each}} inside another multiplies what it repeats: check for one that goes through the same list again, or a long text shown in every turn\n\n1 error, 0 warnings\n',
    );
  }, 240_000);
});
