// The registry of writers: format → (document) → bytes. A new format is one
// new entry here and one new folder beside pdf/ and docx/.
import type { Document } from '../model/document.js';
import { writeDocx } from './docx/index.js';
import { writePdf } from './pdf/index.js';

export const writers = {
  pdf: writePdf,
  docx: writeDocx,
} as const satisfies Record<string, (document: Document) => Promise<Uint8Array>>;

export type Format = keyof typeof writers;
export const formats = Object.keys(writers) as Format[];
