// Turns what a reviewer names on the command line into a pack's facts: a built
// file (which carries its own), a pack folder, or a pack id under packs/.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { findPacks } from '../load/project.js';
import { PACK_FILE, type PackLocation } from '../pack/location.js';
import { parseFacts, readBuiltFile, UnreadableFile } from '../diff/embedded-facts.js';
import { MAX_BUILT_FILE_BYTES, megabytes } from '../writers/read-back.js';
import type { PackFacts } from '../model/facts.js';
import type { Document } from '../model/document.js';
import { DataFileCache } from '../load/load-pack.js';
import { readRegularFile } from '../pack/project-files.js';
import { planSettledPack, type CheckOptions } from './build.js';
import { finishInterruptedEdit } from './edit-journal.js';

export type FactsResult =
  | {
      ok: true;
      facts: PackFacts;
      label: string;
      /** The pack's composed document, when the side is a pack rather than a built file (a redline needs it). */
      document?: Document;
      /** For a built file: the text it shows now, and the text it showed when built (undefined if not recorded). */
      shown?: { now: string; built: string | undefined };
    }
  /** `root`: the project the diagnostics' files are relative to. */
  | { ok: false; message: string; diagnostics: Diagnostic[]; root?: string };

/**
 * The facts of `name` as the user typed it in `cwd`: a built file or a pack
 * folder (relative to `cwd`), else a pack or variant id in `project`, the
 * project the command works on (none when there is no project there).
 */
export async function factsFrom(cwd: string, project: string | undefined, name: string, options: CheckOptions = {}): Promise<FactsResult> {
  const target = path.resolve(cwd, name);
  if (existsSync(target) && statSync(target).isFile()) {
    // A pipe or device named as a file is refused before it is opened; a file over the limit before it is read.
    const read = readRegularFile(target, MAX_BUILT_FILE_BYTES);
    if (!read.ok) {
      const why = read.problem === 'not-a-file' ? `it is ${read.kind}` : read.problem === 'unreadable' ? read.reason : read.problem === 'too-large' ? `it is over ${megabytes(MAX_BUILT_FILE_BYTES)}; built files are compared up to that` : 'it is gone';
      return { ok: false, message: `${name} could not be read (${why})`, diagnostics: [] };
    }
    try {
      const file = readBuiltFile(read.bytes);
      return { ok: true, facts: file.facts, label: name, shown: { now: file.visibleText, built: file.recordedText } };
    } catch (error) {
      if (error instanceof UnreadableFile) return { ok: false, message: `${name} ${error.reason}`, diagnostics: [] };
      throw error;
    }
  }
  if (existsSync(path.join(target, PACK_FILE))) {
    // A pack folder sits in <project>/packs/<id>: its shared data and templates are the project's.
    const root = path.dirname(path.dirname(target));
    await finishInterruptedEdit(root); // read as a whole edit left the packs (edit-journal.ts)
    return factsOf(root, { id: path.basename(target), dir: target, packFile: path.join(target, PACK_FILE) }, name, options);
  }
  if (project === undefined) {
    return {
      ok: false,
      message: `"${name}" is not a built .pdf or .docx or a pack folder, and there is no project here (a folder holding packs/) to find a pack of that name in`,
      diagnostics: [],
    };
  }
  return packFacts(project, name, options);
}

/** The facts of the pack or variant `id` under `project`/packs/. */
export async function packFacts(project: string, id: string, options: CheckOptions = {}): Promise<FactsResult> {
  await finishInterruptedEdit(project); // read as a whole edit left the packs (edit-journal.ts)
  const location = (await findPacks(project)).find((p) => p.id === id);
  if (!location) return { ok: false, message: `"${id}" is not a built .pdf or .docx, a pack folder, or a pack or variant under packs/`, diagnostics: [] };
  return factsOf(project, location, id, options);
}

async function factsOf(root: string, location: PackLocation, label: string, options: CheckOptions): Promise<FactsResult> {
  const plan = await planSettledPack(root, location, new DataFileCache(root), options);
  const json = plan.document?.meta.attachment?.json;
  const facts = json === undefined ? undefined : parseFacts(json);
  return facts && plan.document
    ? { ok: true, facts, label, document: plan.document }
    : { ok: false, message: `${label} has mistakes, so it cannot be compared`, diagnostics: plan.diagnostics, root };
}
