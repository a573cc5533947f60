// The rules of .dependency-cruiser.cjs — which part of src/ may import which,
// and no cycles — hold for the code as it is, and catch an import that breaks them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/read-outputs.js';

/** Runs dependency-cruiser on `root`'s src/ with the project's rules. */
function cruise(root: string) {
  const bin = path.join(projectRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const config = path.join(projectRoot, '.dependency-cruiser.cjs');
  return spawnSync(process.execPath, [bin, 'src', '--config', config, '--output-type', 'err'], { cwd: root, encoding: 'utf8' });
}

describe('the architecture', () => {
  it('keeps every rule of .dependency-cruiser.cjs, with no cycles', () => {
    const run = cruise(projectRoot);
    expect(run.stdout + run.stderr).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });

  it('reports a stage that imports a later one, and a cycle', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'packs-architecture-'));
    cpSync(path.join(projectRoot, 'src'), path.join(root, 'src'), { recursive: true });
    cpSync(path.join(projectRoot, 'tsconfig.json'), path.join(root, 'tsconfig.json'));
    // validate reaching into compose, and two floor modules importing each other.
    writeFileSync(path.join(root, 'src/validate/probe.ts'), "import '../compose/compose.js';\n");
    writeFileSync(path.join(root, 'src/pack/probe-a.ts'), "import './probe-b.js';\n");
    writeFileSync(path.join(root, 'src/pack/probe-b.ts'), "import './probe-a.js';\n");
    const run = cruise(root);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('error validate-before-resolve: src/validate/probe.ts → src/compose/compose.ts');
    expect(run.stdout).toMatch(/error no-cycles: src\/pack\/probe-a\.ts →\s+src\/pack\/probe-b\.ts →\s+src\/pack\/probe-a\.ts/);
  });
});
