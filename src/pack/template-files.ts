// Where section templates and partials are. A pack's own templates/ folder
// comes first, then the project's templates/sections/, so a pack can replace
// one section's wording without copying the others. Reading and compiling them
// is compose/templates.ts's job.
import path from 'node:path';
import type { PackLocation } from './location.js';
import { listFolder } from './project-files.js';

export const TEMPLATE_EXTENSION = '.md.hbs';

/** Candidate files for a section template, in precedence order. */
export function templateCandidates(root: string, packDir: string, name: string): string[] {
  return [path.join(packDir, 'templates', name + TEMPLATE_EXTENSION), path.join(root, 'templates', 'sections', name + TEMPLATE_EXTENSION)];
}

/** The names of the section templates a pack can use, for did-you-mean hints. */
export function availableTemplates(root: string, location: PackLocation): string[] {
  const names = new Set<string>();
  for (const dir of [path.join(location.dir, 'templates'), path.join(root, 'templates', 'sections')]) {
    for (const file of listFolder(dir)) if (file.endsWith(TEMPLATE_EXTENSION)) names.add(file.slice(0, -TEMPLATE_EXTENSION.length));
  }
  return [...names].sort();
}

/** The partials every template may use: templates/partials/*.hbs, absolute (each checked when it is read). */
export function partialFiles(root: string): string[] {
  const dir = path.join(root, 'templates', 'partials');
  return listFolder(dir).filter((n) => n.endsWith('.hbs')).map((name) => path.join(dir, name));
}
