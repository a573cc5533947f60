// Vitest global setup: every temporary folder the tests make (copies of the
// project, outputs, LibreOffice profiles), and any their child processes make,
// goes in one folder for this run, removed when the run ends. Without it each
// run left some three hundred folders in the system's temporary folder.
// os.tmpdir() reads TMPDIR each time, and the test workers and the commands
// they start inherit it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup() {
  const previous = process.env.TMPDIR;
  const folder = mkdtempSync(path.join(tmpdir(), 'packs-tests-'));
  process.env.TMPDIR = folder;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(folder, { recursive: true, force: true });
  };
}
