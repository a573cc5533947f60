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
const LIBRARY_WORDS = /Invalid input|Invalid option|Invalid (string|type|element|key)|expected|received|Too small|Too big|Unrecognized key|Implicit|[Ff]low (sequence|map|collection)|[Bb]lock (sequence|scalar|collection)|scalar|Nested mappings|sufficiently indented|Unexpected|indicator|Map keys|\bNaN\b|\[\d+\]|[A-Za-z_]\.\d/;

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
