// The worker side of a RenderThread: loads one format's writer when the thread
// starts, then renders each document it is sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { Format } from './formats.js';
import { writers } from './index.js';
import type { RenderReply, RenderRequest } from './render-thread.js';

const port = parentPort!;
const { format } = workerData as { format: Format };
const writer = writers[format]();
// Were the writer to fail to load, the first document sent is told why.
writer.catch(() => {});

/** One document at a time, in the order sent: a second waits for the first. */
let queue = Promise.resolve();
port.on('message', (request: RenderRequest) => {
  queue = queue.then(() => render(request));
});

async function render({ id, document }: RenderRequest): Promise<void> {
  let reply: RenderReply;
  try {
    reply = { id, bytes: await (await writer)(document) };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    reply = { id, error: { message, ...(stack ? { stack } : {}) } };
  }
  port.postMessage(reply);
}
