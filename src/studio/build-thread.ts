// The studio's build thread: builds packs in every format, as `packs build`
// does (buildMany: the output folder's lock, the build cache), away from the
// thread that answers the browser, so that rendering a PDF never holds up a
// page. It stays up between saves, with the writers loaded.
import { parentPort } from 'node:worker_threads';
import { buildMany, type BuildManyOptions } from '../pipeline/build-many.js';
import type { PackLocation } from '../pack/location.js';

export interface BuildRequest {
  id: number;
  root: string;
  locations: PackLocation[];
  options: BuildManyOptions;
}

export type BuildReply = { id: number; ok: true } | { id: number; ok: false; message: string; stack?: string };

parentPort?.on('message', (request: BuildRequest) => {
  buildMany(request.root, request.locations, request.options).then(
    () => parentPort!.postMessage({ id: request.id, ok: true } satisfies BuildReply),
    (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      parentPort!.postMessage({ id: request.id, ok: false, message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}) } satisfies BuildReply);
    },
  );
});
