// Property-based: mutate the sample packs' YAML at random — delete lines, break
// indentation, swap values, insert odd characters — and every case must either
// build a document or end with error diagnostics. Never a throw, never a hang.
// The seed is printed so a failure can be replayed: FUZZ_SEED=<seed> npm test.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { DataFileCache } from '../src/load/load-pack.js';
import { projectRoot } from './support/read-outputs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const files = ['packs/met-dac-2021', 'packs/shared/frameworks', 'packs/shared/pay-scales', 'packs/shared/calendars']
  .flatMap((dir) => readdirSync(path.join(projectRoot, dir)).filter((f) => f.endsWith('.yaml')).map((f) => path.join(projectRoot, dir, f)));

const oddText = fc.constantFrom('', ' ', ':', '- ', '[', '}', '&a', '*a', '!tag', '"', "'", '#', '\t', '\u202e', '\u0000', '__proto__: 1', '2021-02-31', '-1', '99:99', 'null', '~', '{{x}}');

/** A mutation of one file's text, described so a failure says what was done. */
const mutation = fc.record({
  file: fc.constantFrom(...files),
  kind: fc.constantFrom('delete-line', 'insert', 'replace-value', 'indent', 'duplicate-line'),
  line: fc.nat(),
  column: fc.nat(),
  text: oddText,
});

function mutate(source: string, m: { kind: string; line: number; column: number; text: string }): string {
  const lines = source.split('\n');
  const i = m.line % lines.length;
  const line = lines[i]!;
  switch (m.kind) {
    case 'delete-line':
      lines.splice(i, 1);
      break;
    case 'insert':
      lines[i] = line.slice(0, m.column % (line.length + 1)) + m.text + line.slice(m.column % (line.length + 1));
      break;
    case 'replace-value':
      lines[i] = line.includes(': ') ? `${line.slice(0, line.indexOf(': ') + 2)}${m.text}` : `${line}${m.text}`;
      break;
    case 'indent':
      lines[i] = `${' '.repeat((m.column % 5) + 1)}${line}`;
      break;
    case 'duplicate-line':
      lines.splice(i, 0, line);
      break;
  }
  return lines.join('\n');
}

describe('fuzzing the sample pack', () => {
  it(`every mutated pack builds or ends with error diagnostics (${RUNS} cases, seed ${SEED})`, async () => {
    console.log(`fuzz: ${RUNS} cases, seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const [location] = (await selectPacks(projectRoot, ['met-dac-2021'])).packs;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const replaced = new Map<string, string>();
        for (const m of mutations) replaced.set(m.file, mutate(replaced.get(m.file) ?? readFileSync(m.file, 'utf8'), m));
        const plan = await planPack(projectRoot, location!, new DataFileCache(projectRoot, replaced), { today: '2020-12-14' });
        // Either a document, or at least one error that says why not — each with a place and a message.
        expect(plan.document !== undefined || hasErrors(plan.diagnostics)).toBe(true);
        for (const d of plan.diagnostics) {
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.file.length).toBeGreaterThan(0);
          // A place is a span of the text that was read, as it is printed against.
          if (d.span) {
            const file = path.join(projectRoot, d.file);
            const text = replaced.get(file) ?? readFileSync(file, 'utf8');
            expect(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length, `${d.code} ${JSON.stringify(d.span)} in ${d.file}`).toBe(true);
          }
        }
        expect(Object.prototype).not.toHaveProperty('1');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
