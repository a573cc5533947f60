// The studio: a small web server on the loopback address for recruiters and
// reviewers, over the project's own files. Pages are made on the server and
// work with no script. Every change is one `setField`, the checked edit `packs
// set` makes (the same lock, the change log, the version), and every file
// served is one of the studio's own pages or a built output of a known pack.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exists, readProjectFile } from '../pack/project-files.js';
import { setField } from '../pipeline/set-field.js';
import { StudioBuilds } from './builds.js';
import { Guard, LOOPBACK } from './guard.js';
import { shortPage } from './html.js';
import { ProjectState } from './pack-state.js';
import { homePage, idOf, packPage, type Refusal, type Show } from './pages.js';
import { history, noDifferences, review, reviewPage, type ApprovalRefusal } from './review.js';

export interface StudioOptions {
  root: string;
  /** The port to listen on; a free one when absent or 0. */
  port?: number;
  /** The day edits are dated and dates are checked against (YYYY-MM-DD), asked each time. */
  today: () => string;
  /** The timestamp written into outputs (SOURCE_DATE_EPOCH), as `packs build` takes it. */
  timestamp?: Date;
  /** Hears of a fault in the studio (not a user's mistake). */
  onError?: (error: unknown) => void;
}

export interface Studio {
  /** The address to open, with nothing secret in it. */
  url: string;
  port: number;
  /** Stops listening, ends open connections and waits for the builds under way. */
  close(): Promise<void>;
}

/** The largest form the studio reads: a prose field is at most a data file's worth. */
const MAX_FORM_BYTES = 1024 * 1024;
/** The largest output the studio serves. */
const MAX_OUTPUT_BYTES = 200 * 1024 * 1024;

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

// The studio's pages: no script, no framing by another site, files only from here.
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// A pack's HTML edition has no script; shown in the studio's frame, it is sandboxed as well. Its pictures and
// its theme's fonts are inside it as data: URLs (exported for the test that loads a themed page under it).
export const PREVIEW_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'";

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
  ) {
    super(title);
  }
}

export async function startStudio(options: StudioOptions): Promise<Studio> {
  const root = options.root;
  const outDir = path.join(root, 'output');
  const onError = options.onError ?? (() => {});
  const state = new ProjectState(root, options.today);
  const builds = new StudioBuilds(root, outDir, options.today, options.timestamp, onError);
  /** Status messages after a save, by a token in the address redirected to; the newest few are kept. */
  const saved = new Map<string, { field: string; message: string }>();
  let saves = 0;
  let guard: Guard | undefined;

  const send = (response: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
    response.writeHead(status, {
      'Content-Type': CONTENT_TYPES.html,
      'Content-Security-Policy': PAGE_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'Cache-Control': 'no-store',
      ...headers,
    });
    response.end(body);
  };

  async function packView(id: string) {
    const location = await state.find(id);
    if (!location) throw new Refused(404, 'No such pack');
    return { location, view: await state.view(location) };
  }

  async function showPack(response: ServerResponse, id: string, extra: { status?: string; savedField?: string; refusal?: Refusal; code?: number }) {
    const { location, view } = await packView(id);
    // A pack whose preview is not what its files make now (never built, or changed since by hand or on
    // the command line) has its preview built now, and its PDF and Word files after.
    if (view.builds && !builds.previewIsCurrent(id)) {
      await builds.preview(location);
      builds.refresh([location]);
    }
    const has = (format: string) => exists(path.join(outDir, `${id}.${format}`));
    const files = { pdf: has('pdf'), docx: has('docx'), html: has('html') };
    const preview = builds.previews.get(id);
    send(
      response,
      extra.code ?? 200,
      packPage(view, {
        secret: guard!.secret,
        files,
        building: builds.building(id),
        ...(preview ? { preview } : {}),
        ...(extra.status ? { status: extra.status, savedField: extra.savedField } : {}),
        ...(extra.refusal ? { refusal: extra.refusal } : {}),
      }),
    );
  }

  async function save(request: IncomingMessage, response: ServerResponse, id: string) {
    const form = new URLSearchParams(await body(request));
    if (!guard!.secretMatches(form.get('secret'))) throw new Refused(403, 'This change did not come from the studio’s own page');
    const location = await state.find(id);
    if (!location) throw new Refused(404, 'No such pack');
    const fieldName = form.get('field') ?? '';
    const typed = form.get('value') ?? '';
    const note = (form.get('note') ?? '').trim();
    const result = await setField(root, id, fieldName, typed, { today: options.today(), ...(note ? { note } : {}) });
    if (!result.ok) {
      const refusal: Refusal = {
        field: fieldName,
        typed,
        note,
        // A value that would make a pack wrong: the findings say why, in the checks' own words; the
        // command line's summary of it ("<field> = <value> would make …") is for the command line.
        message: result.diagnostics.length > 0 ? 'nothing was changed, because:' : result.message,
        ...(result.hint ? { hint: result.hint } : {}),
        findings: result.diagnostics.map((d) => ({ message: d.message, ...(d.hint ? { hint: d.hint } : {}) })),
      };
      await showPack(response, id, { refusal, code: 422 });
      return;
    }
    // The preview first, then every file of every pack the edit changed.
    await builds.preview(location);
    const changed = (await state.packs()).filter((p) => result.affected.includes(p.id) || p.id === id);
    builds.refresh(changed);
    const versions = new Map(result.packs.map((p) => [p.id, p.version]));
    const own = versions.get(id) ?? [...versions.values()][0];
    const others = changed.filter((p) => p.id !== id).map((p) => p.id);
    const label = result.field.label.charAt(0).toUpperCase() + result.field.label.slice(1);
    const message =
      `Saved: ${label} ${result.from} → ${result.to}` + (own ? `; version ${own}` : '') + (others.length ? `. This also changes ${others.join(', ')}` : '');
    const token = String(++saves);
    saved.set(token, { field: result.field.name, message });
    if (saved.size > 50) saved.delete(saved.keys().next().value!);
    send(response, 303, '', { Location: `/packs/${encodeURIComponent(id)}?saved=${token}#${idOf(result.field.name)}` });
  }

  async function showReview(response: ServerResponse, id: string, against: string | undefined, extra: { status?: string; refusal?: ApprovalRefusal; code?: number }) {
    const { location, view } = await packView(id);
    const data = { ...(await review(root, id, against)), history: history(location, root) };
    send(response, extra.code ?? 200, reviewPage(id, view, data, { secret: guard!.secret, ...extra }));
  }

  /** The changes since an approved version side by side (`packs diff --format html`), or its Word redline. */
  async function serveReview(response: ServerResponse, id: string, against: string | undefined, name: string) {
    if (!(await state.find(id))) throw new Refused(404, 'No such pack');
    const { review: result } = await review(root, id, against);
    if (!result.ok) return send(response, 404, shortPage('Nothing to compare', result.reason));
    if (name === 'changes.html') {
      const { formatHtml } = await import('../diff/html.js');
      const body = noDifferences(result.comparison)
        ? shortPage('No differences', `The working pack says the same as version ${result.against.version}.`)
        : formatHtml(result.comparison, result.before.facts, result.after.facts);
      return send(response, 200, body, { 'Content-Security-Policy': PREVIEW_POLICY });
    }
    if (name === 'redline.docx') {
      const [{ redlineDocument }, { writers }] = await Promise.all([import('../diff/redline.js'), import('../writers/index.js')]);
      const bytes = await (await writers.docx())(redlineDocument(result.before.facts, result.after.document!));
      const file = `${id}-changes-since-${result.against.version}.docx`;
      return send(response, 200, Buffer.from(bytes), {
        'Content-Type': CONTENT_TYPES.docx,
        'Content-Disposition': `attachment; filename="${file}"`,
        'Content-Security-Policy': PREVIEW_POLICY,
      });
    }
    throw new Refused(404, 'No such page');
  }

  async function approve(request: IncomingMessage, response: ServerResponse, id: string) {
    const form = new URLSearchParams(await body(request));
    if (!guard!.secretMatches(form.get('secret'))) throw new Refused(403, 'This change did not come from the studio’s own page');
    if (!(await state.find(id))) throw new Refused(404, 'No such pack');
    const by = (form.get('by') ?? '').trim();
    const note = (form.get('note') ?? '').trim();
    const refuse = (message: string, hint: string | undefined, findings: string[]) =>
      showReview(response, id, undefined, { refusal: { message, ...(hint ? { hint } : {}), findings, by, note }, code: 422 });
    if (by === '') return refuse('give your name, to record who approved it', undefined, []);
    const { approvePack } = await import('../pipeline/approvals.js');
    const result = await approvePack(root, id, { by, today: options.today(), ...(note ? { note } : {}) });
    if (!result.ok) return refuse(result.message, result.hint, result.diagnostics.map((d) => d.message));
    const token = String(++saves);
    saved.set(token, {
      field: '',
      message: result.alreadyApproved ? `Version ${result.approval.version} was already approved with these files; nothing was written` : `Approved: version ${result.approval.version}, by ${result.approval.by}`,
    });
    if (saved.size > 50) saved.delete(saved.keys().next().value!);
    send(response, 303, '', { Location: `/packs/${encodeURIComponent(id)}/review?saved=${token}` });
  }

  async function serveOutput(request: IncomingMessage, response: ServerResponse, id: string, name: string, download: boolean) {
    const location = await state.find(id);
    const format = (['html', 'pdf', 'docx'] as const).find((f) => name === `${id}.${f}`);
    if (!location || !format) throw new Refused(404, 'No such file');
    // The PDF or Word file being rebuilt is served once it is new; the HTML edition was built before the page that shows it.
    if (format !== 'html') await builds.settled(id);
    const read = readProjectFile(root, path.join(outDir, name), MAX_OUTPUT_BYTES);
    if (!read.ok) throw new Refused(404, 'This file has not been built');
    const disposition = download || format === 'docx' ? 'attachment' : 'inline';
    send(response, 200, read.bytes, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `${disposition}; filename="${name}"`,
      'Content-Security-Policy': PREVIEW_POLICY,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (!guard!.hostIsOurs(request)) throw new Refused(421, 'This address is not the studio’s');
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const parts = url.pathname.split('/').slice(1).map((part) => decodeURIComponent(part));
    if (request.method === 'POST') {
      if (!guard!.fromOurPages(request)) throw new Refused(403, 'This change did not come from the studio’s own page');
      if (parts.length === 3 && parts[0] === 'packs' && parts[2] === 'set') return save(request, response, parts[1]!);
      if (parts.length === 3 && parts[0] === 'packs' && parts[2] === 'approve') return approve(request, response, parts[1]!);
      throw new Refused(404, 'No such page');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new Refused(405, 'The studio does not do that');
    if (url.pathname === '/') {
      const rows = await state.rows();
      const show = (['all', 'errors', 'warnings', 'stale'] as const).find((s) => s === url.searchParams.get('show')) ?? 'all';
      const { latestApproval } = await import('../pipeline/approvals.js');
      const withState = [];
      for (const row of rows) {
        const approval = await latestApproval(root, row.location.id).catch(() => undefined);
        withState.push({ ...row, upToDate: builds.upToDate(row.location.id), ...(approval ? { approved: approval.version } : {}) });
      }
      return send(response, 200, homePage(withState, { text: url.searchParams.get('q') ?? '', show: show as Show }));
    }
    if (parts.length === 2 && parts[0] === 'packs') {
      const token = url.searchParams.get('saved');
      const done = token ? saved.get(token) : undefined;
      return showPack(response, parts[1]!, done ? { status: done.message, savedField: done.field } : {});
    }
    const against = url.searchParams.get('against') ?? undefined;
    if (parts.length === 3 && parts[0] === 'packs' && parts[2] === 'review') {
      const token = url.searchParams.get('saved');
      const done = token ? saved.get(token) : undefined;
      return showReview(response, parts[1]!, against, done ? { status: done.message } : {});
    }
    if (parts.length === 4 && parts[0] === 'packs' && parts[2] === 'review') return serveReview(response, parts[1]!, against, parts[3]!);
    if (parts.length === 4 && parts[0] === 'packs' && parts[2] === 'files') return serveOutput(request, response, parts[1]!, parts[3]!, url.searchParams.has('download'));
    throw new Refused(404, 'No such page');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.end();
      if (error instanceof Refused) return send(response, error.status, shortPage(error.title, refusalWords(error.status)));
      if (error instanceof URIError) return send(response, 400, shortPage('Not an address the studio knows', refusalWords(400)));
      onError(error);
      send(response, 500, shortPage('Something went wrong in the studio', 'Nothing was changed by this request. Try again; if it happens again, the studio’s window says more.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  guard = new Guard(port);
  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await builds.close();
    },
  };
}

function refusalWords(status: number): string {
  switch (status) {
    case 421:
      return 'The studio answers only at the address it printed when it started (127.0.0.1 or localhost, with its port).';
    case 403:
      return 'The studio takes changes only from its own pages. Open the pack from the studio’s address and save again.';
    case 413:
      return 'That form was larger than the studio reads.';
    case 405:
      return 'The studio shows pages and takes saves from its own forms; nothing else.';
    default:
      return 'Go back to the list of packs and choose one from there.';
  }
}

/** The body of a form, up to its limit. */
function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Refused(413, 'Too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
