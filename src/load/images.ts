// Reads the images a pack's data files name. Each is checked where it is named
// — inside the project, a regular file, at most 10 MB, a whole PNG or JPEG of
// at most 25 megapixels — before any library decodes it, and read once per build.
import path from 'node:path';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import type { ReadLog } from './read-log.js';
import { MAX_IMAGE_BYTES, MAX_SVG_BYTES, probeImage, probeSvg } from './image-file.js';
import { fileInsideProject, notAFile, readProjectFile, unreadable } from '../pack/project-files.js';
import { diagnosticAt, type YamlFile } from '../pack/data-file.js';
import { imageFields, imageKey, type LoadedImage } from '../pack/images.js';

type ImageResult = { image: LoadedImage } | { problem: Finding };

const HINTS: Record<string, string> = {
  'not-an-image': 'export or save the picture as PNG (for charts and diagrams) or JPEG (for photographs)',
  'image-truncated': 'the file was not copied or saved completely: save or copy it again',
  'image-damaged': 'the file is damaged: export it again from the program that made it',
  'image-too-many-pixels': 'scale it down: 2,500 pixels across is plenty for a full-width image on A4',
  'svg-refused': 'save the drawing as plain SVG (in Inkscape: Save As, Plain SVG; text and shapes only), or export it as PNG',
};

/** Only a field whose schema allows a .svg name (a theme's logo) reaches here with one: it is read as a drawing. */
const isSvg = (key: string) => /\.svg$/i.test(key);

function readImage(root: string, absolutePath: string, key: string, log: ReadLog | undefined): ImageResult {
  // Inside the project, not a FIFO or a device (reading one could hang), nor over the limit: checked before it is opened.
  const limit = isSvg(key) ? MAX_SVG_BYTES : MAX_IMAGE_BYTES;
  const read = readProjectFile(root, absolutePath, limit, log);
  if (!read.ok && read.problem === 'not-a-file') return { problem: notAFile(`image ${key}`, read.kind) };
  if (!read.ok && read.problem === 'outside-project') {
    return { problem: { code: 'file-outside-project', message: `image ${key} links to a file outside the project`, hint: 'copy the image into the project instead of linking to it' } };
  }
  if (!read.ok && read.problem === 'unreadable') return { problem: unreadable(`image ${key}`, read.reason) };
  if (!read.ok && read.problem === 'not-found') {
    return {
      problem: { code: 'file-not-found', message: `image file not found: ${key}`, hint: 'the path is relative to the file that names it' },
    };
  }
  if (!read.ok) {
    return {
      problem: {
        code: 'image-too-large',
        message: isSvg(key)
          ? `image ${key} is ${Math.ceil(read.size / 1024)} KB; an SVG drawing may be at most ${MAX_SVG_BYTES / 1024} KB`
          : `image ${key} is ${(read.size / 1024 / 1024).toFixed(1)} MB; images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`,
        hint: isSvg(key) ? 'simplify the drawing (a logo is a few kilobytes), or export it as PNG' : 'save it smaller: fewer pixels, or JPEG for a photograph',
      },
    };
  }
  const data = new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength);
  const probed = isSvg(key) ? probeSvg(data) : probeImage(data);
  if ('kind' in probed) {
    return { problem: { code: probed.kind, message: `image ${key}: ${probed.detail}`, hint: HINTS[probed.kind]! } };
  }
  return { image: { key, ...probed, data } };
}

/** Reads each image once for the length of one build, whichever packs name it. */
export class ImageCache {
  private readonly results = new Map<string, Promise<ImageResult>>();

  /** `log`, when given, notes what each image held. */
  constructor(
    private readonly root: string,
    private readonly log?: ReadLog,
  ) {}

  load(absolutePath: string, key: string): Promise<ImageResult> {
    let result = this.results.get(absolutePath);
    if (!result) {
      result = Promise.resolve(readImage(this.root, absolutePath, key, this.log));
      this.results.set(absolutePath, result);
    }
    return result;
  }

  /** Forgets the images at `paths`, so that they are read again. */
  forget(paths: Iterable<string>): void {
    for (const file of paths) this.results.delete(file);
  }
}

/** Checks and reads every image some data files name; problems are reported at the `image:` line. */
export async function loadImages(
  root: string,
  files: { file: YamlFile; data: unknown }[],
  cache: ImageCache,
): Promise<{ images: Map<string, LoadedImage>; diagnostics: Diagnostic[]; paths: string[] }> {
  const images = new Map<string, LoadedImage>();
  const diagnostics: Diagnostic[] = [];
  /** The absolute path of each image inside the project, read or not. */
  const paths: string[] = [];
  for (const { file, data } of files) {
    for (const { at, ref } of imageFields(data)) {
      const absolutePath = fileInsideProject(root, path.dirname(file.absolutePath), ref);
      if (absolutePath === undefined) {
        const web = /^[a-z][a-z0-9+.-]*:/i.test(ref);
        diagnostics.push(
          diagnosticAt(file, at, {
            code: 'file-outside-project',
            message: web ? `image "${ref}" is an address, not a file in the project` : `image "${ref}" is outside the project`,
            hint: `${web ? 'packs never fetch anything: save' : 'copy'} the image into the project, e.g. next to this file, and name it by a relative path`,
          }),
        );
        continue;
      }
      paths.push(absolutePath);
      const result = await cache.load(absolutePath, imageKey(file, ref));
      if ('problem' in result) diagnostics.push(diagnosticAt(file, at, result.problem));
      else images.set(result.image.key, result.image);
    }
  }
  return { images, diagnostics, paths };
}
