// Outputs are whole or absent: builds at once take turns, and a build killed
// at any moment leaves each file as it was before or as it is after, never torn.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { docxParts, projectRoot } from './support/read-outputs.js';

const PACK = 'met-deputy-director-project-delivery';
const files = [`${PACK}.pdf`, `${PACK}.docx`, `${PACK}.html`];

function startBuild(root: string, out: string) {
  return spawn(process.execPath, [path.join(projectRoot, 'bin/packs.js'), 'build', PACK, '--out', out, '--today', '2020-12-14', '--force'], { cwd: root, stdio: 'pipe' });
}

const finished = (child: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

describe('eight builds at once into one output folder', () => {
  it('all succeed, and leave complete, valid files and no temporary files', async () => {
    const root = copyProject();
    const reference = await runCli(['build', PACK, '--out', 'reference', '--today', '2020-12-14'], root);
    expect(reference.status).toBe(0);
    const codes = await Promise.all(Array.from({ length: 8 }, () => finished(startBuild(root, 'shared-out'))));
    expect(codes).toEqual(Array(8).fill(0));
    for (const file of files) {
      expect(readFileSync(path.join(root, 'shared-out', file)).equals(readFileSync(path.join(root, 'reference', file))), file).toBe(true);
    }
    expect(spawnSync('qpdf', ['--check', path.join(root, 'shared-out', files[0]!)]).status).toBe(0);
    expect(docxParts(path.join(root, 'shared-out', files[1]!)).has('word/document.xml')).toBe(true);
    expect(readdirSync(path.join(root, 'shared-out')).sort()).toEqual([...files, '.packs-build-state.json'].sort());
  });
});

describe('a build killed at a random moment', () => {
  it('leaves every output as the previous complete file or the new one, 50 times over; the next build clears what it left', async () => {
    const root = copyProject();
    expect((await runCli(['build', PACK, '--out', 'out', '--today', '2020-12-14'], root)).status).toBe(0);
    const before = files.map((f) => readFileSync(path.join(root, 'out', f)));
    const role = path.join(root, 'packs', PACK, 'role.yaml');
    writeFileSync(role, readFileSync(role, 'utf8').replace('an inspirational senior leader', 'an inspiring senior leader'));
    expect((await runCli(['build', PACK, '--out', 'after', '--today', '2020-12-14'], root)).status).toBe(0);
    const after = files.map((f) => readFileSync(path.join(root, 'after', f)));
    let seed = 20261123;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let attempt = 0; attempt < 50; attempt++) {
      const child = startBuild(root, 'out');
      const delay = Math.floor(random() * 1800);
      setTimeout(() => child.kill('SIGKILL'), delay);
      await finished(child);
      files.forEach((file, i) => {
        const now = readFileSync(path.join(root, 'out', file));
        expect(now.equals(before[i]!) || now.equals(after[i]!), `${file} after a kill at ${delay} ms`).toBe(true);
      });
    }
    expect((await runCli(['build', PACK, '--out', 'out', '--today', '2020-12-14'], root)).status).toBe(0);
    // The outputs and the build cache's state, and no temporary file.
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual([...files, '.packs-build-state.json'].sort());
    files.forEach((file, i) => expect(readFileSync(path.join(root, 'out', file)).equals(after[i]!)).toBe(true));
  }, 300_000);
});

describe('a build that dies while writing the build cache state', () => {
  it('leaves a temporary file that the next build clears, even when every pack is up to date', async () => {
    const root = copyProject();
    expect((await runCli(['build', PACK, '--out', 'out', '--today', '2020-12-14'], root)).status).toBe(0);
    // What a build killed before the rename leaves of the state: a temporary file named by its process.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(path.join(root, 'out', `.~packs-writing.${gone}.0123456789ab..packs-build-state.json`), '{"format":');
    const again = await runCli(['build', PACK, '--out', 'out', '--today', '2020-12-14'], root);
    expect(again.stdout).toContain('1 pack: 0 built, 1 up to date, 0 not built');
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual([...files, '.packs-build-state.json'].sort());
  });
});

describe('a build that dies halfway through writing a file', () => {
  // The fault is loaded with Node's --require flag.
  const dieMidWrite = path.join(projectRoot, 'tests/support/die-mid-write.cjs');
  it('leaves the previous file whole, and the next build removes what it left', async () => {
    const root = copyProject();
    expect((await runCli(['build', PACK, '--out', 'out', '--today', '2020-12-14', '--only', 'pdf'], root)).status).toBe(0);
    const before = readFileSync(path.join(root, 'out', files[0]!));
    const role = path.join(root, 'packs', PACK, 'role.yaml');
    writeFileSync(role, readFileSync(role, 'utf8').replace('an inspirational senior leader', 'an inspiring senior leader'));
    // tests/support/die-mid-write.cjs kills the build after it has written half of the PDF.
    const dying = spawnSync(
      process.execPath,
      ['--require', dieMidWrite, path.join(projectRoot, 'bin/packs.js'), 'build', PACK, '--out', 'out', '--today', '2020-12-14', '--only', 'pdf', '--jobs', '1'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(dying.signal).toBe('SIGKILL');
    expect(readFileSync(path.join(root, 'out', files[0]!)).equals(before)).toBe(true);
    const left = readdirSync(path.join(root, 'out')).filter((name) => /^\.~packs-writing\.\d+\.[0-9a-f]{12}\..*\.pdf$/.test(name));
    expect(left).toHaveLength(1); // the half-written temporary file
    expect((await runCli(['build', PACK, '--out', 'out', '--today', '2020-12-14', '--only', 'pdf'], root)).status).toBe(0);
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual(['.packs-build-state.json', files[0]!]);
    expect(readFileSync(path.join(root, 'out', files[0]!)).equals(before)).toBe(false);
  });
});

