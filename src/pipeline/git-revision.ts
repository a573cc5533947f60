// A project as it was at a git revision, read with `git archive` into a
// temporary folder: the working tree is never touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type RevisionResult = { ok: true; root: string } | { ok: false; message: string };

export function projectAtRevision(cwd: string, revision: string): RevisionResult {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (top.status !== 0) return { ok: false, message: `${cwd} is not in a git repository, so --rev cannot be read` };
  const repo = top.stdout.trim();
  // The project may be a folder inside the repository: archive that folder's packs and templates.
  const prefix = path.relative(repo, cwd).split(path.sep).join('/');
  const paths = ['packs', 'templates'].map((p) => (prefix ? `${prefix}/${p}` : p));
  const archive = spawnSync('git', ['archive', '--format=tar', revision, '--', ...paths], { cwd: repo, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) {
    return { ok: false, message: `cannot read revision "${revision}": ${archive.stderr.toString().trim().split('\n')[0]}` };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'packs-rev-'));
  const extract = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (extract.status !== 0) return { ok: false, message: `cannot unpack revision "${revision}"` };
  return { ok: true, root: prefix ? path.join(dir, prefix) : dir };
}
