// The orchestrator: load → validate → resolve → compose → write, for each pack.
// It is the only place that writes files, and it writes a pack's outputs only
// when every step succeeded, each through a temporary file renamed into place.
import path from 'node:path';
import { withOutputLock } from './locks.js';
import { makeFolder, removeAbandonedTemporaries, writeFileWhole } from './write-file.js';
import { currentHash, editUnderWay, finishInterruptedEdit } from './edit-journal.js';
import { FilesKeptChanging } from './write-errors.js';
import { internalError } from './internal-error.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PackLocation } from '../pack/location.js';
import { sha256Hex } from '../load/read-log.js';
import type { Document } from '../model/document.js';
import { composeDocument } from '../compose/compose.js';
import { forgetTemplates, loadPartials, templateHashesOf } from '../compose/templates.js';
import { partialFiles, templateCandidates } from '../pack/template-files.js';
import { resolvePack } from '../resolve/resolve-pack.js';
import { completePack, VARIANT_FILES, type LoadedPack } from '../pack/loaded-pack.js';
import { DataFileCache, loadPack } from '../load/load-pack.js';
import { validatePack } from '../validate/validate-pack.js';
import { relocateVariantDiagnostics } from '../load/variants.js';
import { renderAll, type RenderThread } from '../writers/render-thread.js';
import type { Format } from '../writers/formats.js';

export interface PackPlan {
  location: PackLocation;
  diagnostics: Diagnostic[];
  /**
   * Every file the pack reads or looks for (data files, images, templates,
   * partials), absolute and sorted, whether found or not: a change to any of
   * them may change the pack; a change to anything else cannot.
   */
  inputs: string[];
  /** What each input that was read held then: the SHA-256 of its bytes, by absolute path. */
  hashesAsRead: Map<string, string>;
  /** The composed document, when the pack is valid. */
  document?: Document;
}

export { selectPacks } from './select.js';

export interface CheckOptions {
  /** The day to check dates against (YYYY-MM-DD): dates before it are warned about. No check when absent. */
  today?: string;
  /** The timestamp written into the outputs (from SOURCE_DATE_EPOCH); by default the pack's version date. */
  timestamp?: Date;
}

/** Runs every check on a pack and, if it passes, composes its document. Writes nothing. */
export async function planPack(root: string, location: PackLocation, cache: DataFileCache, options: CheckOptions = {}): Promise<PackPlan> {
  try {
    return await checkedPlan(root, location, cache, options);
  } catch (error) {
    // A fault in packs stops this pack, not the others of the run.
    return { location, diagnostics: [internalError(root, location, error)], inputs: [], hashesAsRead: new Map() };
  }
}

async function checkedPlan(root: string, location: PackLocation, cache: DataFileCache, options: CheckOptions): Promise<PackPlan> {
  const partialDiagnostics = loadPartials(root);
  const loaded = await loadPack(location, cache);
  const sections = loaded.pack?.pack.data.sections ?? [];
  const inputs = [
    ...new Set([
      ...loaded.inputs,
      ...sections.flatMap((section) => templateCandidates(root, location.dir, section.template)),
      ...partialFiles(root),
    ]),
  ].sort();
  const loadDiagnostics = [...partialDiagnostics, ...loaded.diagnostics];
  const later = loaded.pack ? checkAndCompose(root, loaded.pack, hasErrors(loadDiagnostics), options) : { diagnostics: [] };
  return {
    location,
    // What the later stages found about a value a variant sets is reported where the variant sets it.
    diagnostics: [...loadDiagnostics, ...relocateVariantDiagnostics(loaded.pack, later.diagnostics)],
    inputs,
    // Once every file the pack needs has been read, templates included.
    hashesAsRead: new Map([...cache.reads.hashesOf(inputs), ...templateHashesOf(inputs)]),
    ...(later.document ? { document: later.document } : {}),
  };
}

/** How many times a pack is read again when its files change while it is read, before the command gives up. */
const READ_ATTEMPTS = 5;

/**
 * planPack, from files as one moment left them: never from an edit by `packs set`
 * half applied, nor from some files read before an edit and some after it. A
 * build, a check or a comparison that read a pack while an edit landed would
 * otherwise print, say, the new salary under the old version.
 *
 * An edit writes its journal before it changes any file and removes it once all
 * are changed (edit-journal.ts). So once the pack is planned, if there is no
 * journal and every file still holds what was read, no edit was under way while
 * the files that were read new were read, and any edit that was under way before
 * had changed a file that was read old: the pack was read whole. Otherwise its
 * files are forgotten, the edit under way is waited for (or one a killed command
 * left is finished) and the pack is planned again. Costs one look for the journal
 * and one more read of the pack's files, which are small.
 */
export async function planSettledPack(root: string, location: PackLocation, cache: DataFileCache, options: CheckOptions = {}): Promise<PackPlan> {
  for (let attempt = 1; ; attempt++) {
    const plan = await planPack(root, location, cache, options);
    // The journal first: an edit that removed it had written every file, so a file read before it shows as changed.
    const underWay = editUnderWay(root);
    const changed = [...plan.hashesAsRead].filter(([file, hash]) => currentHash(file) !== hash).map(([file]) => file);
    if (!underWay && changed.length === 0) return plan;
    if (attempt === READ_ATTEMPTS) {
      throw new FilesKeptChanging(`the files of ${location.id} kept changing while they were read, so it was left as it was; run the command again once they are saved`);
    }
    // An edit under way may yet change any of the files read; otherwise only those that changed are read again.
    cache.forget(underWay ? [...plan.hashesAsRead.keys()] : changed);
    if (templateHashesOf(changed).size > 0) forgetTemplates();
    await finishInterruptedEdit(root);
  }
}

/** validate → resolve → compose, each only when the steps before it found no errors. */
function checkAndCompose(root: string, pack: LoadedPack, loadFailed: boolean, options: CheckOptions): { diagnostics: Diagnostic[]; document?: Document } {
  const diagnostics = validatePack(root, pack, options);
  const complete = completePack(pack);
  if (!complete || loadFailed || hasErrors(diagnostics)) return { diagnostics };
  const resolved = resolvePack(complete);
  diagnostics.push(...resolved.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  const dataFiles = [...VARIANT_FILES.map((key) => pack[key]), ...(pack.calendars ?? [])].filter((part) => part !== null && part !== undefined);
  const composed = composeDocument(root, pack.location, resolved.resolved, options.timestamp, dataFiles);
  diagnostics.push(...composed.diagnostics);
  return composed.document && !hasErrors(diagnostics) ? { diagnostics, document: composed.document } : { diagnostics };
}

export interface BuiltOutput {
  format: Format;
  file: string;
  bytes: number;
  /** Pages, for formats that know them (PDF). */
  pages?: number;
  /** SHA-256 of the bytes written, hex: how the build cache knows the file is still the one it wrote. */
  sha256: string;
}

export interface PackBuild extends PackPlan {
  outputs: BuiltOutput[];
  milliseconds: number;
}

/** Counts the pages of a PDF from its page objects. */
export function countPdfPages(bytes: Uint8Array): number {
  return Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

export async function buildPack(
  root: string,
  location: PackLocation,
  cache: DataFileCache,
  options: CheckOptions & {
    outDir: string;
    formats: readonly Format[];
    strict?: boolean;
    /** A thread that renders one of the formats while this one renders the others. */
    thread?: RenderThread;
  },
): Promise<PackBuild> {
  const started = performance.now();
  const plan = await planSettledPack(root, location, cache, options);
  const outputs: BuiltOutput[] = [];
  // With --strict a warning stops the pack like an error does.
  const stopped = options.strict === true && plan.diagnostics.length > 0;
  if (plan.document && !stopped) {
    // Render every format before writing any, so a pack never has one new file and one old.
    let rendered: Awaited<ReturnType<typeof renderAll>>;
    try {
      rendered = await renderAll(options.formats, plan.document, options.thread);
    } catch (error) {
      // A writer's fault stops this pack, not the others of the run; its previous files stay.
      return { ...plan, diagnostics: [...plan.diagnostics, internalError(root, location, error)], outputs, milliseconds: performance.now() - started };
    }
    await makeFolder(options.outDir);
    // One build writes into a folder at a time; files an interrupted build left are cleared first.
    await withOutputLock(options.outDir, async () => {
      removeAbandonedTemporaries(options.outDir);
      for (const { format, bytes } of rendered) {
        const file = path.join(options.outDir, `${location.id}.${format}`);
        await writeFileWhole(file, bytes);
        outputs.push({
          format,
          file,
          bytes: bytes.byteLength,
          sha256: sha256Hex(bytes), // as the build cache hashes the file when it checks it
          ...(format === 'pdf' ? { pages: countPdfPages(bytes) } : {}),
        });
      }
    });
  }
  return { ...plan, outputs, milliseconds: performance.now() - started };
}
