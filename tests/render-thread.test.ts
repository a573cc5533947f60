// A pack built alone renders its Word file in a thread of its own, beside its
// PDF: the bytes are the same as when one thread renders both, a writer's error
// there is reported as it would be here, and a thread that has stopped costs
// only the speed-up.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planPack, selectPacks } from '../dist/pipeline/build.js';
import { DataFileCache } from '../dist/load/load-pack.js';
import { writers } from '../dist/writers/index.js';
import { renderAll, RenderThread } from '../dist/writers/render-thread.js';
import type { Document } from '../src/model/document.js';
import { copyProject } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const DAC = 'met-dac-2021';

async function dacDocument(): Promise<Document> {
  const { packs } = await selectPacks(projectRoot, [DAC]);
  const plan = await planPack(projectRoot, packs[0]!, new DataFileCache(projectRoot));
  if (!plan.document) throw new Error(`${DAC} did not compose: ${JSON.stringify(plan.diagnostics)}`);
  return plan.document;
}

/**
 * Runs `packs build` in a fresh process that records every worker thread started,
 * by the file it runs, and reports them with the exit code.
 */
function buildRecordingThreads(root: string, args: string[]): Promise<{ code: number; threads: string[] }> {
  const script = `import { createRequire, syncBuiltinESMExports } from 'node:module';
    const threads = createRequire(import.meta.url)('node:worker_threads');
    const started = [];
    const Worker = threads.Worker;
    threads.Worker = class extends Worker {
      constructor(file, options) {
        started.push(path.basename(String(file)));
        super(file, options);
      }
    };
    syncBuiltinESMExports();
    import path from 'node:path';
    const { main } = await import(${JSON.stringify(path.join(projectRoot, 'dist/cli/main.js'))});
    const code = await main(${JSON.stringify(['build', '--today', '2020-12-01', ...args])}, { stdout() {}, stderr(text) { process.stderr.write(text); }, cwd: ${JSON.stringify(root)} });
    console.log(JSON.stringify({ code, threads: started }));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`the build did not report: ${stdout}${stderr}`));
      }
    });
  });
}

describe('the Word writer in a thread of its own', () => {
  it('renders a pack built alone beside its PDF, with the same bytes as one thread rendering both', async () => {
    const root = copyProject();
    const alone = await buildRecordingThreads(root, [DAC, '--jobs', '2', '--out', 'two']);
    expect(alone).toEqual({ code: 0, threads: ['render-worker-entry.cjs'] });
    // --jobs 1: everything in this thread; --only: one format, nothing to render beside it.
    expect(await buildRecordingThreads(root, [DAC, '--jobs', '1', '--out', 'one'])).toEqual({ code: 0, threads: [] });
    expect(await buildRecordingThreads(root, [DAC, '--jobs', '2', '--only', 'docx', '--out', 'docx-only'])).toEqual({ code: 0, threads: [] });
    for (const file of [`${DAC}.pdf`, `${DAC}.docx`]) {
      expect(readFileSync(path.join(root, 'two', file)).equals(readFileSync(path.join(root, 'one', file))), file).toBe(true);
    }
    expect(readFileSync(path.join(root, 'docx-only', `${DAC}.docx`)).equals(readFileSync(path.join(root, 'one', `${DAC}.docx`)))).toBe(true);
  });

  it("reports the writer's error from the thread, and renders the next document", async () => {
    const document = await dacDocument();
    const thread = new RenderThread('docx');
    try {
      // A document no compose step makes: the writer fails on it, here as there.
      const broken = { ...document, blocks: null } as unknown as Document;
      const write = await writers.docx();
      const failureHere = await Promise.resolve()
        .then(() => write(broken))
        .then(
        () => undefined,
        (error: Error) => error.message,
      );
      expect(failureHere).toBeTruthy();
      await expect(thread.render(broken)).rejects.toThrow(failureHere);
      const here = await (await writers.docx())(document);
      expect(Buffer.from(await thread.render(document)).equals(Buffer.from(here))).toBe(true);
    } finally {
      await thread.close();
    }
  });

  it('renders here what a stopped thread was to render', async () => {
    const document = await dacDocument();
    const thread = new RenderThread('docx');
    await thread.close();
    await expect(thread.render(document)).rejects.toThrow("the docx writer's thread was closed");
    const [pdf, docx] = await renderAll(['pdf', 'docx'], document, thread);
    expect([pdf!.format, docx!.format]).toEqual(['pdf', 'docx']);
    expect(Buffer.from(docx!.bytes).equals(Buffer.from(await (await writers.docx())(document)))).toBe(true);
    expect(Buffer.from(pdf!.bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
