// What the tool is, as one hash: the key that tells a build made by this copy
// of the tool from one made by another (the build cache).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder the tool is installed in (this file is dist/pipeline/tool-fingerprint.js). */
export const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The libraries whose version changes the bytes written (pdfmake also ships the fonts). */
const OUTPUT_LIBRARIES = ['pdfmake', 'docx', 'handlebars', 'marked', 'yaml', 'zod', 'fflate'];

let fingerprint: string | undefined;

/**
 * A hash of the tool: its own package.json, every compiled file, the fonts it
 * measures with, our patches to the writing libraries, and the versions of the
 * libraries that write.
 */
export function toolFingerprint(): string {
  fingerprint ??= fingerprintOf(toolRoot);
  return fingerprint;
}

/** The fingerprint of the tool installed at `toolRoot` (see toolFingerprint). */
export function fingerprintOf(toolRoot: string): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(toolRoot, 'package.json')));
  /** Every file in a folder of the tool (and its subfolders) whose name ends one of these ways, by its path. */
  const hashFolder = (folder: string, ...endings: string[]) => {
    for (const name of readdirSync(path.join(toolRoot, folder), { recursive: true }).map(String).sort()) {
      if (endings.some((ending) => name.endsWith(ending))) hash.update(`${folder}/${name}\0`).update(readFileSync(path.join(toolRoot, folder, name)));
    }
  };
  // The compiled code: ES modules, and the CommonJS file the worker threads start from.
  hashFolder('dist', '.js', '.cjs', '.mjs');
  // The fonts the Word writer measures with change the contents' page numbers.
  hashFolder('fonts', '.ttf');
  // Our patches to the writing libraries (patches/, applied when npm installs them) are part of what they are.
  hashFolder('patches', '.patch');
  for (const name of OUTPUT_LIBRARIES) {
    try {
      hash.update(`${name}@${(JSON.parse(readFileSync(path.join(toolRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}\0`);
    } catch {
      hash.update(`${name}@?\0`);
    }
  }
  return hash.digest('hex');
}
