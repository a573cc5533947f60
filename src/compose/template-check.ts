// Checks every field a template uses against the data it is given, on every
// branch — not only the branches a pack happens to take when it renders. A
// typo inside an {{#if}} that is false for this pack is still a typo. So is a
// block helper given no value ({{#if}}), which would stop only the packs that reach it.
//
// It walks the template's syntax tree with the data: {{#each}} and {{#with}}
// step into the value, ../ steps back out, {{> partial value}} walks the
// partial with that value. Where the data is null (an optional part the pack
// leaves out) there is nothing to check against, and the walk stops there.
import { diagnostic, type Diagnostic, type Finding } from '../diagnostics/diagnostic.js';
import { SourceText } from '../diagnostics/position.js';
import { closest } from '../pack/suggest.js';
import { knownHelpers, parseTemplate, partialSources } from './handlebars.js';

// Handlebars' syntax tree, as far as this walk reads it (lines 1-based, columns 0-based).
export interface Position {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
interface PathExpression {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
  loc: Position;
}
interface Expression {
  type: string;
  loc: Position;
}
interface Statement {
  type: string;
  path?: Expression;
  name?: Expression;
  params?: Expression[];
  program?: { body: Statement[] } | null;
  inverse?: { body: Statement[] } | null;
  loc: Position;
}

/** What we know of the value a scope points at: its value, or `unknown` when the data cannot say. */
type Scope = { known: true; value: unknown } | { known: false };

const UNKNOWN: Scope = { known: false };

/** Every element of a list as one object, so that `{{#each}}` is checked against all of them at once. */
function representative(list: unknown[]): Scope {
  const objects = list.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object' && !Array.isArray(item));
  if (objects.length === 0) return list.length > 0 ? { known: true, value: list[0] } : UNKNOWN;
  const merged: Record<string, unknown> = {};
  for (const object of objects) {
    for (const [key, value] of Object.entries(object)) {
      // Keep a value that tells more (not null, not an empty list) when elements differ.
      const current = merged[key];
      if (!(key in merged) || current === null || (Array.isArray(current) && current.length === 0)) merged[key] = value;
    }
  }
  return { known: true, value: merged };
}

/** A short description of a value's shape, so a partial is walked once for each kind of value it is given. */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) {
    const element = representative(value);
    return `[${element.known ? shapeOf(element.value) : ''}]`;
  }
  if (isRecord(value)) return `{${Object.keys(value).join(',')}}`;
  return value === null ? 'null' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What to say about a field that is not there: the field meant, or what the value is instead. */
export function unknownFieldHint(expression: string, missing: string, parentValue: unknown, usable: string[]): string {
  const where = usable.length > 0 ? usable.join('.') : 'the value here';
  if (Array.isArray(parentValue)) return `${where} is a list (use {{#each}} to go through it)`;
  if (!isRecord(parentValue)) return `${where} is ${typeof parentValue === 'string' ? 'text' : typeof parentValue}, not something with fields`;
  const guess = closest(missing, Object.keys(parentValue));
  if (guess) return `did you mean "${expression.replace(/[^./]+$/, '')}${guess}"?`;
  const prefix = usable.length > 0 ? `${usable.join('.')}.` : '';
  return `the data here has ${Object.keys(parentValue).map((k) => `${prefix}${k}`).join(', ') || 'no fields'}`;
}

/** What a block helper given no value, or more than one, says: Handlebars' own words are "#if requires exactly one argument". */
export function blockHelperMistake(helper: string): string {
  if (helper === 'each') return '{{#each}} needs a list to go through, like {{#each role.responsibilities}}';
  if (helper === 'with') return '{{#with}} needs one value to step into, like {{#with role}}';
  return `{{#${helper}}} needs one value to test, like {{#${helper} role.title}}`;
}

export const BLOCK_HELPER_HINT = 'give each {{#if}}, {{#unless}}, {{#each}} and {{#with}} the one value it works on';

/** A template's statements, from the syntax tree parsed once per source text (the walk only reads it). */
function statementsOf(source: string): Statement[] {
  return (parseTemplate(source) as unknown as { body: Statement[] }).body;
}

/** A template or partial being walked: its file (relative to the project root) and text. */
export interface InFile {
  file: string;
  source: string;
}

/** A finding at a node of a template's syntax tree. */
export function diagnosticAtNode(inFile: InFile, loc: Position, finding: Finding): Diagnostic {
  const text = new SourceText(inFile.source);
  const start = text.offsetOf(loc.start.line, loc.start.column + 1) ?? 0;
  const end = text.offsetOf(loc.end.line, loc.end.column + 1) ?? start;
  return diagnostic(finding, inFile.file, { start, end: Math.max(start, end) });
}

/**
 * What Handlebars lets a template define or run for itself, which the checks here and in
 * template-cost.ts do not follow: an inline partial (which can take the name of a real one and
 * include itself), a partial block and its {{> @partial-block}}, a decorator. No shipped
 * template uses them; a partial file does the same, checked.
 */
function refusedSyntax(statement: Statement): Finding | undefined {
  const name = (statement.path ?? statement.name) as PathExpression | undefined;
  const partialFile = 'put the text in a partial file, templates/partials/<name>.hbs, and use it with {{> name}}';
  if (statement.type === 'DecoratorBlock' && name?.original === 'inline') {
    return { code: 'unsupported-template-syntax', message: 'an inline partial ({{#*inline}}) is not allowed', hint: partialFile };
  }
  if (statement.type === 'DecoratorBlock' || statement.type === 'Decorator') {
    return { code: 'unsupported-template-syntax', message: 'a decorator ({{* ...}}) is not allowed', hint: 'templates may use only {{#if}}, {{#unless}}, {{#each}}, {{#with}} and partials: {{> name}}' };
  }
  if (statement.type === 'PartialBlockStatement') {
    return { code: 'unsupported-template-syntax', message: 'a partial block ({{#> ...}}) is not allowed', hint: 'use the partial on its own, {{> name}}, with the text around it in the template' };
  }
  if (statement.type === 'PartialStatement' && name?.type === 'PathExpression' && name.data) {
    return { code: 'unsupported-template-syntax', message: `{{> ${name.original}}} is not allowed`, hint: partialFile };
  }
  return undefined;
}

/** Every use of refusedSyntax in a template and in the partials it uses, through any branch and whatever the data. */
export function checkTemplateSyntax(file: string, source: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const partialsWalked = new Set<string>();
  const walk = (body: Statement[], inFile: InFile): void => {
    for (const statement of body) {
      const refused = refusedSyntax(statement);
      if (refused) found.push(diagnosticAtNode(inFile, statement.loc, refused));
      if (statement.type === 'PartialStatement' && statement.name?.type === 'PathExpression') {
        const partialName = (statement.name as PathExpression).original;
        const partial = partialSources.get(partialName);
        if (partial && !partialsWalked.has(partialName)) {
          partialsWalked.add(partialName);
          walk(statementsOf(partial.source), partial);
        }
      }
      if (statement.program) walk(statement.program.body, inFile);
      if (statement.inverse) walk(statement.inverse.body, inFile);
    }
  };
  walk(statementsOf(source), { file, source });
  return found;
}

export function checkTemplateFields(file: string, source: string, context: unknown): Diagnostic[] {
  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  const partialsWalked = new Set<string>();

  const report = (inFile: InFile, node: PathExpression, missing: string, parentValue: unknown, usable: string[]) => {
    const key = `${inFile.file}:${node.loc.start.line}:${node.loc.start.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(
      diagnosticAtNode(inFile, node.loc, {
        code: 'unknown-field',
        message: `unknown field "${node.original}" in template`,
        hint: unknownFieldHint(node.original, missing, parentValue, usable),
      }),
    );
  };

  /** The value a path points at, reporting it if the data says it does not exist. */
  const resolve = (node: Expression, scopes: Scope[], root: Scope, inFile: InFile): Scope => {
    if (node.type !== 'PathExpression') return UNKNOWN; // literals
    const path = node as PathExpression;
    let scope: Scope;
    let parts = path.parts;
    if (path.data) {
      if (parts[0] !== 'root') return UNKNOWN; // @index, @first, @key: supplied by Handlebars
      scope = root;
      parts = parts.slice(1);
    } else {
      scope = scopes[scopes.length - 1 - path.depth] ?? UNKNOWN;
    }
    const walked: string[] = [];
    for (const part of parts) {
      if (!scope.known) return UNKNOWN;
      const value = scope.value;
      if (value === null || value === undefined) return UNKNOWN; // left out by this pack: nothing to check against
      if (!isRecord(value) || !Object.hasOwn(value, part)) {
        report(inFile, path, part, value, walked);
        return UNKNOWN;
      }
      walked.push(part);
      scope = { known: true, value: value[part] };
    }
    return scope;
  };

  const walk = (body: Statement[], scopes: Scope[], root: Scope, inFile: InFile): void => {
    for (const statement of body) {
      switch (statement.type) {
        case 'MustacheStatement':
        case 'SubExpression': {
          const name = (statement.path as PathExpression | undefined)?.original;
          const isHelperCall = (statement.params?.length ?? 0) > 0;
          if (isHelperCall) {
            // Unknown helpers are reported by the compiler (knownHelpersOnly); check the arguments.
            for (const param of statement.params ?? []) resolve(param, scopes, root, inFile);
          } else if (statement.path && !(name !== undefined && name in knownHelpers)) {
            resolve(statement.path, scopes, root, inFile);
          }
          break;
        }
        case 'BlockStatement': {
          const helper = (statement.path as PathExpression).original;
          // Each block helper works on one value; rendering would stop at any other number of them.
          if (helper in knownHelpers && (statement.params?.length ?? 0) !== 1) {
            const key = `${inFile.file}:${statement.loc.start.line}:${statement.loc.start.column}`;
            if (!seen.has(key)) {
              seen.add(key);
              found.push(diagnosticAtNode(inFile, statement.loc, { code: 'template-error', message: blockHelperMistake(helper), hint: BLOCK_HELPER_HINT }));
            }
          }
          const argument = statement.params?.[0];
          const value = argument ? resolve(argument, scopes, root, inFile) : UNKNOWN;
          let inner: Scope = UNKNOWN;
          if (helper === 'each') {
            inner = value.known && Array.isArray(value.value) ? representative(value.value) : value.known && isRecord(value.value) ? representative(Object.values(value.value)) : UNKNOWN;
          } else if (helper === 'with') {
            inner = value.known && value.value !== null ? value : UNKNOWN;
          }
          const pushes = helper === 'each' || helper === 'with';
          if (statement.program) walk(statement.program.body, pushes ? [...scopes, inner] : scopes, root, inFile);
          if (statement.inverse) walk(statement.inverse.body, scopes, root, inFile);
          break;
        }
        case 'PartialStatement': {
          if (statement.name?.type !== 'PathExpression') {
            // {{> (lookup ...)}} picks a partial from the data: a pack could then run any template.
            found.push(
              diagnosticAtNode(inFile, statement.loc, {
                code: 'dynamic-partial',
                message: 'a partial chosen at run time ({{> (...)}}) is not allowed',
                hint: 'name the partial: {{> paragraphs ...}}',
              }),
            );
            break;
          }
          const partialName = (statement.name as PathExpression | undefined)?.original;
          const argument = statement.params?.[0];
          const value = argument ? resolve(argument, scopes, root, inFile) : (scopes[scopes.length - 1] ?? UNKNOWN);
          const partial = partialName === undefined ? undefined : partialSources.get(partialName);
          if (!partial) {
            found.push(
              diagnosticAtNode(inFile, statement.loc, {
                code: 'partial-not-found',
                message: `partial "${partialName}" not found`,
                hint: `partials are templates/partials/<name>.hbs; there are: ${[...partialSources.keys()].sort().join(', ') || 'none'}`,
              }),
            );
            break;
          }
          // A partial is checked with each distinct kind of value once; missing partials are reported when rendering.
          const key = `${partialName}:${value.known ? shapeOf(value.value) : '?'}`;
          if (value.known && !partialsWalked.has(key)) {
            partialsWalked.add(key);
            walk(statementsOf(partial.source), [value], root, partial);
          }
          break;
        }
        default:
          break;
      }
    }
  };

  const root: Scope = { known: true, value: context };
  walk(statementsOf(source), [root], root, { file, source });
  return found;
}
