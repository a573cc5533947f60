// Writes a redline (see diff/redline.ts) with the Word writer, atomically.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { redlineDocument } from '../diff/redline.js';
import type { Document } from '../model/document.js';
import type { PackFacts } from '../model/facts.js';
import { writers } from '../writers/index.js';

/** Writes the new version's document to `file` as Word, with its changes since `before` as tracked changes. */
export async function writeRedline(file: string, before: PackFacts, after: Document): Promise<void> {
  const writeDocx = await writers.docx();
  const bytes = await writeDocx(redlineDocument(before, after));
  // Into a folder that is not there yet, as `packs build --out` does.
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
