// The JSON Schemas in schemas/ are generated from the zod schemas; editors read
// them through the `# yaml-language-server: $schema=...` line of each data file.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlainValues } from '../src/compose/plain-values.js';
import { markdown, text } from '../src/schema/common.js';
import { schemas } from '../src/schema/index.js';
import { jsonSchemaFiles, schemaFileName } from '../src/schema/json-schema.js';
import { projectRoot } from './support/read-outputs.js';

describe('JSON Schema', () => {
  it('the committed files in schemas/ are the ones the zod schemas give (run `npm run schemas` if not)', () => {
    const generated = jsonSchemaFiles();
    const committed = readdirSync(path.join(projectRoot, 'schemas')).sort();
    expect(committed).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) {
      expect(readFileSync(path.join(projectRoot, 'schemas', name), 'utf8'), name).toBe(text);
    }
  });

  it('forbids unknown keys, as the validator does', () => {
    const role = JSON.parse(jsonSchemaFiles().get('role.schema.json')!);
    expect(role.additionalProperties).toBe(false);
    expect(role.required).toEqual(expect.arrayContaining(['id', 'title', 'purpose', 'behaviours']));
  });

  it('every data file under packs/ names the schema of its kind', () => {
    const kindOf = (file: string): string => {
      if (file.endsWith('/pack.yaml')) return 'pack';
      if (file.includes('/shared/frameworks/')) return 'framework';
      if (file.includes('/shared/values/')) return 'values';
      if (file.includes('/shared/organisations/')) return 'organisation';
      if (file.includes('/shared/pay-scales/')) return 'payScale';
      if (file.includes('/shared/calendars/')) return 'calendar';
      if (file.endsWith('/introduction.yaml')) return 'letter';
      return path.basename(file, '.yaml');
    };
    const files = readdirSync(path.join(projectRoot, 'packs'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(projectRoot, 'packs', f));
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const file of files) {
      const first = readFileSync(file, 'utf8').split('\n')[0]!;
      const expected = path.relative(path.dirname(file), path.join(projectRoot, 'schemas', `${kindOf(file)}.schema.json`));
      expect(first, path.relative(projectRoot, file)).toBe(`# yaml-language-server: $schema=${expected}`);
    }
  });
});

type JsonSchema = Record<string, unknown>;
/** What the building blocks say of every field made of them (Markdown or plain): not a description of the field. */
const buildingBlockNotes = [markdown, text].map((block) => z.globalRegistry.get(block)!.description!);
const isSchema = (value: unknown): value is JsonSchema => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * What an editor would show bare in a schema: each property (by its path, `[]`
 * for a list's items) without a description, and each pattern or format without
 * a readable message, which the YAML extension shows instead of the regex.
 */
function whatEditorsLack(schema: JsonSchema, at = ''): string[] {
  const lacking: string[] = [];
  if ((schema.pattern !== undefined || schema.format !== undefined) && typeof schema.patternErrorMessage !== 'string') {
    lacking.push(`${at || '(the file)'}: pattern ${String(schema.pattern ?? schema.format)} has no patternErrorMessage`);
  }
  if (isSchema(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isSchema(property)) continue;
      const path = at ? `${at}.${name}` : name;
      if (typeof property.description !== 'string' || property.description.trim() === '') lacking.push(`${path}: no description`);
      else if (buildingBlockNotes.includes(property.description)) lacking.push(`${path}: no description of its own, only "${property.description}"`);
      lacking.push(...whatEditorsLack(property, path));
    }
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    if (isSchema(schema[key])) lacking.push(...whatEditorsLack(schema[key], `${at}[]`));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) if (isSchema(branch)) lacking.push(...whatEditorsLack(branch, at));
  }
  if (isSchema(schema.$defs)) {
    for (const [name, definition] of Object.entries(schema.$defs)) if (isSchema(definition)) lacking.push(...whatEditorsLack(definition, `$defs.${name}`));
  }
  return lacking;
}

const generated = (kind: string): JsonSchema => JSON.parse(jsonSchemaFiles().get(schemaFileName(kind as keyof typeof schemas))!);

describe('what an editor shows (docs/editors.md)', () => {
  // Every kind the tool reads, from the registry, so a new kind is not forgotten.
  it.each(Object.keys(schemas).sort())('%s: every property has a description, and every pattern a readable message', (kind) => {
    expect(whatEditorsLack(generated(kind))).toEqual([]);
  });

  it("a field's own description keeps the building block's note on Markdown or plain text", () => {
    const letter = generated('letter') as { properties: Record<string, JsonSchema> };
    expect(letter.properties.paragraphs!.description).toMatch(/^The letter.*\. Markdown: may use `\*\*bold\*\*`/);
    expect(letter.properties.title!.description).toMatch(/^The letter.*\. Printed exactly as written \(not Markdown\)\.$/);
    const organisation = generated('organisation') as { properties: Record<string, JsonSchema> };
    // Also through nullable and default, where zod puts the note on the inner string only.
    expect(organisation.properties.strategy!.anyOf).toBeDefined();
    const strategy = (organisation.properties.strategy!.anyOf as JsonSchema[])[0]! as { properties: Record<string, JsonSchema> };
    expect(strategy.properties.intro!.description).toMatch(/\. Markdown: may use/);
    // The extension's hover shows the first description it meets: the value's branch must not have one.
    expect((strategy.properties.intro!.anyOf as JsonSchema[]).map((branch) => branch.description)).toEqual([undefined, undefined]);
  });

  it('a pattern has a message in words, saying what to write with an example', () => {
    const pack = generated('pack') as { properties: Record<string, JsonSchema> };
    expect(pack.properties.date!.patternErrorMessage).toMatch(/YYYY-MM-DD, like 2021-01-11/);
    expect(pack.properties.id!.patternErrorMessage).toMatch(/words joined by hyphens, like "final-interview"/);
    // Shown too for a value of the wrong type: `version: 1.0` is a number to YAML.
    expect(pack.properties.version!.errorMessage).toBe(pack.properties.version!.patternErrorMessage);
  });

  it('a case-insensitive pattern stays case-insensitive, as the validator reads it: chart.PNG is an image', () => {
    const patterns = [...jsonSchemaFiles().get('organisation.schema.json')!.matchAll(/"pattern": (".*")/g)]
      .map((m) => new RegExp(JSON.parse(m[1]!) as string, 'u'))
      .filter((regex) => regex.test('chart.png') || regex.test('chart.PNG'));
    expect(patterns.length).toBeGreaterThan(0);
    for (const regex of patterns) {
      // Each extension a field takes (a logo: SVG or PNG; a picture: PNG or JPEG) in any case.
      for (const [lower, mixed] of [['chart.png', 'chart.PNG'], ['photo.jpeg', 'photo.JPeG'], ['logo.svg', 'logo.SvG']]) {
        expect(regex.test(mixed!), `${regex} takes ${lower} but not ${mixed}`).toBe(regex.test(lower!));
      }
      expect(regex.test('chart.gif')).toBe(false);
    }
  });
});

describe('the VS Code settings committed in .vscode/', () => {
  it('give every data file under packs/ the schema its first line names, by one glob', () => {
    const settings = JSON.parse(readFileSync(path.join(projectRoot, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string | string[]> };
    // The extension matches a glob anywhere in the path (it puts **/ before it); these use only *.
    const globs = Object.entries(settings['yaml.schemas']).flatMap(([schema, patterns]) =>
      [patterns].flat().map((glob) => ({ schema: path.posix.basename(schema), matches: new RegExp(`(^|/)${glob.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`) })),
    );
    const files = readdirSync(path.join(projectRoot, 'packs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const file of files) {
      const named = /\$schema=(\S+)/.exec(readFileSync(path.join(projectRoot, 'packs', file), 'utf8').split('\n')[0]!)![1]!;
      const matched = globs.filter((glob) => glob.matches.test(`packs/${file}`)).map((glob) => glob.schema);
      expect(matched, file).toEqual([path.posix.basename(named)]);
    }
    expect(JSON.parse(readFileSync(path.join(projectRoot, '.vscode/extensions.json'), 'utf8')).recommendations).toEqual(['redhat.vscode-yaml']);
  });
});

describe('descriptions', () => {
  it('a description does not change how a field prints: described prose stays Markdown, a described plain value stays plain', () => {
    const schema = z.strictObject({ prose: markdown.describe('A paragraph.'), plain: text.describe('A name.') });
    const context = new PlainValues().tokenise({ prose: '**bold**', plain: '**bold**' }, schema) as Record<string, string>;
    expect(context.prose).toBe('**bold**');
    expect(context.plain).not.toBe('**bold**');
  });
});
