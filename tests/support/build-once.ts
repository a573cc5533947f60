// Vitest global setup: builds every pack once with the real command line, as a
// user would, into a temporary folder that the tests read back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export default function setup(project: TestProject) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'packs-test-out-'));
  execFileSync(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), 'build', '--out', outDir], {
    cwd: projectRoot,
    stdio: 'pipe',
  });
  project.provide('outDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    outDir: string;
  }
}
