// Validate: the checks of what a pack's files say together, run once they are
// loaded — every section names a template that exists, and every reference,
// date and figure holds (references.ts), and every character can be printed
// (printable-text.ts), and the footer fits its margin (footer.ts), the theme's text colours reach WCAG AA contrast (theme-contrast.ts), and the structure chart's posts make one tree (structure.ts). Each check runs on whatever fields
// passed their schema, so one mistake does not hide the others.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedPack } from '../pack/loaded-pack.js';
import { checkReferences } from './references.js';
import { checkSectionTemplates } from './sections.js';
import { checkPrintableData } from './printable-text.js';
import { checkFooter } from './footer.js';
import { checkStructurePosts } from './structure.js';
import { checkThemeContrast } from './theme-contrast.js';

export function validatePack(root: string, pack: LoadedPack, options: { today?: string } = {}): Diagnostic[] {
  return [
    ...checkSectionTemplates(root, pack.location, pack.pack),
    ...checkReferences(pack, options),
    ...checkPrintableData(pack),
    ...checkFooter(pack),
    ...checkThemeContrast(pack),
    ...checkStructurePosts(pack),
  ];
}
