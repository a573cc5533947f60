// The studio's builds, into the project's output/ folder as `packs build` writes
// it (the same files, the same lock, the same build cache). After a save the
// pack's HTML edition is built first, on its own, so that the preview is fresh
// as soon as the page comes back; the PDF and Word files follow, one build at a
// time, after the answer. A request for a pack's file waits for its build.
import type { PackLocation } from '../pack/location.js';
import { DataFileCache } from '../load/load-pack.js';
import { buildPack } from '../pipeline/build.js';
import { buildMany } from '../pipeline/build-many.js';
import { BuildCache, byteSettings } from '../pipeline/build-cache.js';
import { formats } from '../writers/formats.js';

export interface PreviewBuild {
  /** How long the HTML edition took to build, in milliseconds. */
  milliseconds: number;
  /** Whether it was written: a pack with errors is not built. */
  written: boolean;
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

  /** Whether the pack's outputs are those its files make now (the build cache's word). */
  upToDate(id: string): boolean {
    return new BuildCache(this.root, this.outDir, byteSettings(this.settings())).upToDate(id, this.today()) !== undefined;
  }

  /** Builds a pack's HTML edition now. */
  async preview(location: PackLocation): Promise<PreviewBuild> {
    const build = await buildPack(this.root, location, new DataFileCache(this.root), { ...this.settings(), outDir: this.outDir, formats: ['html'] });
    const preview = { milliseconds: build.milliseconds, written: build.outputs.length > 0 };
    this.previews.set(location.id, preview);
    return preview;
  }

  /** Builds every format of these packs after whatever is queued, and records them in the build cache, as `packs build` does. */
  refresh(locations: readonly PackLocation[]): void {
    const next = this.queue.then(() => buildMany(this.root, locations, { ...this.settings(), outDir: this.outDir, formats: [...formats] }).then(() => undefined)).catch(this.onError);
    this.queue = next;
    for (const location of locations) this.pending.set(location.id, next);
  }

  /** Resolves once the builds queued for this pack are done. */
  async settled(id: string): Promise<void> {
    await this.pending.get(id);
  }

  /** Resolves once every queued build is done: nothing held, nothing half written. */
  async idle(): Promise<void> {
    for (;;) {
      const queue = this.queue;
      await queue;
      if (queue === this.queue) return;
    }
  }
}
