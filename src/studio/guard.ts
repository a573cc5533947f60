// What keeps the studio to its own user: it listens on the loopback address only;
// it answers only requests addressed to it by that address (a page on another site
// that resolves its own name to 127.0.0.1 — DNS rebinding — sends its own name as
// Host, and is refused); it takes a change only from its own pages (the Origin, or
// without one the Referer, is its own) and only with the secret made when it
// started, which only its own pages' forms carry. A page on another site can send
// a form here, but cannot read the secret from a page it is not allowed to read.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOOPBACK = '127.0.0.1';

export class Guard {
  /** Made at start, never printed or logged; put only in the studio's own forms. */
  readonly secret = randomBytes(32).toString('base64url');

  constructor(private readonly port: number) {}

  /** The Host values of this studio: its address by number and by name. */
  private hosts(): string[] {
    return [`${LOOPBACK}:${this.port}`, `localhost:${this.port}`];
  }

  /** Whether the request is addressed to this studio. */
  hostIsOurs(request: IncomingMessage): boolean {
    return this.hosts().includes(request.headers.host ?? '');
  }

  /** Whether a change comes from one of the studio's own pages: by its Origin, or without one its Referer. */
  fromOurPages(request: IncomingMessage): boolean {
    const origins = this.hosts().map((host) => `http://${host}`);
    const origin = request.headers.origin;
    if (origin !== undefined) return origins.includes(origin);
    const referer = request.headers.referer;
    if (referer === undefined) return false;
    return origins.some((ours) => referer.startsWith(`${ours}/`));
  }

  /** Whether a form carried the secret: compared in constant time (of equal-length digests). */
  secretMatches(given: string | null): boolean {
    if (given === null) return false;
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(given), digest(this.secret));
  }
}
