// The JSON Schemas in schemas/ are generated from the zod schemas; editors read
// them through the `# yaml-language-server: $schema=...` line of each data file.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlainValues } from '../src/compose/plain-values.js';
import { markdown, text } from '../src/schema/common.js';
import { jsonSchemaFiles } from '../src/schema/json-schema.js';
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

describe('descriptions', () => {
  it('a description does not change how a field prints: described prose stays Markdown, a described plain value stays plain', () => {
    const schema = z.strictObject({ prose: markdown.describe('A paragraph.'), plain: text.describe('A name.') });
    const context = new PlainValues().tokenise({ prose: '**bold**', plain: '**bold**' }, schema) as Record<string, string>;
    expect(context.prose).toBe('**bold**');
    expect(context.plain).not.toBe('**bold**');
  });
});
