// Writes a redline (see diff/redline.ts) with the Word writer, whole or not at all.
import path from 'node:path';
import { makeFolder, writeFileWhole } from './write-file.js';
import { redlineDocument } from '../diff/redline.js';
import type { Document } from '../model/document.js';
import type { PackFacts } from '../model/facts.js';
import { writers } from '../writers/index.js';

/** Writes the new version's document to `file` as Word, with its changes since `before` as tracked changes. */
export async function writeRedline(file: string, before: PackFacts, after: Document): Promise<void> {
  const writeDocx = await writers.docx();
  const bytes = await writeDocx(redlineDocument(before, after));
  // Into a folder that is not there yet, as `packs build --out` does.
  await makeFolder(path.dirname(file));
  await writeFileWhole(file, bytes);
}
