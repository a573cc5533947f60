// The studio's builds, into the project's output/ folder as `packs build` writes
// it (the same files, the same lock, the same build cache). After a save the
// pack's HTML edition is built first, on its own, so that the preview is fresh
// as soon as the page comes back; the PDF and Word files follow, one build at a
// time, after the answer, in a thread of their own (build-thread.ts). A request
// for a pack's PDF or Word file waits for its build.
import { Worker } from 'node:worker_threads';
import type { PackLocation } from '../pack/location.js';
import { DataFileCache } from '../load/load-pack.js';
import { buildPack } from '../pipeline/build.js';
import type { BuildReply, BuildRequest } from './build-thread.js';
import { BuildCache, byteSettings } from '../pipeline/build-cache.js';
import { formats } from '../writers/formats.js';

export interface PreviewBuild {
  /** How long the HTML edition took to build, in milliseconds. */
  milliseconds: number;
  /** Whether it was written: a pack with errors is not built. */
  written: boolean;
  /** What it was built from: every file the pack read or looked for, and the build cache's key of them as read. */
  inputs: string[];
  key: string;
}

export class StudioBuilds {
  /** The builds of the PDF and Word files, one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The last of those builds that includes each pack, by id. */
  private readonly pending = new Map<string, Promise<unknown>>();
  /** The last preview each pack had built here. */
  readonly previews = new Map<string, PreviewBuild>();

  constructor(
    private readonly root: string,
    private readonly outDir: string,
    private readonly today: () => string,
    private readonly timestamp: Date | undefined,
    private readonly onError: (error: unknown) => void,
  ) {}

  private settings() {
    return { formats: [...formats], today: this.today(), ...(this.timestamp ? { timestamp: this.timestamp } : {}) };
  }

  private cache(): BuildCache {
    return new BuildCache(this.root, this.outDir, byteSettings(this.settings()));
  }

  /** Whether the pack's outputs are those its files make now (the build cache's word). */
  upToDate(id: string): boolean {
    return this.cache().upToDate(id, this.today()) !== undefined;
  }

  /**
   * Whether the pack's preview shows what its files make now: the one built here, if there is
   * one, is from files as they are (an edit by hand or on the command line since makes it old);
   * otherwise the last `packs build` is.
   */
  previewIsCurrent(id: string): boolean {
    const preview = this.previews.get(id);
    if (!preview) return this.upToDate(id);
    return this.cache().keyOfBuild({ inputs: preview.inputs, hashesAsRead: new Map() }) === preview.key;
  }

  /** Builds a pack's HTML edition now. */
  async preview(location: PackLocation): Promise<PreviewBuild> {
    const build = await buildPack(this.root, location, new DataFileCache(this.root), { ...this.settings(), outDir: this.outDir, formats: ['html'] });
    const key = this.cache().keyOfBuild(build);
    const preview = { milliseconds: build.milliseconds, written: build.outputs.length > 0, inputs: build.inputs, key };
    this.previews.set(location.id, preview);
    return preview;
  }

  /** Builds every format of these packs after whatever is queued, and records them in the build cache, as `packs build` does. */
  refresh(locations: readonly PackLocation[]): void {
    const next = this.queue.then(() => this.inThread([...locations])).catch(this.onError);
    this.queue = next;
    for (const location of locations) this.pending.set(location.id, next);
    void next.then(() => {
      for (const location of locations) if (this.pending.get(location.id) === next) this.pending.delete(location.id);
    });
  }

  /** Whether a build of this pack's PDF and Word files is queued or under way. */
  building(id: string): boolean {
    return this.pending.has(id);
  }

  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextRequest = 1;

  /** Runs one build in the build thread, started the first time it is needed. */
  private inThread(locations: PackLocation[]): Promise<void> {
    if (!this.worker) {
      const worker = new Worker(new URL('./build-thread-entry.cjs', import.meta.url));
      worker.on('message', (reply: BuildReply) => {
        const waiting = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (this.waiting.size === 0) worker.unref();
        if (reply.ok) waiting?.resolve();
        else waiting?.reject(Object.assign(new Error(reply.message), reply.stack ? { stack: reply.stack } : {}));
      });
      const stopped = (why: string) => {
        this.worker = undefined;
        for (const [, waiting] of this.waiting) waiting.reject(new Error(`the studio's build thread ${why}`));
        this.waiting.clear();
      };
      worker.on('error', (error) => stopped(`failed: ${error.message}`));
      worker.on('exit', (code) => stopped(`stopped (exit code ${code})`));
      this.worker = worker;
    }
    const worker = this.worker;
    const id = this.nextRequest++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      // One job: both writers stay loaded in this thread between saves. A Word writer in a thread of its
      // own (what buildMany does for one pack with a core to spare) would start cold on every save.
      const request: BuildRequest = { id, root: this.root, locations, options: { ...this.settings(), outDir: this.outDir, formats: [...formats], jobs: 1 } };
      worker.postMessage(request);
    });
  }

  /** Resolves once the builds queued for this pack are done. */
  async settled(id: string): Promise<void> {
    await this.pending.get(id);
  }

  /** Resolves once every queued build is done, then ends the build thread: nothing held, nothing half written. */
  async close(): Promise<void> {
    for (;;) {
      const queue = this.queue;
      await queue;
      if (queue === this.queue) break;
    }
    await this.worker?.terminate();
  }
}
