// The record of approved versions, kept in the project as files so that it
// needs no git: a recruiter approves the working files, committed or not, and
// a reviewer on a fresh copy of the project still finds what was approved.
//
//   approved/<pack-id>/approvals.yaml   who approved which version, when (UTC), oldest first
//   approved/<pack-id>/<version>/        the files that version was built from, laid out as in
//                                        the project, so the folder is itself a project root
//                                        that `packs diff` loads the pack from
//
// Everything is written under the project lock, each file whole or not at all;
// the snapshot folder is written beside its place and renamed into it, then the
// record names it. A snapshot without a record (the command killed between the
// two) is left over and replaced by the next approval of that version.
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseFacts } from '../diff/embedded-facts.js';
import { findPacks } from '../load/project.js';
import { DataFileCache } from '../load/load-pack.js';
import { sha256Hex } from '../load/read-log.js';
import { MAX_TEXT_FILE_BYTES, readRegularFile, within } from '../pack/project-files.js';
import { closest } from '../pack/suggest.js';
import { id as idSchema } from '../schema/common.js';
import { planSettledPack } from './build.js';
import { finishInterruptedEdit } from './edit-journal.js';
import { withProjectLock } from './locks.js';
import { ApprovalsFileInvalid } from './write-errors.js';
import { makeFolder, removeAbandonedTemporaries, writeFileWhole, writeFolderWhole } from './write-file.js';

export interface Approval {
  packId: string;
  version: string;
  by: string;
  at: string;
  note?: string;
  /** The absolute path of approved/<id>/<version>: a project root holding the approved files. */
  snapshot: string;
}

export type ApproveResult =
  /** `alreadyApproved`: this version was approved before with these very files; nothing was written. */
  | { ok: true; approval: Approval; alreadyApproved?: true }
  /** `unknownPack`: no pack or variant has that id (a mistake in the command). */
  | { ok: false; message: string; hint?: string; diagnostics: Diagnostic[]; unknownPack?: true };

/** The folder of the record, in the project. */
export const APPROVED_FOLDER = 'approved';
const RECORD_FILE = 'approvals.yaml';

const HEADER = `# The versions of this pack that were approved, oldest first: who approved each, and when (UTC).
# Written by packs approve; the folder named after each version holds the files it was built from,
# and packs diff <pack> compares the working pack with the version approved last.
`;

const entrySchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  by: z.string().trim().min(1),
  at: z.iso.datetime(),
  note: z.string().optional(),
});

export { ApprovalsFileInvalid };

const recordFile = (root: string, packId: string) => path.join(root, APPROVED_FOLDER, packId, RECORD_FILE);

/** approved/<id>, checked to be inside the project: the id is a pack id (no separators), and no link on the way leads out. */
function packFolder(root: string, packId: string): string {
  if (!idSchema.safeParse(packId).success) throw new ApprovalsFileInvalid(`"${packId}" is not a pack id`);
  const folder = path.join(root, APPROVED_FOLDER, packId);
  if (!within(root, folder)) throw new ApprovalsFileInvalid(`"${packId}" is not a pack id`);
  // Follow links as far as the folders exist: a link out of the project is refused.
  let existing = folder;
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (existing !== root && !within(realpathSync(root), realpathSync(existing))) {
    throw new ApprovalsFileInvalid(`${path.relative(root, existing)} leads outside the project, so approvals are not read or written there`);
  }
  return folder;
}

/** Every approval of `packId`, oldest first; [] when none. Throws ApprovalsFileInvalid for a file edited out of shape. */
export async function approvals(root: string, packId: string): Promise<Approval[]> {
  const folder = packFolder(root, packId);
  const file = path.join(folder, RECORD_FILE);
  const shown = path.relative(root, file).split(path.sep).join('/');
  const read = readRegularFile(file, MAX_TEXT_FILE_BYTES);
  if (!read.ok) {
    if (read.problem === 'not-found') return [];
    throw new ApprovalsFileInvalid(`${shown} cannot be read (${read.problem === 'not-a-file' ? `it is ${read.kind}` : read.problem === 'unreadable' ? read.reason : 'it is too large'})`);
  }
  const lines = new LineCounter();
  const document = parseDocument(read.bytes.toString('utf8'), { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const fix = 'put it back as packs approve wrote it (a list of version, by, at and note), or restore it from your copy';
  const [yamlError] = document.errors;
  if (yamlError) {
    throw new ApprovalsFileInvalid(`${shown}:${lines.linePos(yamlError.pos[0]).line}: this is not the list of approvals packs approve writes; ${fix}`);
  }
  const data: unknown = document.toJS() ?? [];
  if (!Array.isArray(data)) throw new ApprovalsFileInvalid(`${shown}:1: this is not a list of approvals; ${fix}`);
  return data.map((entry: unknown, index) => {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      const node = document.getIn([index], true) as { range?: [number, number, number] } | undefined;
      const line = lines.linePos(node?.range?.[0] ?? 0).line;
      const field = parsed.error.issues[0]?.path[0];
      throw new ApprovalsFileInvalid(`${shown}:${line}: approval ${index + 1} ${field === undefined ? 'is not a version, by, at and note' : `has no proper \`${String(field)}\``}; ${fix}`);
    }
    const { note, ...rest } = parsed.data;
    return { packId, ...rest, ...(note !== undefined ? { note } : {}), snapshot: path.join(folder, rest.version) };
  });
}

/** The approval made last, if any. */
export async function latestApproval(root: string, packId: string): Promise<Approval | undefined> {
  return (await approvals(root, packId)).at(-1);
}

/** The files under `folder`, by path relative to it (with /), and what each holds. */
function filesUnder(folder: string, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [file, hash] of filesUnder(folder, relative)) found.set(file, hash);
    else found.set(relative, sha256Hex(readFileSync(path.join(folder, relative))));
  }
  return found;
}

const sameFiles = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([file, hash]) => b.get(file) === hash);

/** The approval's date for people: "6 December 2026". */
export function approvalDay(approval: Pick<Approval, 'at'>): string {
  return new Date(approval.at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * Records the working version of `packId` as approved by `by`, with a copy of
 * the files it is built from. Refuses, writing nothing, a pack with errors, an
 * unknown pack, and a version approved before with other files.
 */
export async function approvePack(root: string, packId: string, options: { by: string; note?: string; today: string; now?: Date }): Promise<ApproveResult> {
  if (options.by.trim() === '') return { ok: false, message: 'say who approves the pack, with --by "<name>"', diagnostics: [] };
  await finishInterruptedEdit(root);
  const packs = await findPacks(root);
  const location = packs.find((p) => p.id === packId);
  if (!location) {
    const guess = closest(packId, packs.map((p) => p.id));
    return { ok: false, message: `unknown pack "${packId}"`, hint: guess ? `did you mean "${guess}"? (packs list shows them all)` : 'packs list shows the packs', diagnostics: [], unknownPack: true };
  }
  const folder = packFolder(root, packId);
  const plan = await planSettledPack(root, location, new DataFileCache(root), { today: options.today });
  const json = plan.document?.meta.attachment?.json;
  const facts = json === undefined ? undefined : parseFacts(json);
  if (hasErrors(plan.diagnostics) || !facts) {
    return { ok: false, message: `${packId} has mistakes, so it cannot be approved`, hint: 'put them right (packs validate lists them) and approve again', diagnostics: plan.diagnostics };
  }
  const version = facts.pack.version;
  // The files the pack was built from, as they were read: a file outside the project is never copied.
  const files = new Map<string, Uint8Array>();
  const hashes = new Map<string, string>();
  for (const [file, hash] of plan.hashesAsRead) {
    if (!within(root, file)) continue; // the tool's own files (none today) are not the project's
    const relative = path.relative(root, file).split(path.sep).join('/');
    files.set(relative, readFileSync(file));
    hashes.set(relative, hash);
  }
  return withProjectLock(root, async () => {
    // Read under the lock: an edit that landed since the pack was checked is not approved unseen.
    for (const [relative, bytes] of files) {
      const now = existsSync(path.join(root, relative)) ? sha256Hex(readFileSync(path.join(root, relative))) : undefined;
      if (sha256Hex(bytes) !== hashes.get(relative) || now !== hashes.get(relative)) {
        return { ok: false, message: `${relative} changed while ${packId} was being approved, so nothing was approved`, hint: 'approve again once the files are saved', diagnostics: [] };
      }
    }
    const earlier = await approvals(root, packId);
    const snapshot = path.join(folder, version);
    const same = earlier.find((a) => a.version === version);
    if (same) {
      if (existsSync(snapshot) && sameFiles(filesUnder(snapshot), hashes)) return { ok: true as const, approval: same, alreadyApproved: true as const };
      return {
        ok: false,
        message: `version ${version} of ${packId} was approved on ${approvalDay(same)} with other content`,
        hint: `change the version (packs set bumps it) and approve again`,
        diagnostics: [],
      };
    }
    const approval: Approval = {
      packId,
      version,
      by: options.by.trim(),
      at: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...(options.note ? { note: options.note } : {}),
      snapshot,
    };
    await makeFolder(folder);
    removeAbandonedTemporaries(folder);
    // A snapshot no record names was left by an approval killed before its record was written.
    if (existsSync(snapshot)) rmSync(snapshot, { recursive: true, force: true });
    await writeFolderWhole(snapshot, files);
    const record = [...earlier, approval].map(({ version, by, at, note }) => ({ version, by, at, ...(note !== undefined ? { note } : {}) }));
    await writeFileWhole(recordFile(root, packId), HEADER + stringify(record));
    return { ok: true as const, approval };
  });
}

/**
 * The version approved last and how the working pack stands against it, in one
 * line for `packs list` and `packs show`; undefined when no version was approved.
 * The working files are compared with the snapshot's, file by file, so an edit
 * made without raising the version is not taken for the approved version.
 */
export async function approvalLine(root: string, packId: string, packFile: string): Promise<string | undefined> {
  const latest = await latestApproval(root, packId);
  if (!latest) return undefined;
  const approved = `approved ${latest.version} by ${latest.by}, ${approvalDay(latest)}`;
  const read = readRegularFile(packFile, MAX_TEXT_FILE_BYTES);
  const version = read.ok ? (parseDocument(read.bytes.toString('utf8')).get('version') as unknown) : undefined;
  const working = typeof version === 'string' ? version : 'unknown';
  if (working !== latest.version) return `${approved}; working version ${working}, not approved`;
  const unchanged =
    existsSync(latest.snapshot) &&
    [...filesUnder(latest.snapshot)].every(([file, hash]) => {
      const current = path.join(root, file);
      return existsSync(current) && sha256Hex(readFileSync(current)) === hash;
    });
  return unchanged ? `${approved}; the working files are the ones approved` : `${approved}; working version ${working}, changed since it was approved`;
}
