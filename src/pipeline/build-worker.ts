// What one worker thread of a parallel build runs: a whole pack, from reading
// its files to writing its outputs, so that threads share nothing but the
// output folder's lock. Shared data files are read once per thread per build.
import { buildPack, planSettledPack, type BuiltOutput, type CheckOptions } from './build.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PackLocation } from '../pack/location.js';
import { DataFileCache } from '../load/load-pack.js';
import type { Format } from '../writers/formats.js';
import type { RenderThread } from '../writers/render-thread.js';
import { asStopped, WriteFailed, type Stopped, type WriteOutcome } from './write-errors.js';

export interface BuildTask extends CheckOptions {
  /** Identifies one build: tasks of the same build share this thread's file cache. */
  run: string;
  root: string;
  location: PackLocation;
  outDir: string;
  formats: Format[];
  strict?: boolean;
  /**
   * Only run the checks: the pack's files are up to date, and only the day has
   * changed since its warnings were found. Builds it after all if they find errors.
   */
  checkOnly?: boolean;
}

/** A pack's build, without its document model: what crosses back to the main thread. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  inputs: string[];
  /** What each input that was read held then (see PackPlan). */
  hashesAsRead: Map<string, string>;
  outputs: BuiltOutput[];
  milliseconds: number;
  /** The checks ran and nothing was written (a `checkOnly` task whose checks passed). */
  checkedOnly?: boolean;
  /** An output could not be written (a full disk, a read-only folder): a WriteFailed, as plain data to cross threads. */
  writeFailed?: { target: string; code: string; outcome: WriteOutcome };
  /** What stopped the whole build (a lock held too long, files that kept changing), as plain data to cross threads. */
  stopped?: Stopped;
}

let current: { run: string; cache: DataFileCache } | undefined;

/** Builds one pack; `thread`, when given, renders one of its formats meanwhile (see RenderThread). */
export async function runBuildTask({ run, root, location, checkOnly, ...options }: BuildTask, thread?: RenderThread): Promise<BuildResult> {
  if (current?.run !== run) current = { run, cache: new DataFileCache(root) };
  const nothing = { diagnostics: [], inputs: [], hashesAsRead: new Map(), outputs: [], milliseconds: 0 };
  try {
    if (checkOnly) {
      const started = performance.now();
      const { diagnostics, inputs, hashesAsRead, document } = await planSettledPack(root, location, current.cache, options);
      if (document && !hasErrors(diagnostics)) return { diagnostics, inputs, hashesAsRead, outputs: [], milliseconds: performance.now() - started, checkedOnly: true };
    }
    const { diagnostics, inputs, hashesAsRead, outputs, milliseconds } = await buildPack(root, location, current.cache, { ...options, thread });
    return { diagnostics, inputs, hashesAsRead, outputs, milliseconds };
  } catch (error) {
    if (error instanceof WriteFailed) return { ...nothing, writeFailed: { target: error.target, code: error.code, outcome: error.outcome } };
    const stopped = asStopped(error);
    if (stopped) return { ...nothing, stopped };
    throw error;
  }
}
