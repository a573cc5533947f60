// Checks that every section a pack lists names a template that exists, before
// anything is rendered, and points at the `template:` line if not.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, relativeName } from '../pack/data-file.js';
import type { PackLocation } from '../pack/location.js';
import { availableTemplates, templateCandidates } from '../pack/template-files.js';
import { exists } from '../pack/project-files.js';
import type { Partly } from '../pack/loaded-pack.js';
import { closest } from '../pack/suggest.js';

export function checkSectionTemplates(root: string, location: PackLocation, pack: Partly<'pack'>): Diagnostic[] {
  const found: Diagnostic[] = [];
  (pack.data.sections ?? []).forEach((section, i) => {
    const candidates = templateCandidates(root, location.dir, section.template);
    if (candidates.some((candidate) => exists(candidate))) return;
    const guess = closest(section.template, availableTemplates(root, location));
    found.push(
      diagnosticAt(pack.file, ['sections', i, 'template'], {
        code: 'template-not-found',
        message: `template "${section.template}" not found (looked for ${candidates.map((c) => relativeName(root, c)).join(' and ')})`,
        hint: guess ? `did you mean "${guess}"?` : `templates: ${availableTemplates(root, location).join(', ')}`,
      }),
    );
  });
  return found;
}
