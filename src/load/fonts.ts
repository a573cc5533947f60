// Reads the font files a theme gives (the organisation's own, beside its
// organisation file) and checks each before a writer embeds it: inside the
// project, a regular file, at most 20 MB, one TrueType font that fontkit reads,
// with outlines Word can embed, and a licence that lets it be embedded.
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { diagnosticAt, type YamlFile } from '../pack/data-file.js';
import { fontFields, type LoadedFont } from '../pack/fonts.js';
import { imageKey } from '../pack/images.js';
import { MAX_FONT_BYTES } from '../pack/limits.js';
import { fileInsideProject, notAFile, readProjectFile, unreadable } from '../pack/project-files.js';
import type { ReadLog } from './read-log.js';

type FontResult = { font: LoadedFont } | { problem: Finding };

const unusable = (key: string, why: string, hint: string): { problem: Finding } => ({
  problem: { code: 'font-unusable', message: `font ${key} ${why}`, hint },
});

/** What is wrong with a font file's bytes, if anything. */
function probeFont(key: string, data: Uint8Array): { problem: Finding } | undefined {
  let font: fontkit.Font;
  try {
    font = fontkit.create(data);
    // Reading the character map and a few outlines parses the tables a writer needs.
    if (font.type === 'TTF' && font.directory.tables.glyf) for (const glyph of font.layout('Aa1').glyphs) void glyph.path;
  } catch {
    return unusable(key, 'is not a font file that can be read', 'use the TrueType (.ttf) files the font came with; a damaged file needs copying again');
  }
  if (font.type === 'TTC') return unusable(key, 'is a collection of several fonts', 'give each face its own .ttf file');
  if (font.type !== 'TTF') return unusable(key, `is a web font (${font.type})`, 'use the TrueType (.ttf) files the font came with: Word embeds only those');
  if (!font.directory.tables.glyf) {
    return unusable(key, 'has PostScript (CFF) outlines, which Word cannot embed', 'use the TrueType (.ttf) version of the font; most open fonts come with one');
  }
  if (font['OS/2']?.fsType?.noEmbedding) {
    return unusable(key, "is licensed not to be embedded in documents (its 'restricted licence' flag)", 'choose an open font (one the tool ships, or one under the SIL Open Font License)');
  }
  if (font.characterSet.length === 0) return unusable(key, 'maps no characters to its glyphs', 'use a text font, not a symbol or icon font');
  return undefined;
}

function readFont(root: string, absolutePath: string, key: string, log: ReadLog | undefined): FontResult {
  const read = readProjectFile(root, absolutePath, MAX_FONT_BYTES, log);
  if (read.ok) {
    const data = new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength);
    return probeFont(key, data) ?? { font: { key, data } };
  }
  switch (read.problem) {
    case 'not-a-file':
      return { problem: notAFile(`font ${key}`, read.kind) };
    case 'outside-project':
      return { problem: { code: 'file-outside-project', message: `font ${key} links to a file outside the project`, hint: 'copy the font file into the project instead of linking to it' } };
    case 'unreadable':
      return { problem: unreadable(`font ${key}`, read.reason) };
    case 'not-found':
      return { problem: { code: 'file-not-found', message: `font file not found: ${key}`, hint: 'the path is relative to the organisation file' } };
    case 'too-large':
      return unusable(key, `is ${(read.size / 1024 / 1024).toFixed(1)} MB; a font file may be at most ${MAX_FONT_BYTES / 1024 / 1024} MB`, 'use a font for the languages the pack is written in');
  }
}

/** Reads each font file once for the length of one build, whichever packs name it. */
export class FontCache {
  private readonly results = new Map<string, FontResult>();

  constructor(
    private readonly root: string,
    private readonly log?: ReadLog,
  ) {}

  load(absolutePath: string, key: string): FontResult {
    let result = this.results.get(absolutePath);
    if (!result) {
      result = readFont(this.root, absolutePath, key, this.log);
      this.results.set(absolutePath, result);
    }
    return result;
  }

  /** Forgets the fonts at `paths`, so that they are read again. */
  forget(paths: Iterable<string>): void {
    for (const file of paths) this.results.delete(file);
  }
}

/** Checks and reads the font files an organisation file's theme gives; problems are reported where each is named. */
export function loadFonts(
  root: string,
  organisation: { file: YamlFile; data: unknown } | null | undefined,
  cache: FontCache,
): { fonts: Map<string, LoadedFont>; diagnostics: Diagnostic[]; paths: string[] } {
  const fonts = new Map<string, LoadedFont>();
  const diagnostics: Diagnostic[] = [];
  const paths: string[] = [];
  if (!organisation) return { fonts, diagnostics, paths };
  const { file, data } = organisation;
  for (const { at, ref } of fontFields(data)) {
    const absolutePath = fileInsideProject(root, path.dirname(file.absolutePath), ref);
    if (absolutePath === undefined) {
      diagnostics.push(
        diagnosticAt(file, at, {
          code: 'file-outside-project',
          message: `font "${ref}" is outside the project`,
          hint: 'copy the font file into the project, e.g. into a fonts folder beside this file, and name it by a relative path',
        }),
      );
      continue;
    }
    paths.push(absolutePath);
    const result = cache.load(absolutePath, imageKey(file, ref));
    if ('problem' in result) diagnostics.push(diagnosticAt(file, at, result.problem));
    else fonts.set(result.font.key, result.font);
  }
  return { fonts, diagnostics, paths };
}
