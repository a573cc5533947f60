// One small fixture per rule under tests/fixtures/<rule>/: the files that
// differ from tests/fixtures/base (a complete, valid pack), and expected.txt —
// exactly what `packs validate` prints for it, ending with its exit status.
// `args`, when present, holds the options to run with (default: --today 2021-01-01).
// `sizes`, when present, lengthens files too large to commit: each line is a path
// and a size in bytes, and the file is filled out to that size with zero bytes.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const fixtures = path.join(projectRoot, 'tests', 'fixtures');
const rules = readdirSync(fixtures).filter((name) => name !== 'base').sort();

function project(overlay?: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'packs-rule-'));
  cpSync(path.join(fixtures, 'base'), root, { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  if (overlay) {
    cpSync(overlay, root, { recursive: true, filter: (source) => !/[\\/](expected\.txt|args|sizes)$/.test(source) });
    const sizes = path.join(overlay, 'sizes');
    if (existsSync(sizes)) {
      for (const line of readFileSync(sizes, 'utf8').trim().split('\n')) {
        const [file, size] = line.trim().split(/\s+/);
        truncateSync(path.join(root, file!), Number(size));
      }
    }
  }
  return root;
}

async function validate(root: string, args: string[]): Promise<string> {
  const run = await runCli(['validate', '--root', root, ...args]);
  return `${run.stderr}[exit ${run.status}]\n`;
}

describe('the base fixture', () => {
  it('is a valid pack, so that each rule fixture differs from it by its one mistake', async () => {
    const root = project();
    expect(await validate(root, ['--today', '2021-01-01'])).toBe('[exit 0]\n');
    rmSync(root, { recursive: true, force: true });
  });
});

describe.each(rules)('rule fixture %s', (rule) => {
  it('prints exactly the diagnostics in its expected.txt', async () => {
    const dir = path.join(fixtures, rule);
    const argsFile = path.join(dir, 'args');
    const args = existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/) : ['--today', '2021-01-01'];
    const root = project(dir);
    expect(await validate(root, args)).toBe(readFileSync(path.join(dir, 'expected.txt'), 'utf8'));
    rmSync(root, { recursive: true, force: true });
  });
});

describe('files that are too big', () => {
  it('a 5 MB file is refused before it is parsed', async () => {
    const root = project();
    const big = `# padding\n${'introduction:\n' + '  - x\n'.repeat(900_000)}`;
    writeFileSync(path.join(root, 'packs/shared/values.yaml'), big);
    const out = await validate(root, ['--today', '2021-01-01']);
    expect(out).toBe(
      `packs/shared/values.yaml  error  packs/shared/values.yaml is ${Buffer.byteLength(big)} bytes; data files may be at most 1048576 bytes  [file-too-large]\n` +
        '    hint: check that this is the right file\n\n1 error, 0 warnings\n[exit 1]\n',
    );
    rmSync(root, { recursive: true, force: true });
  });
});
