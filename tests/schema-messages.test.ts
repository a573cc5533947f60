// Messages for people: every kind of issue a schema can raise, and every
// complaint of the YAML parser, is said in the project's words, naming the
// field and the element by its id or name — never zod's or yaml's own phrasing,
// never a position counted from 0. And a schema error drops only the element it
// is in: the checks of the rest still run.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMap, isSeq, parseDocument, stringify, type Node } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileCache } from '../dist/load/load-pack.js';
import { jsonSchemaFiles } from '../src/schema/json-schema.js';
import { runCli } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const base = path.join(projectRoot, 'tests', 'fixtures', 'base');
const root = mkdtempSync(path.join(tmpdir(), 'packs-messages-'));
cpSync(base, root, { recursive: true });
cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = {
  pack: 'packs/sample-pack/pack.yaml',
  role: 'packs/sample-pack/role.yaml',
  timeline: 'packs/sample-pack/timeline.yaml',
  remuneration: 'packs/sample-pack/remuneration.yaml',
  framework: 'packs/shared/framework.yaml',
  organisation: 'packs/shared/organisation.yaml',
  payScale: 'packs/shared/pay-scale.yaml',
  values: 'packs/shared/values.yaml',
  calendar: 'packs/shared/holidays.yaml',
} as const;
type Kind = keyof typeof files;

/** zod's and yaml's own words, none of which a user should see. */
const LIBRARY_WORDS = /Invalid input|Invalid option|Invalid (string|type|element|key)|expected|received|Too small|Too big|Unrecognized key|Implicit|[Ff]low (sequence|map|collection)|[Bb]lock (sequence|scalar|collection)|scalar|Nested mappings|sufficiently indented|Unexpected|\bindicator\b|Map keys|\bNaN\b|\[\d+\]|[A-Za-z_]\.\d/;

/** The messages and hints `packs` gives for one file's text. */
async function messagesFor(kind: Kind, text: string): Promise<string[]> {
  const file = path.join(root, files[kind]);
  const cache = new DataFileCache(root, new Map([[file, text]]));
  const { diagnostics } = await cache.load(kind, file);
  return diagnostics.flatMap((d) => [d.message, ...(d.hint ? [d.hint] : [])]);
}

/** Every path to a value in some YAML data. */
function pathsOf(node: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length > 0 ? [at] : [];
  if (isMap(node)) return [...here, ...node.items.flatMap((pair) => pathsOf(pair.value, [...at, String((pair.key as { value: unknown }).value)]))];
  if (isSeq(node)) return [...here, ...node.items.flatMap((item, i) => pathsOf(item, [...at, i]))];
  return here;
}

/** Values of every wrong kind: text, numbers out of range, lists, fields, nothing, text read as a field. */
const WRONG = ['', 'Some words', 'Final Interview', '23.55', '2021-02-30', '30/08/2021', 'not-an-email', 0, -1, 1.5, 100000000000, true, null, [], ['x'], {}, { x: 1 }, { Note: 'bring your passport' }, [{ Note: 'bring your passport' }]];

/** The base file of a kind with the values at some paths replaced, as `packs` reports it: each message, and its hint. */
async function reported(kind: Kind, changes: [(string | number)[], unknown][]): Promise<string[]> {
  const document = parseDocument(readFileSync(path.join(base, files[kind]), 'utf8'));
  for (const [at, value] of changes) {
    if (at.length === 0) document.contents = document.createNode(value);
    else document.setIn(at, value);
  }
  const file = path.join(root, files[kind]);
  const { diagnostics } = await new DataFileCache(root, new Map([[file, stringify(document)]])).load(kind, file);
  return diagnostics.map((d) => `${d.code}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`);
}

describe('each kind of schema issue, in the project\'s words', () => {
  it.each<[string, Kind, [(string | number)[], unknown][], string[]]>([
    [
      'a number under the least it may be',
      'framework',
      [[['levels', 0, 'id'], 0]],
      ['invalid-value: level "0": `id` must be 1 or more'],
    ],
    [
      'a number under zero where zero is allowed',
      'timeline',
      [[['stages', 1, 'after', 'workingDays'], -1]],
      ['invalid-value: stage "interview": `after.workingDays` must be 0 or more'],
    ],
    [
      'a choice misspelt',
      'pack',
      [[['dateStyle'], 'ordnal']],
      ['invalid-value: `dateStyle` must be one of: ordinal, plain (hint: did you mean "ordinal"?)'],
    ],
    [
      'a list where text goes',
      'role',
      [[['title'], ['Inspector']]],
      ['invalid-value: `title` must be text, not a list (hint: write it as one text: for several lines, put `|` after the colon and the lines below it, indented, without `- `)'],
    ],
    [
      'text where a list goes, in an element named by its id',
      'timeline',
      [[['stages', 0, 'paragraphs'], 'Apply by noon.']],
      ['invalid-value: stage "application": `paragraphs` must be a list (lines starting `- `), not text (hint: write each item on a line of its own, starting with `- `)'],
    ],
    [
      'an empty list that needs an item',
      'timeline',
      [[['stages', 1, 'paragraphs'], []]],
      ['invalid-value: stage "interview": `paragraphs` must have at least one item (hint: add an item, a line starting `- `, or remove the field if it may be left out)'],
    ],
    [
      'a field left empty',
      'timeline',
      [[['stages', 0, 'name'], null]],
      ['invalid-value: stage "application": `name` must be text, not empty (hint: write the value after the colon, on the same line, or indented on the lines below)'],
    ],
    [
      'a whole file that is text',
      'pack',
      [[[], 'sample-pack']],
      ['invalid-value: the pack file must be a set of fields (`name: value` lines), not text (hint: write its fields on the lines below it, indented, each as `name: value`)'],
    ],
    [
      'a time with a full stop',
      'timeline',
      [[['stages', 0, 'time'], '23.55']],
      ['invalid-value: stage "application": `time` must be a time written HH:MM on the 24-hour clock, like "12:00" (hint: write "23:55")'],
    ],
    [
      'a date written day first',
      'timeline',
      [[['stages', 1, 'date'], '30/08/2021']],
      ['invalid-value: stage "interview": `date` must be a date written YYYY-MM-DD, like 2021-01-11 (hint: write the year first: 2021-08-30)'],
    ],
    [
      'an id written as a name',
      'timeline',
      [[['stages', 1, 'id'], 'Final Interview']],
      ['invalid-value: stage "Final Interview": `id` must be lower-case words joined by hyphens, like "final-interview" (hint: write "final-interview")'],
    ],
    [
      'a name of a set of fields that is not an id',
      'payScale',
      [[['grades', 0, 'rates', 0, 'amounts', 'London Weighting'], 5]],
      ['invalid-value: the name "London Weighting" in the 1st rate of grade "inspector": `amounts` must be lower-case words joined by hyphens, like "final-interview" (hint: write "london-weighting")'],
    ],
    [
      'a value of neither kind a field takes, in an element named by its name',
      'framework',
      [[['levels', 0, 'id'], ['one']]],
      ['invalid-value: level "Level 1": `id` must be a number or text, not a list'],
    ],
    [
      'a field that is not one',
      'timeline',
      [[['stages', 0, 'colour'], 'blue']],
      ['unknown-field: `colour` is not a field of stage "application" (hint: known fields: id, name, date, endDate, time, summary, paragraphs, allowNonWorkingDay, reason, after)'],
    ],
  ])('%s', async (_, kind, changes, expected) => {
    expect(await reported(kind, changes)).toEqual(expected);
  });
});

describe('no message in a library\'s words', () => {
  it.each(Object.keys(files) as Kind[])('any value of any field of a %s file put wrong', async (kind) => {
    const source = readFileSync(path.join(base, files[kind]), 'utf8');
    const paths = pathsOf(parseDocument(source).contents as Node);
    const bad: string[] = [];
    let reported = 0;
    for (const at of [[] as (string | number)[], ...paths]) {
      for (const value of WRONG) {
        const document = parseDocument(source);
        if (at.length === 0) document.contents = document.createNode(value);
        else document.setIn(at, value);
        for (const message of await messagesFor(kind, stringify(document))) {
          reported++;
          if (LIBRARY_WORDS.test(message)) bad.push(`${at.join('/')} = ${JSON.stringify(value)}: ${message}`);
        }
      }
      // An unknown field in every mapping.
      const document = parseDocument(source);
      const holder = at.length === 0 ? document.contents : document.getIn(at, true);
      if (isMap(holder)) {
        holder.set('colour', 'blue');
        for (const message of await messagesFor(kind, stringify(document))) if (LIBRARY_WORDS.test(message)) bad.push(`${at.join('/')}: ${message}`);
      }
    }
    expect(reported).toBeGreaterThan(100);
    expect([...new Set(bad)]).toEqual([]);
  }, 120_000);

  it('any of the ways a YAML file is commonly broken', async () => {
    const source = readFileSync(path.join(base, files.timeline), 'utf8');
    const lines = source.split('\n');
    const breakings: ((line: string) => string)[] = [
      (line) => line.replace(/^(\s*)/, '$1 '),
      (line) => line.replace(/^(\s*)/, '$1\t'),
      (line) => line.replace(/^(\s+)\S/, (m, s: string) => `${s.slice(1)}${m.trim()}`),
      (line) => `${line} [`,
      (line) => `${line} {`,
      (line) => `${line} "`,
      (line) => `${line} '`,
      (line) => `${line}: more: words`,
      (line) => line.replace(': ', ' '),
      (line) => line.replace(': ', ':'),
      (line) => line.replace('- ', '-'),
      (line) => `${line} #comment`.replace(' #', '#'),
      (line) => line.replace(/: (.*)$/, ': "$1\\q"'),
      (line) => line.replace(/: (.*)$/, ': @$1'),
      (line) => line.replace(/: (.*)$/, ': `$1'),
      (line) => line.replace(/: (.*)$/, ': &$1'),
      (line) => line.replace(/: (.*)$/, ': *$1'),
      (line) => line.replace(/: (.*)$/, ': [$1'),
      (line) => line.replace(/: (.*)$/, ': [$1,, x]'),
      (line) => line.replace(/: (.*)$/, ': { a: 1 b: 2 }'),
      (line) => line.replace(/: (.*)$/, ': |x\n$1'),
      (line) => `---\n${line}`,
      (line) => `%FOO bar\n${line}`,
      (line) => `${line}\n...\nmore`,
    ];
    const bad: string[] = [];
    let reported = 0;
    for (const [i] of lines.entries()) {
      for (const breaking of breakings) {
        const broken = lines.map((line, j) => (j === i ? breaking(line) : line)).join('\n');
        for (const message of await messagesFor('timeline', broken)) {
          reported++;
          if (LIBRARY_WORDS.test(message)) bad.push(`line ${i + 1}: ${message}`);
        }
      }
    }
    expect(reported).toBeGreaterThan(100);
    expect([...new Set(bad)]).toEqual([]);
  }, 120_000);
});

describe('editors show a sentence, not a regular expression', () => {
  it('for an email address, an id, a date and a time', () => {
    const timeline = JSON.parse(jsonSchemaFiles().get('timeline.schema.json')!);
    const stage = timeline.properties.stages.items.properties;
    const email = timeline.properties.applications.anyOf[0].properties.email;
    expect(email.patternErrorMessage).toBe('Write an email address, like name@example.org.');
    expect(stage.id.patternErrorMessage).toBe('Write lower-case words joined by hyphens, like "final-interview".');
    expect(stage.date.anyOf[0].patternErrorMessage).toBe('Write a date as YYYY-MM-DD, like 2021-01-11.');
    expect(stage.time.anyOf[0].patternErrorMessage).toBe('Write a time as HH:MM on the 24-hour clock, in quotes, like "12:00".');
  });
});

describe('a schema error drops only the element it is in', () => {
  /** `packs validate` on the base project with some files' texts edited. */
  async function validateWith(edits: [string, string, string][]): Promise<string[]> {
    const project = mkdtempSync(path.join(tmpdir(), 'packs-dropped-'));
    cpSync(base, project, { recursive: true });
    cpSync(path.join(projectRoot, 'templates'), path.join(project, 'templates'), { recursive: true });
    for (const [file, find, replace] of edits) {
      const text = readFileSync(path.join(project, file), 'utf8');
      expect(text).toContain(find);
      writeFileSync(path.join(project, file), text.replace(find, replace));
    }
    const run = await runCli(['validate', '--root', project, '--today', '2021-01-01']);
    rmSync(project, { recursive: true, force: true });
    return run.stderr.split('\n').filter((line) => /  (error|warning)  /.test(line));
  }

  it('a competency with a mistake of its own is not also unknown where a role cites it, and the other citations are still checked', async () => {
    const lines = await validateWith([
      [files.framework, '    aliases: [We are collaborative]\n', '    aliases: [We are collaborative]\n    colour: blue\n'],
      [files.role, '    - competency: We analyse critically\n      level: 1', '    - competency: We analyse critically\n      level: 2'],
    ]);
    expect(lines).toEqual([
      'packs/sample-pack/role.yaml:14:14  error  level 2 does not exist for "We analyse critically" in framework sample-framework  [unknown-level]',
      'packs/shared/framework.yaml:22:5  error  `colour` is not a field of competency "collaborative"  [unknown-field]',
    ]);
  });

  it('a stage whose date is wrong leaves the others checked against the calendar, and is no unknown stage to the ones after it', async () => {
    const lines = await validateWith([
      [files.timeline, 'date: 2021-07-05', 'date: 2021-07-5'],
      [files.timeline, 'date: 2021-07-14', 'date: 2021-08-30'],
    ]);
    expect(lines).toEqual([
      'packs/sample-pack/timeline.yaml:5:11  error  stage "application": `date` must be a date written YYYY-MM-DD, like 2021-01-11  [invalid-value]',
      'packs/sample-pack/timeline.yaml:12:11  error  stage "Interview" is on Monday 30 August 2021, a non-working day: Summer bank holiday (Sample bank holidays)  [non-working-day]',
    ]);
  });
});
