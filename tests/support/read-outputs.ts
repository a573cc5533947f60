// Reads built files back as a reader would see them: the text of each PDF page
// (poppler's pdftotext), and the paragraphs of a .docx with their styles.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { inject } from 'vitest';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export function outputFile(packId: string, format: 'pdf' | 'docx' | 'html'): string {
  return path.join(inject('outDir'), `${packId}.${format}`);
}

/** The text of each page, in reading order (pdftotext's default mode). */
export function pdfPages(file: string, layout = false): string[] {
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/**
 * Removes whitespace and hyphens, so that text can be compared whatever the line
 * breaks of either format (pdftotext joins a word hyphenated at a line end).
 */
export const squash = (text: string) => text.replace(/[\s-]+/g, '');

/** The texts that are not in a haystack: an empty list is a pass, and a failure names what is missing. */
export function missingFrom(haystack: string, texts: readonly string[]): string[] {
  return texts.filter((text) => !haystack.includes(squash(text)));
}

/** The body text of a PDF without its running footers, squashed. */
export function pdfBodyText(file: string, footer: string): string {
  return squash(
    pdfPages(file)
      .map((page) =>
        page
          .split('\n')
          .filter((line) => line.trim() !== footer && !/^Page \d+ of \d+$/.test(line.trim()))
          .join('\n'),
      )
      .join('\n'),
  );
}

export interface DocxParagraph {
  style: string | undefined;
  text: string;
}

/** The files of a .docx (a zip) by their paths, in the zip's order. Throws if it is not a whole zip. */
export function docxParts(file: string): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(readFileSync(file))));
}

/** One part of a .docx as text. */
export function partText(parts: Map<string, Uint8Array>, part: string): string {
  const entry = parts.get(part);
  if (!entry) throw new Error(`${part} is not in the package`);
  return strFromU8(entry);
}

export async function docxXml(file: string, part: string): Promise<string> {
  const entry = docxParts(file).get(part);
  if (!entry) throw new Error(`${part} is not in ${file}`);
  return strFromU8(entry);
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every paragraph of word/document.xml, in order, with its style id and text. */
export async function docxParagraphs(file: string): Promise<DocxParagraph[]> {
  const xml = await docxXml(file, 'word/document.xml');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1],
    text: decode([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
}

export function pdfContentsEntries(file: string): { title: string; page: number }[] {
  const pages = pdfPages(file, true);
  const contents = pages.find((page) => page.trimStart().startsWith('Contents'));
  if (!contents) throw new Error(`no contents page in ${file}`);
  return [...contents.matchAll(/^\s*(\S.*?)\s{2,}(\d+)\s*$/gm)].map((m) => ({ title: m[1]!, page: Number(m[2]) }));
}

export function readProjectFile(relative: string): string {
  return readFileSync(path.join(projectRoot, relative), 'utf8');
}
