// The catalogue of diagnostic codes (src/diagnostics/catalogue.ts) is the one
// list of them: the README's table is generated from it, and every code is made
// by a fixture that prints its example exactly, or, for the few no small pack can
// make, by a test of its own.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, diagnosticCodes, type DiagnosticCode } from '../src/diagnostics/catalogue.js';
import { CODES_END, CODES_START, withCodesTable } from '../src/diagnostics/codes-table.js';
import { projectRoot } from './support/read-outputs.js';

/** Codes that no small pack run through `packs validate` can make, and the test that makes each. */
const MADE_BY_TESTS: Partial<Record<DiagnosticCode, string>> = {
  // A worker thread running out of memory: tests/batch.test.ts gives the workers a 4 MB heap.
  'out-of-memory': 'tests/batch.test.ts',
  // pack.yaml saved without a variant between finding the packs and reading one.
  'variant-not-found': 'tests/variants.test.ts',
  // A file the system will not let the tool read: tests/reads.test.ts makes opening it fail (the tests run as root).
  'file-unreadable': 'tests/reads.test.ts',
  // A fault in packs itself: tests/limits.test.ts makes the Markdown reader fail on one pack's text.
  'internal-error': 'tests/limits.test.ts',
};

const fixturesDir = path.join(projectRoot, 'tests', 'fixtures');

/** Each diagnostic printed in a fixture's expected.txt: its first line and the lines under it. */
interface Printed {
  fixture: string;
  severity: string;
  message: string;
  code: string;
  lines: string[];
}

const HEAD = /^\S+ {2}(error|warning) {2}(.*) {2}\[([a-z-]+)\]$/;

function printedDiagnostics(): Printed[] {
  const found: Printed[] = [];
  for (const fixture of readdirSync(fixturesDir).sort()) {
    const expected = path.join(fixturesDir, fixture, 'expected.txt');
    if (!existsSync(expected)) continue;
    for (const line of readFileSync(expected, 'utf8').split('\n')) {
      const head = HEAD.exec(line);
      if (head) found.push({ fixture, severity: head[1]!, message: head[2]!, code: head[3]!, lines: [] });
      else if (line.startsWith(' ') && found.length > 0) found[found.length - 1]!.lines.push(line);
    }
  }
  return found;
}

describe('the catalogue of diagnostic codes', () => {
  const printed = printedDiagnostics();

  it('is what the README\'s table of codes says (run `npm run codes` if not)', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    expect(readme).toContain(CODES_START);
    expect(readme).toContain(CODES_END);
    expect(withCodesTable(readme)).toBe(readme);
  });

  it.each(diagnosticCodes.filter((code) => !(code in MADE_BY_TESTS)))('has a fixture that prints the example of %s, with its severity', (code) => {
    const entry = catalogue[code];
    const made = printed.filter((p) => p.code === code);
    expect(made.length, `no tests/fixtures/*/expected.txt prints [${code}]`).toBeGreaterThan(0);
    const example = made.find(
      (p) => p.message === entry.example.message && (!('hint' in entry.example) || p.lines.includes(`    hint: ${entry.example.hint}`)),
    );
    expect(example, `no fixture prints the catalogue's example of ${code}`).toBeDefined();
    expect(made.every((p) => p.severity === entry.severity)).toBe(true);
  });

  it.each(Object.entries(MADE_BY_TESTS))('has a test that makes %s and checks what is printed for it (%s)', (code, test) => {
    expect(readFileSync(path.join(projectRoot, test), 'utf8')).toContain(`  [${code}]`);
  });

  it('knows every code a fixture prints', () => {
    const unknown = printed.filter((p) => !Object.hasOwn(catalogue, p.code)).map((p) => `${p.fixture}: ${p.code}`);
    expect(unknown).toEqual([]);
  });
});
