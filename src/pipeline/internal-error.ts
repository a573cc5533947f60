// A fault in packs itself — an exception no check expected, while one pack was
// planned or rendered — stops that pack only: it is reported for the pack as
// one diagnostic, and every other pack of the run is still checked and built.
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PackLocation } from '../pack/location.js';

/** The diagnostic for a pack that an unexpected exception stopped: it names the pack and the exception, and asks for a report. */
export function internalError(root: string, location: PackLocation, error: unknown): Diagnostic {
  const name = error instanceof Error ? error.name : 'Error';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return diagnostic(
    {
      code: 'internal-error',
      message: `packs stopped on ${location.id} with an internal error (${name}: ${message})`,
      hint: "this is a fault in packs, not a mistake in the pack: please report it, with this message and the pack's files; the other packs were still checked",
    },
    path.relative(root, location.packFile).split(path.sep).join('/'),
  );
}
