// One format's writer, kept in a worker thread of its own, so that a single
// pack's PDF and Word file are rendered at the same time on two cores rather
// than one after the other. A build of one pack, and every rebuild in watch
// mode, would otherwise leave the second core idle. The thread loads its writer
// as soon as it starts, while this thread is still reading and checking the pack.
//
// It is a single long-lived thread with one document at a time, not a pool:
// batch builds spread whole packs over piscina's pool instead (build-many.ts).
import { Worker } from 'node:worker_threads';
import type { Document } from '../model/document.js';
import type { Format } from './formats.js';
import { writers } from './index.js';

/** What crosses to the thread: a document to render. */
export interface RenderRequest {
  id: number;
  document: Document;
}

/** What crosses back: its bytes, or why there are none. */
export type RenderReply = { id: number; bytes: Uint8Array } | { id: number; error: { message: string; stack?: string } };

/** The thread has stopped (it was closed, or died): what was sent to it is rendered here instead. */
export class RenderThreadStopped extends Error {}

export class RenderThread {
  readonly format: Format;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  /** Why the thread can take no more work (it died, or was closed). */
  private stopped: RenderThreadStopped | undefined;

  /** Starts the thread; it loads the writer for `format` at once. */
  constructor(format: Format) {
    this.format = format;
    this.worker = new Worker(new URL('./render-worker-entry.cjs', import.meta.url), { workerData: { format } });
    // An idle thread must not keep the process alive: it is referenced only while it has work.
    this.worker.unref();
    this.worker.on('message', (reply: RenderReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.settled(reply.id);
      if ('bytes' in reply) waiting.resolve(reply.bytes);
      else waiting.reject(Object.assign(new Error(reply.error.message), reply.error.stack ? { stack: reply.error.stack } : {}));
    });
    const fail = (why: string) => {
      this.stopped ??= new RenderThreadStopped(`the ${format} writer's thread ${why}`);
      for (const [id, waiting] of this.pending) {
        this.settled(id);
        waiting.reject(this.stopped);
      }
    };
    this.worker.on('error', (error) => fail(`failed: ${error.message}`));
    this.worker.on('exit', (code) => fail(`stopped (exit code ${code})`));
  }

  /** Renders `document` in the thread. The document is copied there; the bytes are copied back. */
  render(document: Document): Promise<Uint8Array> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, document } satisfies RenderRequest);
    });
  }

  async close(): Promise<void> {
    this.stopped ??= new RenderThreadStopped(`the ${this.format} writer's thread was closed`);
    await this.worker.terminate();
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }
}

/**
 * A thread for the Word file, when a pack is rendered in both formats and there
 * is a core to spare for it. The Word writer goes to the thread because the
 * document's text is all it needs back and forth; the PDF writer stays here.
 */
export function spareRenderThread(formats: readonly Format[], cores: number): RenderThread | undefined {
  return cores > 1 && formats.length > 1 && formats.includes('docx') ? new RenderThread('docx') : undefined;
}

/**
 * Renders every format of a document: the thread's format (if a thread is
 * given) there, the others here one after another, at the same time. The
 * results come back in the order of `formats`.
 */
export async function renderAll(formats: readonly Format[], document: Document, thread?: RenderThread): Promise<{ format: Format; bytes: Uint8Array }[]> {
  const here = async (format: Format) => (await writers[format]())(document);
  // The thread's work is sent first, before this thread is busy with the rest. A thread that has
  // stopped is only a lost speed-up: its format is rendered here. A writer's own error is not retried.
  const there =
    thread && formats.includes(thread.format)
      ? thread.render(document).catch((error) => (error instanceof RenderThreadStopped ? here(thread.format) : Promise.reject(error)))
      : undefined;
  // A failure there is reported where it is awaited, below, not meanwhile as an unhandled rejection.
  there?.catch(() => {});
  const rendered = [];
  for (const format of formats) rendered.push({ format, bytes: await (there && format === thread?.format ? there : here(format)) });
  return rendered;
}
