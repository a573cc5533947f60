// What one worker thread of a parallel build runs: a whole pack, from reading
// its files to writing its outputs, so that threads share nothing but the
// output folder's lock. Shared data files are read once per thread per build.
import { buildPack, type BuiltOutput } from './build.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PackLocation } from '../load/project.js';
import { DataFileCache } from '../validate/load-pack.js';
import type { Format } from '../writers/formats.js';

export interface BuildTask {
  /** Identifies one build: tasks of the same build share this thread's file cache. */
  run: string;
  root: string;
  location: PackLocation;
  outDir: string;
  formats: Format[];
  today?: string;
  strict?: boolean;
  /** SOURCE_DATE_EPOCH, in milliseconds (a Date does not cross threads as a Date in every Node version). */
  timestamp?: number;
}

/** A pack's build, without its document model: what crosses back to the main thread. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  inputs: string[];
  outputs: BuiltOutput[];
  milliseconds: number;
}

let current: { run: string; cache: DataFileCache } | undefined;

export async function runBuildTask(task: BuildTask): Promise<BuildResult> {
  if (current?.run !== task.run) current = { run: task.run, cache: new DataFileCache(task.root) };
  const result = await buildPack(task.root, task.location, current.cache, {
    outDir: task.outDir,
    formats: task.formats,
    ...(task.today === undefined ? {} : { today: task.today }),
    ...(task.strict === undefined ? {} : { strict: task.strict }),
    ...(task.timestamp === undefined ? {} : { timestamp: new Date(task.timestamp) }),
  });
  return { diagnostics: result.diagnostics, inputs: result.inputs, outputs: result.outputs, milliseconds: result.milliseconds };
}

