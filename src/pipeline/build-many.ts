// Builds many packs: skips those the build cache finds up to date, and spreads
// the rest over a pool of worker threads (piscina), each building whole packs.
// Outputs do not depend on the number of workers: every pack is built on its
// own, from its own files, by the same code.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PackLocation } from '../pack/location.js';
import type { Format } from '../writers/formats.js';
import type { BuiltOutput } from './build.js';
import { BuildCache, byteSettings, type UpToDatePack } from './build-cache.js';
import { clearInterruptedWrites, OutputBusyError } from './locks.js';
import { WriteFailed } from './write-file.js';
import { stoppedError } from './write-errors.js';
import { internalError } from './internal-error.js';
import { runBuildTask, type BuildResult, type BuildTask } from './build-worker.js';
import { spareRenderThread, type RenderThread } from '../writers/render-thread.js';

export interface BuildManyOptions {
  outDir: string;
  formats: Format[];
  today?: string;
  strict?: boolean;
  timestamp?: Date;
  /** Worker threads; 1 builds in this thread. Default: one a core. */
  jobs?: number;
  /** Build even the packs whose inputs are unchanged. */
  force?: boolean;
  /** The most old-generation heap a worker thread may use, in MB (default WORKER_HEAP_MB); a test lowers it to see a pack run out. */
  workerHeapMb?: number;
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

/**
 * The young generation of one worker thread: what Node 20 and 22 give it by
 * default. Node 24 sizes it from the machine's memory instead (192 MB here), and
 * 200 packs in two workers then peaked at 713 MB against 479 MB with 48, for
 * about 1.5 s (7%) less time.
 */
const WORKER_YOUNG_MB = 48;

/** Builds the packs; `onPack` hears of each as it finishes. Returns the outcomes in the order of `packs`. */
export async function buildMany(
  root: string,
  packs: readonly PackLocation[],
  options: BuildManyOptions,
  onPack: (outcome: PackOutcome) => void = () => {},
): Promise<PackOutcome[]> {
  clearInterruptedWrites(options.outDir);
  const cache = new BuildCache(root, options.outDir, byteSettings(options));
  const outcomes = new Map<string, PackOutcome>();
  /** The packs to build, and the up-to-date packs whose warnings are from another day, to check again. */
  const toBuild: Work[] = [];
  for (const location of packs) {
    const last = options.force ? undefined : cache.upToDate(location.id, options.today);
    if (last?.checkedToday) {
      const outcome: PackOutcome = { location, status: 'up-to-date', diagnostics: last.warnings, outputs: last.outputs, milliseconds: 0 };
      outcomes.set(location.id, outcome);
      onPack(outcome);
    } else {
      toBuild.push({ location, ...(last ? { last } : {}) });
    }
  }

  const run = randomUUID();
  const task = ({ location, last }: Work): BuildTask => ({
    run,
    root,
    location,
    outDir: options.outDir,
    formats: options.formats,
    today: options.today,
    strict: options.strict,
    timestamp: options.timestamp, // a Date survives the copy to a worker thread
    ...(last ? { checkOnly: true } : {}),
  });
  /** Checked-again packs whose files changed since their last build: they are built after all. */
  const changedMeanwhile: Work[] = [];
  const finish = (entry: Work, result: BuildResult) => {
    const { location, last } = entry;
    // A file that could not be written stops the build: the next pack would fail the same way.
    if (result.writeFailed) throw new WriteFailed(result.writeFailed.target, result.writeFailed.code, result.writeFailed.outcome);
    // So does a lock held too long, an interrupted edit that cannot be finished, or files that kept changing.
    if (result.stopped) throw stoppedError(result.stopped);
    if (result.checkedOnly && last && cache.keyOfBuild(result) !== last.key) {
      changedMeanwhile.push({ location });
      return;
    }
    const outputs = result.checkedOnly && last ? last.outputs : result.outputs;
    const built = outputs.length > 0;
    cache.record(location.id, result, built ? outputs : undefined, options.today);
    const status = result.checkedOnly ? 'up-to-date' : built ? 'built' : 'failed';
    const outcome: PackOutcome = { location, status, diagnostics: result.diagnostics, outputs, milliseconds: result.milliseconds };
    outcomes.set(location.id, outcome);
    onPack(outcome);
  };

  // One worker a core (or as many as --jobs says), never more than there are packs; one means this thread.
  const allowed = options.jobs ?? availableParallelism();
  const jobs = Math.max(1, Math.min(allowed, toBuild.length));
  // One pack to build (not only to check) and a core to spare: its Word file is rendered beside its PDF.
  const thread = toBuild.length === 1 && !toBuild[0]!.last ? spareRenderThread(options.formats, allowed) : undefined;
  const runner = jobs === 1 ? inThisThread(root, task, finish, thread) : await inWorkers(jobs, options.workerHeapMb ?? WORKER_HEAP_MB, root, task, finish);
  try {
    await runner.run(toBuild);
    if (changedMeanwhile.length > 0) await runner.run(changedMeanwhile.splice(0));
  } finally {
    await runner.close();
    await thread?.close();
  }
  await cache.save();
  return packs.map((location) => outcomes.get(location.id)!);
}

/** The result of a pack stopped before it was built, by `problem`. */
function failedWith(problem: Diagnostic): BuildResult {
  return { diagnostics: [problem], inputs: [], hashesAsRead: new Map(), outputs: [], milliseconds: 0 };
}

/** A pack to build, or (with `last`, its last build) to check again. */
interface Work {
  location: PackLocation;
  last?: UpToDatePack;
}

interface Runner {
  run(work: Work[]): Promise<void>;
  close(): Promise<void>;
}

/** One at a time in this thread: no worker to start, and modules stay loaded between packs. */
function inThisThread(root: string, task: (work: Work) => BuildTask, finish: (work: Work, result: BuildResult) => void, thread?: RenderThread): Runner {
  return {
    async run(work) {
      for (const entry of work) {
        let result: BuildResult;
        try {
          result = await runBuildTask(task(entry), thread);
        } catch (error) {
          // The lock, and a file that could not be written, stop the build; anything else is a fault in packs.
          if (error instanceof OutputBusyError || error instanceof WriteFailed) throw error;
          result = failedWith(internalError(root, entry.location, error));
        }
        finish(entry, result);
      }
    },
    async close() {},
  };
}

/** Spread over a pool of worker threads, each building whole packs. */
async function inWorkers(
  jobs: number,
  heapMb: number,
  root: string,
  task: (work: Work) => BuildTask,
  finish: (work: Work, result: BuildResult) => void,
): Promise<Runner> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina<BuildTask, BuildResult>({
    filename: new URL('./build-worker-entry.cjs', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
    // A pack needs far less; a cap makes each worker collect garbage sooner, so that N workers
    // do not each hold a few hundred megabytes of it (peak memory with 2 workers fell by a quarter).
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  // A worker that dies with no pack to build has not even started (one started in place of a worker
  // that ran out of memory runs out of it too, when the limit is that low): the pool would start
  // another and another, and the packs still waiting would wait for ever. They stop instead, for the
  // same reason. Unheard, the pool's 'error' event would also stop the whole process.
  const noWorkerStarts = new AbortController();
  pool.on('error', (error: unknown) => noWorkerStarts.abort(error));
  const runOne = async (entry: Work) => {
    const { location } = entry;
    let result: BuildResult;
    try {
      result = await pool.run(task(entry), { signal: noWorkerStarts.signal });
    } catch (thrown) {
      const error = noWorkerStarts.signal.aborted && (thrown as { name?: string }).name === 'AbortError' ? noWorkerStarts.signal.reason : thrown;
      // What stops the build as a whole comes back as a result (BuildResult.stopped), not thrown.
      if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') {
        // Anything else a worker throws is a fault in packs: it stops that pack, not the build.
        finish(entry, failedWith(internalError(root, location, error)));
        return;
      }
      // One pack too big for a worker stops that pack, not the build.
      finish(
        entry,
        failedWith(
          diagnostic(
            {
              code: 'out-of-memory',
              message: `building ${location.id} needed more than the ${heapMb} MB a worker thread may use`,
              hint: 'build it with --jobs 1, which has no such limit, and check its images are not larger than they need to be',
            },
            path.relative(root, location.packFile).split(path.sep).join('/'),
          ),
        ),
      );
      return;
    }
    // Outside the try: a file that could not be written stops the build (finish throws), it is no fault of packs.
    finish(entry, result);
  };
  return {
    async run(work) {
      await Promise.all(work.map(runOne));
    },
    close: () => pool.destroy(),
  };
}
