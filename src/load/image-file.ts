// Reads an image a data file names, and checks it from its bytes before any
// library decodes it: a PNG or JPEG, whole, of a size a printed page can use.
// Only the headers are parsed (chunk and segment boundaries, checksums), so a
// file claiming a billion pixels is refused without allocating them, and a
// truncated or mislabelled file never reaches pdfkit or docx.
import { crc32 } from 'node:zlib';

import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_SVG_BYTES } from '../pack/limits.js';

export { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_SVG_BYTES };

export type ImageFormat = 'png' | 'jpeg' | 'svg';

export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Why an image was refused: `kind` picks the diagnostic code, `detail` says what was found. */
export interface ImageProblem {
  kind: 'not-an-image' | 'image-truncated' | 'image-damaged' | 'image-too-many-pixels' | 'svg-refused';
  detail: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What a file that is not PNG or JPEG looks like, so the message can say "a GIF image" rather than "not an image". */
const OTHER_KINDS: [string, (b: Uint8Array) => boolean][] = [
  ['a GIF image', (b) => ascii(b, 0, 4) === 'GIF8'],
  ['a WebP image', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP'],
  ['a BMP image', (b) => ascii(b, 0, 2) === 'BM'],
  ['a TIFF image', (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*'],
  ['a HEIC image', (b) => ascii(b, 4, 4) === 'ftyp'],
  ['a PDF document', (b) => ascii(b, 0, 5) === '%PDF-'],
  ['an SVG drawing', (b) => /^\s*(<\?xml[^>]*>\s*)?<svg\b/i.test(ascii(b, 0, 256))],
  ['a ZIP file (perhaps a Word document)', (b) => ascii(b, 0, 4) === 'PK\x03\x04'],
  ['text', (b) => b.length > 0 && !b.subarray(0, 512).some((c) => c === 0 || (c < 9 && c !== 0))],
];

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

/** Identifies and checks an image from its bytes. */
export function probeImage(bytes: Uint8Array): ImageInfo | ImageProblem {
  let result: ImageInfo | ImageProblem;
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) result = probePng(bytes);
  else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) result = probeJpeg(bytes);
  else {
    const kind = OTHER_KINDS.find(([, test]) => test(bytes))?.[0];
    return { kind: 'not-an-image', detail: kind ? `it is ${kind}, not a PNG or JPEG image` : 'it is not a PNG or JPEG image' };
  }
  if ('kind' in result) return result;
  if (result.width * result.height > MAX_IMAGE_PIXELS) {
    const megapixels = (result.width * result.height) / 1_000_000;
    return {
      kind: 'image-too-many-pixels',
      detail: `it is ${result.width} × ${result.height} pixels (${megapixels.toFixed(1)} megapixels); the limit is ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
    };
  }
  return result;
}

/** A PNG is a signature and chunks (length, type, data, CRC), from IHDR to IEND. */
function probePng(b: Uint8Array): ImageInfo | ImageProblem {
  let at = 8;
  let header: { width: number; height: number } | undefined;
  let sawData = false;
  for (;;) {
    if (at + 8 > b.length) return { kind: 'image-truncated', detail: 'the PNG file ends before its last chunk (IEND)' };
    const length = u32(b, at);
    const type = ascii(b, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff) return { kind: 'image-damaged', detail: `the PNG file has a damaged chunk at byte ${at}` };
    if (at + 12 + length > b.length) return { kind: 'image-truncated', detail: `the PNG file ends inside its ${type} chunk` };
    const stored = u32(b, at + 8 + length);
    if (crc32(b.subarray(at + 4, at + 8 + length)) !== stored) return { kind: 'image-damaged', detail: `the PNG file's ${type} chunk fails its checksum` };
    if (header === undefined) {
      if (type !== 'IHDR' || length !== 13) return { kind: 'image-damaged', detail: 'the PNG file does not start with its header chunk (IHDR)' };
      header = { width: u32(b, at + 8), height: u32(b, at + 12) };
      if (header.width === 0 || header.height === 0) return { kind: 'image-damaged', detail: 'the PNG header gives a width or height of 0' };
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!sawData) return { kind: 'image-damaged', detail: 'the PNG file has no image data (IDAT)' };
  return { format: 'png', ...header };
}

/** Start-of-frame markers, which carry the size: SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** A JPEG is markers and segments from SOI to EOI; scans (after SOS) run until the next marker. */
function probeJpeg(b: Uint8Array): ImageInfo | ImageProblem {
  let at = 2;
  let size: { width: number; height: number } | undefined;
  let scanned = false;
  while (at < b.length) {
    if (b[at] !== 0xff) return { kind: 'image-damaged', detail: `the JPEG file has stray data at byte ${at}` };
    while (b[at] === 0xff) at++; // fill bytes
    if (at >= b.length) break;
    const marker = b[at++]!;
    if (marker === 0xd9) {
      if (!size) return { kind: 'image-damaged', detail: 'the JPEG file ends before giving its size' };
      if (!scanned) return { kind: 'image-damaged', detail: 'the JPEG file has no image data' };
      return { format: 'jpeg', ...size };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // markers without a segment
    if (at + 2 > b.length) break;
    const length = u16(b, at);
    if (length < 2) return { kind: 'image-damaged', detail: `the JPEG file has a damaged segment at byte ${at}` };
    if (at + length > b.length) break;
    if (isStartOfFrame(marker)) {
      if (length < 8) return { kind: 'image-damaged', detail: 'the JPEG frame header is too short' };
      size = { height: u16(b, at + 3), width: u16(b, at + 5) };
      if (size.width === 0 || size.height === 0) return { kind: 'image-damaged', detail: 'the JPEG header gives a width or height of 0' };
    }
    at += length;
    if (marker === 0xda) {
      scanned = true;
      // Entropy-coded data: a 0xFF is followed by 0x00 (a stuffed byte) or a restart marker, until a real marker.
      while (at < b.length && !(b[at] === 0xff && b[at + 1] !== undefined && b[at + 1] !== 0x00 && !(b[at + 1]! >= 0xd0 && b[at + 1]! <= 0xd7))) at++;
      if (at + 1 >= b.length) break;
    }
  }
  return { kind: 'image-truncated', detail: 'the JPEG file ends before its end marker' };
}

/**
 * What an SVG may not hold, since every writer and every reader's viewer draws it:
 * anything that runs, fetches or embeds another document. Checked on the text,
 * before any library parses it.
 */
const SVG_REFUSALS: [RegExp, string][] = [
  [/<!DOCTYPE|<!ENTITY/i, 'it declares a DOCTYPE or entities'],
  [/<script\b/i, 'it holds a script'],
  [/<foreignObject\b/i, 'it holds a foreignObject (another document inside the drawing)'],
  [/\son[a-z]+\s*=/i, 'it holds an event handler (an on… attribute), which is a script'],
  [/\bhref\s*=\s*(["'])\s*(?!#)/i, 'it refers to something outside the drawing (an href that is not #…)'],
  [/url\(\s*['"]?\s*(?!#)/i, 'it refers to something outside the drawing (a url() that is not #…)'],
  [/@import\b/i, 'it imports a style sheet from outside the drawing'],
];

/** Checks an SVG logo from its bytes: UTF-8 text whose root is <svg>, with a size, and nothing that runs or fetches. */
export function probeSvg(bytes: Uint8Array): ImageInfo | ImageProblem {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const kind = OTHER_KINDS.find(([, test]) => test(bytes))?.[0];
    return { kind: 'not-an-image', detail: kind ? `it is ${kind}, not an SVG drawing` : 'it is not an SVG drawing' };
  }
  const root = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg\b([^>]*)>/.exec(source);
  if (!root) return { kind: 'not-an-image', detail: 'it is not an SVG drawing (its first element is not <svg>)' };
  for (const [pattern, detail] of SVG_REFUSALS) if (pattern.test(source)) return { kind: 'svg-refused', detail };
  const attributes = root[1]!;
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(attributes)?.[1];
  const viewBox = attribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const size =
    viewBox?.length === 4 ? { width: viewBox[2]!, height: viewBox[3]! } : { width: Number.parseFloat(attribute('width') ?? ''), height: Number.parseFloat(attribute('height') ?? '') };
  if (!(size.width > 0 && size.height > 0 && Number.isFinite(size.width) && Number.isFinite(size.height))) {
    return { kind: 'image-damaged', detail: 'the SVG drawing gives no size: its <svg> needs a viewBox, or a width and a height' };
  }
  return { format: 'svg', ...size };
}
