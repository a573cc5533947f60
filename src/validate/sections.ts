// Checks that every section a pack lists names a template that exists, before
// anything is rendered, and points at the `template:` line if not.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, relativeName } from '../load/yaml-file.js';
import type { PackLocation } from '../load/project.js';
import { TEMPLATE_EXTENSION, templateCandidates } from '../compose/templates.js';
import type { Partly } from './load-pack.js';
import { closest } from './suggest.js';

function availableTemplates(root: string, location: PackLocation): string[] {
  const names = new Set<string>();
  for (const dir of [path.join(location.dir, 'templates'), path.join(root, 'templates', 'sections')]) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) if (file.endsWith(TEMPLATE_EXTENSION)) names.add(file.slice(0, -TEMPLATE_EXTENSION.length));
  }
  return [...names].sort();
}

export function checkSectionTemplates(root: string, location: PackLocation, pack: Partly<'pack'>): Diagnostic[] {
  const found: Diagnostic[] = [];
  (pack.data.sections ?? []).forEach((section, i) => {
    const candidates = templateCandidates(root, location.dir, section.template);
    if (candidates.some((candidate) => existsSync(candidate))) return;
    const guess = closest(section.template, availableTemplates(root, location));
    found.push(
      diagnosticAt(pack.file, ['sections', i, 'template'], {
        code: 'template-not-found',
        severity: 'error',
        message: `template "${section.template}" not found (looked for ${candidates.map((c) => relativeName(root, c)).join(' and ')})`,
        hint: guess ? `did you mean "${guess}"?` : `templates: ${availableTemplates(root, location).join(', ')}`,
      }),
    );
  });
  return found;
}
