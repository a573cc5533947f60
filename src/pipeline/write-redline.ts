// Writes a redline document (see diff/redline.ts) atomically.
import writeFileAtomic from 'write-file-atomic';
import { redlineDocument } from '../diff/redline.js';
import { writeReproducibleDocx } from '../writers/docx/reproducible.js';
import type { PackFacts } from '../model/facts.js';

export async function writeRedline(file: string, before: PackFacts, after: PackFacts): Promise<void> {
  const bytes = await writeReproducibleDocx(redlineDocument(before, after), new Date(`${after.pack.date}T12:00:00Z`));
  await writeFileAtomic(file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
