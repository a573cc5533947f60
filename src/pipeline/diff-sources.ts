// Turns what a reviewer names on the command line into a pack's facts: a built
// file (which carries its own), a pack folder, or a pack id under packs/.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { findPacks } from '../load/project.js';
import { PACK_FILE, type PackLocation } from '../pack/location.js';
import { parseFacts, readEmbeddedFacts } from '../diff/embedded-facts.js';
import type { PackFacts } from '../model/facts.js';
import type { Document } from '../model/document.js';
import { DataFileCache } from '../load/load-pack.js';
import { planPack, type CheckOptions } from './build.js';

export type FactsResult =
  | {
      ok: true;
      facts: PackFacts;
      label: string;
      /** The pack's composed document, when the side is a pack rather than a built file (a redline needs it). */
      document?: Document;
    }
  /** `root` is the project the diagnostics' files are relative to, when there are any. */
  | { ok: false; message: string; diagnostics: Diagnostic[]; root?: string };

export async function factsFrom(cwd: string, name: string, options: CheckOptions = {}): Promise<FactsResult> {
  const target = path.resolve(cwd, name);
  if (existsSync(target) && statSync(target).isFile()) {
    const facts = await readEmbeddedFacts(readFileSync(target));
    return facts
      ? { ok: true, facts, label: name }
      : { ok: false, message: `${name} carries no pack data (it was not built by this tool, or by a version before it embedded it)`, diagnostics: [] };
  }
  const dir = existsSync(path.join(target, PACK_FILE)) ? target : path.join(cwd, 'packs', name);
  // A variant of a pack under packs/ is named by its id.
  const variant = existsSync(path.join(dir, PACK_FILE)) ? undefined : (await findPacks(cwd)).find((p) => p.variant && p.id === name);
  if (!existsSync(path.join(dir, PACK_FILE)) && !variant) {
    return { ok: false, message: `"${name}" is not a built .pdf or .docx, a pack folder, or a pack or variant under packs/`, diagnostics: [] };
  }
  // A pack folder sits in <project>/packs/<id>: its shared data and templates are the project's.
  const root = variant ? cwd : path.dirname(path.dirname(dir));
  const location: PackLocation = variant ?? { id: path.basename(dir), dir, packFile: path.join(dir, PACK_FILE) };
  const plan = await planPack(root, location, new DataFileCache(root), options);
  const json = plan.document?.meta.attachment?.json;
  const facts = json === undefined ? undefined : parseFacts(json);
  return facts && plan.document
    ? { ok: true, facts, label: name, document: plan.document }
    : { ok: false, message: `${name} has mistakes, so it cannot be compared`, diagnostics: plan.diagnostics, root };
}
