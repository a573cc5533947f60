// The registry of writers: format → (document) → bytes. Each writer is loaded
// when first asked for, so a Word-only build never loads pdfmake and checking
// packs loads neither. A new format is one new entry here and one new folder.
import type { Document } from '../model/document.js';
import type { Format } from './formats.js';

export type Writer = (document: Document) => Promise<Uint8Array>;

export const writers: Record<Format, () => Promise<Writer>> = {
  pdf: async () => (await import('./pdf/index.js')).writePdf,
  docx: async () => (await import('./docx/index.js')).writeDocx,
  html: async () => (await import('./html/index.js')).writeHtml,
};

export { formats, type Format } from './formats.js';
