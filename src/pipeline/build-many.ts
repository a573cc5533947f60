// Builds many packs: skips those the build cache finds up to date, and spreads
// the rest over a pool of worker threads (piscina), each building whole packs.
// Outputs do not depend on the number of workers: every pack is built on its
// own, from its own files, by the same code.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PackLocation } from '../load/project.js';
import type { Format } from '../writers/formats.js';
import type { BuiltOutput } from './build.js';
import { BuildCache, byteSettings } from './build-cache.js';
import { OutputBusyError } from './output-lock.js';
import { runBuildTask, type BuildResult, type BuildTask } from './build-worker.js';

export interface BuildManyOptions {
  outDir: string;
  formats: Format[];
  today?: string;
  strict?: boolean;
  timestamp?: Date;
  /** Worker threads; 1 builds in this thread. Default: the number of cores. */
  jobs?: number;
  /** Build even the packs whose inputs are unchanged. */
  force?: boolean;
}

export interface PackOutcome {
  location: PackLocation;
  /** `built`: written now; `up-to-date`: unchanged since the last build; `failed`: not built (see diagnostics). */
  status: 'built' | 'up-to-date' | 'failed';
  diagnostics: Diagnostic[];
  outputs: BuiltOutput[];
  milliseconds: number;
}

/** The most old-generation heap one worker thread may use. */
const WORKER_HEAP_MB = 256;

export function defaultJobs(): number {
  return availableParallelism();
}

/** Builds the packs; `onPack` hears of each as it finishes. Returns the outcomes in the order of `packs`. */
export async function buildMany(
  root: string,
  packs: readonly PackLocation[],
  options: BuildManyOptions,
  onPack: (outcome: PackOutcome) => void = () => {},
): Promise<PackOutcome[]> {
  const cache = new BuildCache(root, options.outDir, byteSettings(options));
  const outcomes = new Map<string, PackOutcome>();
  const toBuild: PackLocation[] = [];
  for (const location of packs) {
    const outputs = options.force ? undefined : cache.upToDate(location.id);
    if (outputs) {
      const outcome: PackOutcome = { location, status: 'up-to-date', diagnostics: [], outputs, milliseconds: 0 };
      outcomes.set(location.id, outcome);
      onPack(outcome);
    } else {
      toBuild.push(location);
    }
  }

  const run = randomUUID();
  const task = (location: PackLocation): BuildTask => ({
    run,
    root,
    location,
    outDir: options.outDir,
    formats: options.formats,
    today: options.today,
    strict: options.strict,
    timestamp: options.timestamp, // a Date survives the copy to a worker thread
  });
  const finish = (location: PackLocation, result: BuildResult) => {
    const built = result.outputs.length > 0;
    cache.record(location.id, result.inputs, built ? result.outputs : undefined);
    const outcome: PackOutcome = { location, status: built ? 'built' : 'failed', ...result };
    outcomes.set(location.id, outcome);
    onPack(outcome);
  };

  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), toBuild.length));
  if (jobs === 1) {
    // One at a time in this thread: no worker to start, and modules stay loaded between packs.
    for (const location of toBuild) finish(location, await runBuildTask(task(location)));
  } else {
    const { Piscina } = await import('piscina');
    const pool = new Piscina<BuildTask, BuildResult>({
      filename: new URL('./build-worker-entry.cjs', import.meta.url).href,
      minThreads: jobs,
      maxThreads: jobs,
      idleTimeout: 1000,
      // A pack needs far less; a cap makes each worker collect garbage sooner, so that N workers
      // do not each hold a few hundred megabytes of it (peak memory with 2 workers fell by a quarter).
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    try {
      await Promise.all(
        toBuild.map(async (location) => {
          try {
            finish(location, await pool.run(task(location)));
          } catch (error) {
            // An error crosses back from a worker as a plain Error: give the lock's its own class again.
            const message = (error as Error).message ?? String(error);
            if (/^another build is writing /.test(message)) throw new OutputBusyError(message);
            if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
            // One pack too big for a worker stops that pack, not the build.
            finish(location, {
              diagnostics: [
                {
                  code: 'out-of-memory',
                  severity: 'error',
                  message: `building ${location.id} needed more than the ${WORKER_HEAP_MB} MB a worker thread may use`,
                  file: path.relative(root, location.packFile).split(path.sep).join('/'),
                  line: 0,
                  column: 0,
                  hint: 'build it with --jobs 1, which has no such limit, and check its images are not larger than they need to be',
                },
              ],
              inputs: [],
              outputs: [],
              milliseconds: 0,
            });
          }
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  await cache.save();
  return packs.map((location) => outcomes.get(location.id)!);
}
