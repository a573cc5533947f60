// The build cache: a pack whose inputs are unchanged is not built again. Its key
// is a SHA-256 of everything that can change its outputs — the contents of each
// file it read or looked for (data files, images, templates, partials; a file
// that is missing counts as missing), the tool itself (its compiled code and the
// versions of the libraries that write the files, fonts included), and the
// options that change the bytes. File times play no part. The state lives in
// <out>/.packs-build-state.json; an output that was deleted or changed since the
// build that wrote it is built again.
//
// A pack that is up to date is reported with the warnings of the build that
// wrote it, so that running the build again does not make them look fixed. One
// warning depends on the day as well as the files (`date-in-past`), so the
// warnings hold for the day they were found on; on another day the pack's checks
// run again (without writing anything: its bytes do not depend on the day). A
// warning's place is a span of its file's text, which is unchanged while the key
// is, so it is printed against the file as it is then.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder, writeFileWhole } from './write-file.js';
import { toolFingerprint } from './tool-fingerprint.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sha256Hex } from '../load/read-log.js';
import { MAX_IMAGE_BYTES } from '../load/image-file.js';
import { readProjectFile, readRegularFile, type FileRead } from '../pack/project-files.js';
import type { BuiltOutput } from './build.js';
import { withOutputLock } from './locks.js';

export const STATE_FILE = '.packs-build-state.json';
// 3: a warning's place is a span of offsets (2 held its line and column).
const STATE_FORMAT = 'packs-build-state/3';

interface PackState {
  key: string;
  /** The files the build read or looked for, relative to the project root. */
  inputs: string[];
  outputs: (Omit<BuiltOutput, 'file'> & { name: string })[];
  /** The warnings the checks gave (a pack with errors is not built, so has no state). */
  warnings: Diagnostic[];
  /** The day the dates were checked against (--today), or null when they were not. */
  checkedOn: string | null;
}

/** A pack whose inputs and outputs are as the last build left them. */
export interface UpToDatePack {
  /** The key its files had when it was built. */
  key: string;
  outputs: BuiltOutput[];
  warnings: Diagnostic[];
  /**
   * Whether the warnings are for the day asked about. When they are not, the
   * pack's checks must run again to find today's, though its files stay as they are.
   */
  checkedToday: boolean;
}

interface BuildState {
  format: typeof STATE_FORMAT;
  packs: Record<string, PackState>;
}

/** The most a state file may hold: a few KB a pack. */
const MAX_STATE_BYTES = 64 * 1024 * 1024;
/** The largest output hashed to tell whether it is still the file written; a larger one is built again. */
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

function readState(file: string): BuildState {
  const read = readRegularFile(file, MAX_STATE_BYTES);
  if (!read.ok) return { format: STATE_FORMAT, packs: {} };
  try {
    const state = JSON.parse(read.bytes.toString('utf8')) as BuildState;
    if (state.format === STATE_FORMAT && state.packs && typeof state.packs === 'object') return state;
  } catch {
    // none yet, or unreadable: everything is built
  }
  return { format: STATE_FORMAT, packs: {} };
}

/** The options that change the bytes a build writes: part of every key. */
export function byteSettings(options: { formats: readonly string[]; strict?: boolean; today?: string; timestamp?: Date }): Record<string, unknown> {
  return {
    formats: [...options.formats].sort(),
    strict: options.strict === true,
    // With --strict a warning stops a build, and `date-in-past` depends on the day.
    today: options.strict ? (options.today ?? null) : null,
    timestamp: options.timestamp?.getTime() ?? null,
  };
}

export class BuildCache {
  private readonly stateFile: string;
  private readonly state: BuildState;
  private readonly changed = new Map<string, PackState>();
  private readonly fileHashes = new Map<string, string>();

  /** `settings` are the options that change the bytes written (formats, timestamp, ...). */
  constructor(
    private readonly root: string,
    private readonly outDir: string,
    private readonly settings: Record<string, unknown>,
  ) {
    this.stateFile = path.join(outDir, STATE_FILE);
    this.state = readState(this.stateFile);
  }

  /**
   * What a file holds now, as a build's ReadLog hashes what it read; for a file
   * it would not read (missing, a pipe, a link out of the project, too large), why.
   */
  private hashFile(file: string, read: (file: string) => FileRead): string {
    let hash = this.fileHashes.get(file);
    if (hash === undefined) {
      const result = read(file);
      hash = result.ok ? sha256Hex(result.bytes) : result.problem === 'not-found' ? 'missing' : result.problem;
      this.fileHashes.set(file, hash);
    }
    return hash;
  }

  /** An input of a pack: a file of the project, read as a build reads it (no input is larger than an image may be). */
  private hashInput(file: string): string {
    return this.hashFile(file, (input) => readProjectFile(this.root, input, MAX_IMAGE_BYTES));
  }

  /**
   * The key of a pack built from these inputs (relative to the root) with this
   * tool and these settings: from the files as they are now, or, for those in
   * `asRead` (by absolute path), as the build read them.
   */
  keyOf(inputs: readonly string[], asRead: ReadonlyMap<string, string> = new Map()): string {
    const hash = createHash('sha256').update(toolFingerprint()).update(JSON.stringify(this.settings));
    for (const input of [...inputs].sort()) {
      const file = path.join(this.root, input);
      hash.update(`\0${input}\0${asRead.get(file) ?? this.hashInput(file)}`);
    }
    return hash.digest('hex');
  }

  /**
   * The last build of a pack, if its inputs are unchanged and its outputs are the
   * files it wrote; `today` is the day its dates are to be checked against.
   */
  upToDate(id: string, today: string | undefined): UpToDatePack | undefined {
    const entry = this.state.packs[id];
    if (!entry || !Array.isArray(entry.warnings) || entry.key !== this.keyOf(entry.inputs)) return undefined;
    const outputs: BuiltOutput[] = [];
    for (const { name, ...output } of entry.outputs) {
      const file = path.join(this.outDir, name);
      if (this.hashFile(file, (output) => readRegularFile(output, MAX_OUTPUT_BYTES)) !== output.sha256) return undefined;
      outputs.push({ ...output, file });
    }
    return { key: entry.key, outputs, warnings: entry.warnings, checkedToday: entry.checkedOn === (today ?? null) };
  }

  /** The key of a build from the files it read, as it read them. */
  keyOfBuild(build: { inputs: readonly string[]; hashesAsRead: ReadonlyMap<string, string> }): string {
    return this.keyOf(this.relative(build.inputs), build.hashesAsRead);
  }

  private relative(inputs: readonly string[]): string[] {
    return inputs.map((input) => path.relative(this.root, input).split(path.sep).join('/'));
  }

  /**
   * Notes a pack just built, or just checked again, with the warnings among the
   * diagnostics its checks gave on `today`; `inputs` are absolute, and
   * `hashesAsRead` what those the build read held then. Forgets a pack that was not built.
   */
  record(
    id: string,
    build: { inputs: readonly string[]; hashesAsRead: ReadonlyMap<string, string>; diagnostics: readonly Diagnostic[] },
    outputs: readonly BuiltOutput[] | undefined,
    today: string | undefined,
  ): void {
    if (!outputs || outputs.length === 0) {
      this.changed.set(id, { key: '', inputs: [], outputs: [], warnings: [], checkedOn: null });
      return;
    }
    const relative = this.relative(build.inputs);
    this.changed.set(id, {
      key: this.keyOf(relative, build.hashesAsRead),
      inputs: relative,
      outputs: outputs.map(({ file, ...output }) => ({ ...output, name: path.basename(file) })),
      warnings: build.diagnostics.filter((d) => d.severity === 'warning'),
      checkedOn: today ?? null,
    });
  }

  /** Writes the state, merged into what is on disk now (another build may have recorded other packs meanwhile). */
  async save(): Promise<void> {
    if (this.changed.size === 0) return;
    const built = [...this.changed.values()].some((entry) => entry.key !== '');
    // Nothing built and no state yet: nothing to forget, and no output folder to make.
    if (!built && !existsSync(this.stateFile)) return;
    await makeFolder(this.outDir);
    // Under the output folder's lock: another build's merge cannot interleave with this one.
    await withOutputLock(this.outDir, async () => {
      const merged = readState(this.stateFile);
      for (const [id, entry] of this.changed) {
        if (entry.key === '') delete merged.packs[id];
        else merged.packs[id] = entry;
      }
      const sorted = Object.fromEntries(Object.entries(merged.packs).sort(([a], [b]) => a.localeCompare(b)));
      await writeFileWhole(this.stateFile, JSON.stringify({ format: STATE_FORMAT, packs: sorted }, null, 1) + '\n');
    });
  }
}
