// Finds, reads and compiles section templates and partials. A pack's own
// templates/ folder comes first, then the project's templates/sections/, so a
// pack can replace one section's wording without copying the others.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { relativeName } from '../load/yaml-file.js';
import { compile, errorMessage, errorPosition, handlebars, type CompiledTemplate } from './handlebars.js';

export const TEMPLATE_EXTENSION = '.md.hbs';

export interface SectionTemplate {
  /** Path relative to the project root, for diagnostics. */
  file: string;
  source: string;
  render: CompiledTemplate;
}

const compiled = new Map<string, SectionTemplate | Diagnostic>();
let partialsLoadedFrom: string | undefined;

/** Registers every templates/partials/*.hbs once per process; `{{> name}}` uses them. */
export function loadPartials(root: string): Diagnostic[] {
  if (partialsLoadedFrom === root) return [];
  partialsLoadedFrom = root;
  const dir = path.join(root, 'templates', 'partials');
  if (!existsSync(dir)) return [];
  const diagnostics: Diagnostic[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.hbs')).sort()) {
    const absolute = path.join(dir, name);
    const source = readFileSync(absolute, 'utf8');
    try {
      handlebars.parse(source);
      handlebars.registerPartial(name.replace(/\.hbs$/, ''), source);
    } catch (error) {
      diagnostics.push(templateDiagnostic(relativeName(root, absolute), error, 'template-syntax'));
    }
  }
  return diagnostics;
}

export function templateDiagnostic(file: string, error: unknown, code: string): Diagnostic {
  const position = errorPosition(error) ?? { line: 0, column: 0 };
  return {
    code,
    severity: 'error',
    message: errorMessage(error),
    file,
    ...position,
    ...(code === 'template-field'
      ? { hint: 'the field is not in the data this template is given; check its spelling, or add it to the data file' }
      : {}),
  };
}

/** Candidate files for a section template, in precedence order. */
export function templateCandidates(root: string, packDir: string, name: string): string[] {
  return [path.join(packDir, 'templates', name + TEMPLATE_EXTENSION), path.join(root, 'templates', 'sections', name + TEMPLATE_EXTENSION)];
}

export function findTemplate(root: string, packDir: string, name: string): SectionTemplate | Diagnostic | undefined {
  const absolute = templateCandidates(root, packDir, name).find((candidate) => existsSync(candidate));
  if (!absolute) return undefined;
  const cached = compiled.get(absolute);
  if (cached) return cached;
  const file = relativeName(root, absolute);
  const source = readFileSync(absolute, 'utf8');
  let result: SectionTemplate | Diagnostic;
  try {
    handlebars.parse(source); // syntax errors surface here, with their position
    result = { file, source, render: compile(source) };
  } catch (error) {
    result = templateDiagnostic(file, error, 'template-syntax');
  }
  compiled.set(absolute, result);
  return result;
}
