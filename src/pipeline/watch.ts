// Watch mode: builds the packs once, then watches packs/ and templates/ and
// rebuilds only the packs a saved file affects. A pack's plan lists every file
// it reads or looks for (its inputs), so a changed path is matched against
// them. Saves are gathered until the files have been quiet for a moment, so a
// burst of saves, or an editor's write-a-temporary-file-and-rename, builds the
// final state once; one rebuild runs at a time, and changes seen during it are
// built after it. Nothing here prints: each rebuild is reported to a callback.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { watch as watchFiles, type FSWatcher } from 'chokidar';
import { forgetTemplates } from '../compose/templates.js';
import { PACK_FILE, type PackLocation } from '../pack/location.js';
import { within } from '../pack/project-files.js';
import { DataFileCache } from '../load/load-pack.js';
import type { Format } from '../writers/formats.js';
import { buildPack, type CheckOptions, type PackBuild } from './build.js';
import { spareRenderThread } from '../writers/render-thread.js';
import { BuildCache, byteSettings } from './build-cache.js';
import { selectPacks } from './select.js';

export interface WatchOptions extends Omit<CheckOptions, 'today'> {
  /**
   * The day to check dates against (YYYY-MM-DD), or a function asked at each rebuild: a watch left
   * running past midnight then checks against the new day. No check when absent.
   */
  today?: string | (() => string);
  /** The project folder (it holds packs/ and templates/). */
  root: string;
  /** The packs to build and watch, by id; when empty, every pack, including packs added while watching. */
  ids?: readonly string[];
  outDir: string;
  formats: readonly Format[];
  /** Warnings stop a pack like errors do (as `packs build --strict`). */
  strict?: boolean;
  /** How long the files must be quiet after a change before rebuilding, in milliseconds (default and least: 60). */
  quietMs?: number;
  /** Called after the first build, and after each rebuild, once the outputs are written. */
  onRebuild?: (rebuild: Rebuild) => void;
  /** Called when the file watcher or a rebuild as a whole fails; watching goes on. */
  onError?: (error: unknown) => void;
}

export type FileEvent = 'add' | 'addDir' | 'change' | 'unlink' | 'unlinkDir';

export interface PackRebuild {
  id: string;
  /** The changed files (absolute) that made this pack rebuild: empty on the first build. */
  changed: string[];
  /** The pack is new: its pack.yaml appeared while watching. */
  added?: boolean;
  /** The build, with its diagnostics and the outputs it wrote; absent if it threw. */
  build?: PackBuild;
  /** What the build threw: the previous outputs are left as they were. */
  error?: unknown;
}

export interface Rebuild {
  /** `start` for the first build, `change` for a rebuild after files changed. */
  reason: 'start' | 'change';
  /** Every file (absolute) that changed since the last rebuild, with what happened to it, whether or not it affected a pack. */
  changed: Map<string, FileEvent[]>;
  /** The packs rebuilt, in order. */
  packs: PackRebuild[];
  /** Packs no longer watched because their pack.yaml went, with the file that went. */
  removed: { id: string; file: string }[];
  /** How long the rebuild took, in milliseconds. */
  milliseconds: number;
}

export interface Watch {
  /** Resolves when the watcher has scanned the folders: from then on every save is seen. */
  ready: Promise<void>;
  /** Stops watching; waits for a rebuild that is running to finish. */
  close(): Promise<void>;
  /** The packs being watched, by id, with the files each depends on (undefined: not known yet, so any change rebuilds it). */
  packs(): Map<string, readonly string[] | undefined>;
}

/**
 * The wait for quiet after a save, by default: the least that is safe (below), so a rebuild follows a
 * save at once. An editor's save through a temporary file and a rename takes a few milliseconds. A
 * longer burst, such as a git checkout of many files, may be built twice, its first files and then
 * the rest; the last build has the final state.
 */
export const DEFAULT_QUIET_MS = 60;
/**
 * chokidar drops a second `change` event for a file within 50 ms of the first;
 * waiting longer than that before reading the files means a dropped event's save
 * is still read by the rebuild the first one started.
 */
const MIN_QUIET_MS = 60;

/** Whether `file` is `dir` or inside it. */
const inside = (dir: string, file: string): boolean => path.relative(dir, file) === '' || within(dir, file);

/**
 * Files editors make beside the one being saved, never inputs of a pack: dotfiles
 * (`.#name` Emacs locks, `.name.swp` vim swap files), backups (`name~`), Emacs
 * autosaves (`#name#`), vim's `4913` probe, JetBrains' and others' temporary files.
 */
export function isEditorTemporaryFile(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.endsWith('~') ||
    /^#.*#$/.test(name) ||
    /\.sw[a-p]$/.test(name) ||
    name === '4913' ||
    /___jb_(tmp|old)___$/.test(name) ||
    /\.(tmp|crswap|kate-swp)$/i.test(name)
  );
}

/** Starts watching: builds the packs once (reported to `onRebuild`), then rebuilds on every change. */
export async function startWatch(options: WatchOptions): Promise<Watch> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(options.outDir);
  const ids = [...new Set(options.ids ?? [])];
  const quietMs = Math.max(options.quietMs ?? DEFAULT_QUIET_MS, MIN_QUIET_MS);
  const packsDir = path.join(root, 'packs');
  const templatesDir = path.join(root, 'templates');
  const partialsDir = path.join(templatesDir, 'partials');
  const watchedDirs = [packsDir, templatesDir];
  // An output folder inside a watched folder is not watched; one elsewhere is not seen anyway.
  const outInsideWatched = watchedDirs.some((dir) => inside(dir, outDir) && outDir !== dir);

  /** The packs watched, by id, in build order, with each one's inputs (undefined until a build has listed them). */
  const watched = new Map<string, { location: PackLocation; inputs: Set<string> | undefined }>();
  // The packs as `packs build` picks them: those named (in that order), or all of them.
  const initial = await selectPacks(root, ids);
  if (initial.unknown.length > 0) throw new Error(`unknown pack ${initial.unknown.map((id) => `"${id}"`).join(', ')}`);
  for (const location of initial.packs) watched.set(location.id, { location, inputs: undefined });

  // Each pack's Word file is rendered in a thread of its own, beside its PDF, when there is a core for it.
  const thread = spareRenderThread(options.formats, availableParallelism());

  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // a failing error handler must not stop the watcher either
    }
  };

  /** Builds the packs given, in the order they are watched, each reading the files as they are now. */
  async function buildSome(targets: Map<string, { changed: string[]; added?: boolean }>): Promise<PackRebuild[]> {
    const cache = new DataFileCache(root); // fresh file contents for every rebuild
    // What is built here is recorded for the build cache, so that `packs build` finds it up to date.
    const today = typeof options.today === 'function' ? options.today() : options.today;
    const state = new BuildCache(root, outDir, byteSettings({ ...options, today }));
    const results: PackRebuild[] = [];
    for (const [id, entry] of watched) {
      const target = targets.get(id);
      if (!target) continue;
      const result: PackRebuild = { id, changed: target.changed, ...(target.added ? { added: true } : {}) };
      try {
        const { timestamp, strict, formats } = options;
        const build = await buildPack(root, entry.location, cache, { outDir, formats, today, timestamp, strict, thread });
        entry.inputs = new Set(build.inputs);
        state.record(id, build, build.outputs, today);
        result.build = build;
      } catch (error) {
        result.error = error; // its inputs stay as they were: the next change to them tries again
      }
      results.push(result);
    }
    try {
      await state.save();
    } catch (error) {
      report(error);
    }
    return results;
  }

  /** Works out which packs the changes affect, and rebuilds them. */
  async function rebuildAfter(changes: Map<string, FileEvent[]>): Promise<Rebuild> {
    const started = performance.now();
    const changed = [...changes.keys()].sort();
    const targets = new Map<string, { changed: string[]; added?: boolean }>();
    const removed: { id: string; file: string }[] = [];

    // A pack.yaml (or a pack's folder) that appeared or went adds or removes a pack; a changed
    // pack.yaml may declare other variants. The packs are then looked for again.
    const structural = [...changes].some(
      ([file, events]) => inside(packsDir, file) && (events.some((event) => event !== 'change') || path.basename(file) === PACK_FILE),
    );
    const found = structural ? await selectPacks(root, ids).then((selection) => selection.packs, report) : undefined;
    if (found) {
      for (const [id, entry] of watched) {
        if (!found.some((location) => location.id === id)) removed.push({ id, file: entry.location.packFile });
      }
      const previous = new Map(watched);
      watched.clear(); // and filled again in build order: the order named, or as found
      for (const location of found) {
        const known = previous.get(location.id);
        watched.set(location.id, { location, inputs: known?.inputs });
        if (!known) targets.set(location.id, { changed: [location.packFile], added: true });
      }
    }

    // A changed template or partial (or a folder that may hold some) is read and compiled again.
    const templateChanged = [...changes].some(([file, events]) => file.endsWith('.hbs') || events.some((event) => event === 'addDir' || event === 'unlinkDir'));
    if (templateChanged) forgetTemplates();
    // A partial that appeared or went changes what every template may use.
    const partialsChanged = [...changes].some(
      ([file, events]) => (path.dirname(file) === partialsDir || file === partialsDir) && events.some((event) => event !== 'change'),
    );

    for (const [id, entry] of watched) {
      if (targets.has(id)) continue;
      const affecting =
        entry.inputs === undefined || partialsChanged
          ? changed
          : changed.filter((file) => entry.inputs!.has(file));
      if (affecting.length > 0) targets.set(id, { changed: affecting });
    }
    const packs = targets.size > 0 ? await buildSome(targets) : [];
    return { reason: 'change', changed: changes, packs, removed, milliseconds: performance.now() - started };
  }

  const emit = (rebuild: Rebuild) => {
    if (rebuild.packs.length === 0 && rebuild.removed.length === 0) return; // nothing a pack reads changed
    try {
      options.onRebuild?.(rebuild);
    } catch (error) {
      report(error);
    }
  };

  // The changes not yet built, gathered until the files are quiet.
  let pending = new Map<string, FileEvent[]>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  /** Starts a rebuild of the pending changes, unless one is running (it starts the next when it ends). */
  function flush(): void {
    if (running || closed || pending.size === 0) return;
    const changes = pending;
    pending = new Map();
    running = rebuildAfter(changes)
      .then(emit, report)
      .then(() => {
        running = undefined;
        // Changes that came in during the rebuild, and have been quiet since, are built now.
        if (timer === undefined) flush();
      });
  }

  function changeSeen(event: FileEvent, file: string): void {
    if (closed) return;
    const events = pending.get(file) ?? [];
    if (events.at(-1) !== event) events.push(event);
    pending.set(file, events);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, quietMs);
  }

  const watcher: FSWatcher = watchFiles(watchedDirs, {
    ignoreInitial: true,
    atomic: true, // a file removed and made again at once (some editors' saves) is one change
    ignored: (file: string) => {
      if (outInsideWatched && inside(outDir, file)) return true;
      if (!watchedDirs.some((dir) => inside(dir, file)) || watchedDirs.includes(file)) return false;
      return isEditorTemporaryFile(path.basename(file));
    },
  });
  watcher.on('all', (event, file) => {
    if (event === 'add' || event === 'addDir' || event === 'change' || event === 'unlink' || event === 'unlinkDir') changeSeen(event, path.resolve(file));
  });
  watcher.on('error', report);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  // The first build: every pack watched. Changes seen meanwhile are built after it.
  const first = performance.now();
  running = buildSome(new Map([...watched.keys()].map((id) => [id, { changed: [] }])))
    .then((packs) => {
      try {
        options.onRebuild?.({ reason: 'start', changed: new Map(), packs, removed: [], milliseconds: performance.now() - first });
      } catch (error) {
        report(error);
      }
    }, report)
    .then(() => {
      running = undefined;
      if (timer === undefined) flush();
    });
  await running;

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await watcher.close();
      await running;
      await thread?.close();
    },
    packs: () => new Map([...watched].map(([id, entry]) => [id, entry.inputs ? [...entry.inputs] : undefined])),
  };
}
