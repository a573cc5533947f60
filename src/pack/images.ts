// Images a pack prints, as the stages after loading see them: any field named
// `image` in a data file is a path to an image, relative to that file, and
// templates and the document model name each image by its path from the
// project root (its key). Reading and checking them is load/images.ts's job.
import path from 'node:path';
import type { PathSegment, YamlFile } from './data-file.js';

/** An image that passed every check, ready for the writers. */
export interface LoadedImage {
  /** Its path from the project root, with forward slashes: how templates and the model name it. */
  key: string;
  /** An SVG only where a field allows one (a logo), checked as load/image-file.ts says. */
  format: 'png' | 'jpeg' | 'svg';
  width: number;
  height: number;
  data: Uint8Array;
}

/** Every `image:` field in some data, with where it is. */
export function imageFields(data: unknown, at: PathSegment[] = []): { at: PathSegment[]; ref: string }[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => imageFields(item, [...at, i]));
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) =>
    key === 'image' && typeof value === 'string' ? [{ at: [...at, key], ref: value }] : imageFields(value, [...at, key]),
  );
}

/** How templates and the document model name an image: its path from the project root. */
export function imageKey(file: YamlFile, ref: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file.file), ref.replaceAll('\\', '/')));
}

/** A copy of some data with each `image:` path replaced by its key, for templates to print. */
export function withImageKeys<T>(file: YamlFile, data: T): T {
  const map = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(map);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, key === 'image' && typeof inner === 'string' ? imageKey(file, inner) : map(inner)]),
    );
  };
  return map(data) as T;
}
