// The second pack is a police staff role at CVF level 3, built by the same
// templates: its level-3 behaviours come from the framework data, and only those.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { docxParagraphs, missingFrom, outputFile, pdfBodyText, pdfContentsEntries, pdfPages, projectRoot, squash } from './support/read-outputs.js';

const id = 'met-deputy-director-project-delivery';
const framework = parse(readFileSync(path.join(projectRoot, 'packs/shared/frameworks/cvf-police-staff.yaml'), 'utf8')) as {
  competencies: { name: string; levels: { level: number; behaviours: string[] }[] }[];
};
const behavioursAt = (level: number) =>
  framework.competencies.flatMap((c) => c.levels.find((l) => l.level === level)?.behaviours ?? []);

function footer(): string {
  return pdfPages(outputFile(id, 'pdf'))[1]!.split('\n').map((l) => l.trim()).find((l) => l.includes('· Version'))!;
}

describe('Deputy Director for Project Delivery pack', () => {
  it('has its own sections, chosen in its pack.yaml', () => {
    expect(pdfContentsEntries(outputFile(id, 'pdf')).map((e) => e.title)).toEqual([
      'About the Met',
      'Our Structure',
      'About the role',
      'Met principles and values',
      'The Competency and Values Framework for Police Staff',
    ]);
  });

  it('prints every level-3 behaviour of the staff CVF, in both formats', async () => {
    const level3 = behavioursAt(3);
    expect(level3.length).toBeGreaterThan(20);
    expect(missingFrom(pdfBodyText(outputFile(id, 'pdf'), footer()), level3)).toEqual([]);
    const docx = squash((await docxParagraphs(outputFile(id, 'docx'))).map((p) => p.text).join('\n'));
    expect(missingFrom(docx, level3)).toEqual([]);
  });

  it('does not print the behaviours of the levels below', () => {
    const text = pdfBodyText(outputFile(id, 'pdf'), footer());
    const lower = [...behavioursAt(1), ...behavioursAt(2)];
    expect(lower.filter((b) => text.includes(squash(b)))).toEqual([]);
  });

  it('names the edition of each competency as the staff framework does', () => {
    const text = pdfBodyText(outputFile(id, 'pdf'), footer());
    expect(text).toContain(squash('We collaborate'));
    expect(text).toContain(squash('We support and inspire'));
    expect(text).not.toContain(squash('We are collaborative'));
  });

  it('prints the newer Met principles and values', () => {
    const text = pdfBodyText(outputFile(id, 'pdf'), footer());
    const phrases = ['Communities-first', 'Frontline-focused', 'Precise', 'Integrity', 'Courage', 'Accountable', 'Respect', 'Empathy'];
    expect(missingFrom(text, phrases)).toEqual([]);
  });

  // Issue 22's three defects, read back from the built PDF.
  it('prints the role\'s purpose once, not also as the end of the strategy', () => {
    const text = pdfBodyText(outputFile(id, 'pdf'), footer());
    expect(text.split(squash('In order to succeed on this next part of the journey')).length - 1).toBe(1);
  });

  it('prints no structure caption without its chart', () => {
    const text = pdfBodyText(outputFile(id, 'pdf'), footer());
    expect(text).not.toContain(squash('Met Management Board, DACs , Directors, Commanders'));
  });

  it('follows "There are six competencies in the CVF:" with the six, then what the levels mean and the values the role cites', () => {
    const lines = pdfPages(outputFile(id, 'pdf'))
      .join('\n')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const at = lines.findIndex((l) => l.endsWith('There are six competencies in the CVF:'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 16)).toEqual([
      'Competency',
      'Level',
      ...framework.competencies.flatMap((c) => [c.name, 'Level 3']),
      'Each competency has three levels, which can be used flexibly to allow for a better fit with frontline',
    ]);
    const values = lines.indexOf('Values');
    expect(values).toBeGreaterThan(at);
    expect(lines.slice(values + 1, values + 6)).toEqual(['Integrity', 'Courage', 'Accountable', 'Respect', 'Empathy']);
  });
});
