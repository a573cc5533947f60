#!/usr/bin/env node
// How long the tools a user might reach for instead take to make the same pack:
// headless Chromium printing an HTML page to PDF, pandoc turning Markdown into
// .docx, and Typst compiling its own markup to PDF. All start from our composed
// document model (so only the rendering is compared); each cold run is a fresh
// process timed from outside, as `packs build` is in bench.mjs. Typst, which
// runs in Node, is also timed warm: compiling again and again in one process
// (scripts/bench-typst.mjs). A tool that is missing or fails is skipped with a
// reason, never an error: the figures are for ratios, not for gating.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { typstPackage, typstVersion } from './bench-typst.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b), mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The first of `names` that is an executable on PATH (no `which`: it is not everywhere). */
function onPath(...names) {
  for (const name of names)
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, name);
      try { accessSync(file, constants.X_OK); if (statSync(file).isFile()) return file; } catch { /* next */ }
    }
  return undefined;
}

const plain = (inlines) => inlines.map((i) => (i.type === 'text' ? i.text : i.type === 'break' ? ' ' : plain(i.children ?? []))).join('');
const imageBase = (block) => ({ mime: `image/${block.format === 'jpeg' ? 'jpeg' : 'png'}`, ext: block.format === 'jpeg' ? 'jpg' : 'png' });

// ---- HTML: one standalone file; Chromium's print engine does the layout. ----
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const htmlInlines = (inlines) => inlines.map((i) => {
  switch (i.type) {
    case 'text': return esc(i.text);
    case 'strong': return `<strong>${htmlInlines(i.children)}</strong>`;
    case 'emphasis': return `<em>${htmlInlines(i.children)}</em>`;
    case 'link': return `<a href="${esc(i.href)}">${htmlInlines(i.children)}</a>`;
    case 'break': return '<br>';
    default: return '';
  }
}).join('');

function htmlBlocks(blocks, all) {
  return blocks.map((b) => {
    switch (b.type) {
      case 'heading': return `<h${b.level} id="${esc(b.id)}">${htmlInlines(b.children)}</h${b.level}>`;
      case 'paragraph': return `<p class="${esc(b.style)}">${htmlInlines(b.children)}</p>`;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        return `<${tag}>${b.items.map((item) => `<li>${htmlBlocks(item, all)}</li>`).join('')}</${tag}>`;
      }
      case 'table': {
        const row = (cells, tag) => `<tr>${cells.map((c) => `<${tag}>${htmlInlines(c)}</${tag}>`).join('')}</tr>`;
        // <thead> is repeated on every printed page, like the header row in our PDF.
        return `<table><thead>${row(b.header, 'th')}</thead><tbody>${b.rows.map((r) => row(r, 'td')).join('')}</tbody></table>`;
      }
      case 'pageBreak': return '<div class="page-break"></div>';
      case 'contents': {
        // The level-1 headings after it (at the top level, as in our writers); no page numbers:
        // Chromium has no target-counter(), so a plain HTML route cannot print them.
        const entries = all.slice(all.indexOf(b) + 1).filter((h) => h.type === 'heading' && h.level === 1);
        return `<nav><p class="contents-title">${esc(b.title)}</p><ol>${entries.map((h) => `<li><a href="#${esc(h.id)}">${htmlInlines(h.children)}</a></li>`).join('')}</ol></nav>`;
      }
      case 'image': return `<p class="image"><img src="data:${imageBase(b).mime};base64,${Buffer.from(b.data).toString('base64')}"`
        + ` width="${b.width}" height="${b.height}" alt="${esc(b.alt ?? '')}"></p>`;
      default: return ''; // a block type this script does not know yet: leave it out rather than fail
    }
  }).join('\n');
}

export function toHtml(doc) {
  const { meta } = doc;
  // Chromium ≥ 131 draws @page margin boxes, so the running footer and page number cost one rule.
  const css = `@page { size: A4; margin: 20mm 18mm 22mm;
    @bottom-left { content: ${JSON.stringify(meta.footer)}; font: 8pt sans-serif; color: #555 }
    @bottom-right { content: counter(page); font: 8pt sans-serif } }
  body { font: 10.5pt/1.4 "Liberation Sans", Arial, sans-serif; color: #111 }
  h1 { font-size: 18pt; margin: 0 0 8pt; break-after: avoid } h2 { font-size: 14pt; break-after: avoid } h3 { font-size: 12pt; break-after: avoid }
  .title { font-size: 26pt; font-weight: bold; margin-top: 60mm } .subtitle { font-size: 18pt } .tagline { font-size: 13pt }
  .note, .caption { font-size: 9pt; color: #444 } .contents-title { font-size: 18pt; font-weight: bold }
  table { border-collapse: collapse; width: 100%; margin: 6pt 0 } th, td { border: 0.75pt solid #333; padding: 3pt 5pt; vertical-align: top; text-align: left }
  th { background: #e8e8e8 } tr { break-inside: avoid } .page-break { break-after: page }
  img { max-width: 100%; height: auto } /* the model's size is in pixels; the writers scale to the text width */`;
  return `<!doctype html>\n<html lang="${esc(meta.language)}"><head><meta charset="utf-8"><title>${esc(meta.title)}</title>
<meta name="author" content="${esc(meta.author)}"><meta name="keywords" content="${esc(meta.keywords.join(', '))}">
<style>${css}</style></head><body>\n${htmlBlocks(doc.blocks, doc.blocks)}\n</body></html>\n`;
}

// ---- Markdown (pandoc's dialect): images go to files beside it, named by `imageFile`. ----
// Backslash-escape what pandoc could read as markup (any ASCII punctuation may be escaped),
// and the quotes, -- and ... its `smart` extension would otherwise retypeset: the model's text is final.
const mdEscape = (s) => s.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]<>#|$~^@&"']/g, '\\$&').replace(/-(?=-)|\.(?=\.\.)/g, '\\$&');
function mdInlines(inlines) {
  // Emphasis markers must hug non-space text (`** x**` is not bold), so spaces move outside them.
  const wrap = (mark, inner) => { const [, lead, body, trail] = inner.match(/^(\s*)([\s\S]*?)(\s*)$/); return body ? `${lead}${mark}${body}${mark}${trail}` : inner; };
  return inlines.map((i) => {
    switch (i.type) {
      case 'text': return mdEscape(i.text);
      case 'strong': return wrap('**', mdInlines(i.children));
      case 'emphasis': return wrap('*', mdInlines(i.children));
      case 'link': return `[${mdInlines(i.children)}](<${i.href.replace(/[<>]/g, encodeURIComponent)}>)`;
      case 'break': return '\\\n'; // pandoc's escaped_line_breaks
      default: return '';
    }
  }).join('') // then what would start a list or definition at the start of a line: 1. a) (iv) - + : %
    .replace(/^([ \t]*)(\(?)(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)/gm, (_, sp, open, n, close) => `${sp}${open && '\\('}${n}\\${close}`)
    .replace(/^([ \t]*)([-+:%])(?=\s)/gm, '$1\\$2');
}

// Grid tables, because pipe-table cells cannot hold the line breaks our cells have.
function mdTable(b) {
  const cols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
  const cells = (row) => Array.from({ length: cols }, (_, c) => mdInlines(row[c] ?? []).split('\n'));
  const rows = [cells(b.header), ...b.rows.map(cells)];
  const len = (s) => [...s].length; // pandoc counts characters (wide CJK as two, which we do not have)
  const widths = Array.from({ length: cols }, (_, c) => Math.max(3, ...rows.flatMap((r) => r[c].map(len))));
  const rule = (ch) => `+${widths.map((w) => ch.repeat(w + 2)).join('+')}+`;
  const lines = (r) => Array.from({ length: Math.max(...r.map((c) => c.length)) }, (_, k) =>
    `|${r.map((c, i) => ` ${(c[k] ?? '')}${' '.repeat(widths[i] - len(c[k] ?? ''))} `).join('|')}|`);
  return [rule('-'), ...lines(rows[0]), rule('='), ...rows.slice(1).flatMap((r) => [...lines(r), rule('-')])].join('\n');
}

function mdBlocks(blocks, all, imageFile) {
  return blocks.map((b) => {
    switch (b.type) {
      case 'heading': return `${'#'.repeat(b.level)} ${mdInlines(b.children)} {#${b.id}}`;
      case 'paragraph': {
        const text = mdInlines(b.children);
        // Non-body styles become Word paragraph styles (Title, Subtitle, … created if the reference lacks them).
        return b.style === 'normal' ? text : `::: {custom-style="${b.style[0].toUpperCase()}${b.style.slice(1)}"}\n${text}\n:::`;
      }
      case 'list': {
        const loose = b.items.some((item) => item.length > 1);
        return b.items.map((item, n) => {
          const marker = b.ordered ? `${n + 1}. ` : '- ';
          // Continuation lines line up with the item's first character, as pandoc requires.
          return marker + mdBlocks(item, all, imageFile).replace(/\n(?=.)/g, `\n${' '.repeat(marker.length)}`);
        }).join(loose ? '\n\n' : '\n');
      }
      case 'table': return mdTable(b);
      case 'pageBreak': return ''; // pandoc's docx writer has no page-break syntax without a filter
      case 'contents': {
        const entries = all.slice(all.indexOf(b) + 1).filter((h) => h.type === 'heading' && h.level === 1);
        return `**${mdEscape(b.title)}**\n\n${entries.map((h) => `- [${mdEscape(plain(h.children))}](#${h.id})`).join('\n')}`;
      }
      // No size: pandoc reads it from the file and its docx writer shrinks a too-wide image to the text width.
      case 'image': return `![${mdEscape(b.alt ?? '')}](${imageFile(b)})`;
      default: return '';
    }
  }).filter(Boolean).join('\n\n');
}

export function toMarkdown(doc, imageFile) {
  // Only metadata that does not print a title block of its own: the cover paragraphs do that.
  const yaml = `---\nlang: ${JSON.stringify(doc.meta.language)}\nkeywords: ${JSON.stringify(doc.meta.keywords)}\n---\n\n`;
  return `${yaml}${mdBlocks(doc.blocks, doc.blocks, imageFile)}\n`;
}

// ---- Typst: one .typ file in the PDF writer's look (Roboto, its sizes, colours and margins); images beside it. ----
// Every ASCII punctuation character is escaped (Typst takes `\` before any of them as that character): the model's
// text is final, so no markup, smart quote, dash or ellipsis shorthand may be read into it. Runs of white space are one
// space, as in HTML.
const typEscape = (s) => s.replace(/\s+/g, ' ').replace(/[!-\/:-@[-`{-~]/g, '\\$&');
const typString = (s) => `"${s.replace(/[\\"]/g, '\\$&')}"`;
// A label Typst accepts (letters, digits, - _ . :), for headings and links to them; anything else is left unlabelled.
const typLabel = (id) => (/^[\p{L}\p{N}_][\p{L}\p{N}_\-.:]*$/u.test(id) ? `<${id}>` : '');
function typInlines(inlines) {
  return inlines.map((i) => {
    switch (i.type) {
      case 'text': return typEscape(i.text);
      case 'strong': return `#strong[${typInlines(i.children)}]`;
      case 'emphasis': return `#emph[${typInlines(i.children)}]`;
      case 'link': return i.href.startsWith('#')
        ? (typLabel(i.href.slice(1)) ? `#link(${typLabel(i.href.slice(1))})[${typInlines(i.children)}]` : typInlines(i.children))
        : `#link(${typString(i.href)})[${typInlines(i.children)}]`;
      case 'break': return '\\\n';
      default: return '';
    }
  }).join('');
}

// pdfStyles' paragraph styles (src/writers/pdf/styles.ts), in points.
const typParagraph = {
  title: 'size: 28pt, weight: "bold", fill: heading-colour', subtitle: 'size: 18pt, fill: accent', tagline: 'size: 13pt, fill: muted',
  note: 'style: "italic", fill: muted', signature: 'weight: "bold"', caption: 'style: "italic", size: 9.5pt, fill: muted',
};
const typSpace = { title: [180, 18], subtitle: [0, 30], tagline: [0, 10], note: [0, 8], signature: [2, 0], caption: [4, 8] };
const TEXT_WIDTH_PT = 595.28 - 62 - 62; // A4 less the PDF writer's side margins

function typBlocks(blocks, imageFile) {
  return blocks.map((b) => {
    switch (b.type) {
      case 'heading': return `${'='.repeat(b.level)} ${typInlines(b.children)} ${typLabel(b.id)}`;
      case 'paragraph': {
        if (b.style === 'normal' || !typParagraph[b.style]) return typInlines(b.children);
        // Space above as v(), which Typst keeps at the top of a page (as pdfmake keeps a margin), unlike a block's.
        const [above, below] = typSpace[b.style];
        return `${above ? `#v(${above}pt)\n` : ''}#block(below: ${below}pt, text(${typParagraph[b.style]})[${typInlines(b.children)}])`;
      }
      case 'list': return b.items.map((item) => {
        const marker = b.ordered ? '+ ' : '- ';
        // An item's later lines are indented past its marker, so they stay in it.
        return marker + typBlocks(item, imageFile).replace(/\n(?=.)/g, `\n${' '.repeat(marker.length)}`);
      }).join('\n');
      case 'table': {
        const cols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
        const cells = (row) => Array.from({ length: cols }, (_, c) => `[${typInlines(row[c] ?? [])}]`).join(', ');
        return `#table(columns: ${cols}, table.header(${cells(b.header)}),\n${b.rows.map((r) => `  ${cells(r)},`).join('\n')}\n)`;
      }
      case 'pageBreak': return '#pagebreak()';
      // The level-1 headings with their page numbers, as both writers make them.
      case 'contents': return `#outline(title: [${typEscape(b.title)}], depth: 1)`;
      case 'image': return `#image(${typString(imageFile(b))}, width: ${Math.min(b.width * 0.75, TEXT_WIDTH_PT).toFixed(2)}pt, alt: ${typString(b.alt ?? '')})`;
      default: return '';
    }
  }).filter(Boolean).join('\n\n');
}

export function toTypst(doc, imageFile) {
  const { meta } = doc;
  const [lang, region] = meta.language.split('-');
  const date = meta.date;
  return `#set document(title: ${typString(meta.title)}, author: ${typString(meta.author)}, keywords: (${meta.keywords.map(typString).join(', ')}${meta.keywords.length === 1 ? ',' : ''}),
  date: datetime(year: ${date.getUTCFullYear()}, month: ${date.getUTCMonth() + 1}, day: ${date.getUTCDate()}))
#let heading-colour = rgb("#002d62")
#let accent = rgb("#0b5cab")
#let muted = rgb("#555555")
#set page(paper: "a4", margin: (left: 62pt, top: 62pt, right: 62pt, bottom: 70pt),
  footer: context if counter(page).get().first() > 1 {
    set text(size: 8.5pt, fill: muted)
    [${typEscape(meta.footer)} #h(1fr) Page #counter(page).display() of #counter(page).final().first()]
  })
#set text(font: "Roboto", size: 10.5pt, fill: rgb("#1a1a1a"), lang: ${typString(lang)}${region ? `, region: ${typString(region)}` : ''})
#set par(leading: 0.65em, spacing: 8pt)
#show heading.where(level: 1): set text(size: 20pt, fill: heading-colour)
#show heading.where(level: 2): set text(size: 14pt, fill: heading-colour)
#show heading.where(level: 3): set text(size: 11.5pt, fill: accent)
#show link: set text(fill: accent)
#set table(stroke: 0.75pt + rgb("#b7c4d6"), fill: (_, y) => if y == 0 { rgb("#e8eef6") })
#show table.cell.where(y: 0): set text(weight: "bold", fill: heading-colour)

${typBlocks(doc.blocks, imageFile)}
`;
}

// ---- Timing ----
/** Median wall time of `runs` fresh processes; `prepare(i)` gives each run its arguments and a check. */
function timeRuns(runs, command, prepare, options = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { args, check } = prepare(i);
    const started = performance.now();
    // stderr is captured, not shown: Chromium logs dozens of D-Bus errors per run in containers.
    const run = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, ...options });
    times.push(performance.now() - started);
    const tail = `${run.error?.message ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    if (run.status !== 0) throw new Error(`exited with ${run.status ?? run.signal}: ${tail}`);
    const problem = check();
    if (problem) throw new Error(problem);
  }
  return median(times);
}

const nonEmpty = (file) => (existsSync(file) && statSync(file).size > 0 ? undefined : `${path.basename(file)} missing or empty`);
const version = (command, args) => spawnSync(command, args, { encoding: 'utf8' }).stdout?.split('\n')[0].trim() || undefined;

export async function measureExternal({ root, packId = 'met-dac-2021', runs = 5, warmRuns = 7 }) {
  const { planPack, selectPacks } = await import(pathToFileURL(path.join(root, 'dist/pipeline/build.js')).href);
  const { DataFileCache } = await import(pathToFileURL(path.join(root, 'dist/load/load-pack.js')).href);
  const { packs } = await selectPacks(root, [packId]);
  if (!packs?.[0]) throw new Error(`no pack ${packId}`);
  const plan = await planPack(root, packs[0], new DataFileCache(root));
  const doc = plan.document;
  if (!doc) throw new Error(`${packId} did not compose: ${plan.diagnostics.map((d) => d.message).join('; ')}`);
  // The role title, which the cover and footer carry (compose puts it first in the keywords).
  const roleTitle = doc.meta.keywords[0] ?? doc.meta.title;

  const result = { skipped: [] };
  const work = mkdtempSync(path.join(tmpdir(), 'packs-bench-external-'));
  const keep = Boolean(process.env.BENCH_EXTERNAL_KEEP); // leave the files for inspection by hand
  try {
    const html = path.join(work, `${packId}.html`), md = path.join(work, `${packId}.md`);
    writeFileSync(html, toHtml(doc));
    let images = 0; // image files are named relative to `work`, where pandoc runs
    writeFileSync(md, toMarkdown(doc, (b) => { const name = `image-${++images}.${imageBase(b).ext}`; writeFileSync(path.join(work, name), b.data); return name; }));
    const pdftotext = onPath('pdftotext');

    const chromium = onPath('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable');
    if (!chromium) result.skipped.push('chromium not installed');
    else {
      try {
        result.chromiumVersion = version(chromium, ['--version']);
        const pdf = path.join(work, 'out.pdf');
        result.chromiumPdfMs = timeRuns(runs, chromium, (i) => {
          rmSync(pdf, { force: true });
          // Plain --headless is the new headless mode (the old one left Chromium in 132); =new works too.
          // A fresh profile each run: a user's one-off print does not reuse a warm profile.
          const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(work, `profile-${i}`)}`,
            '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(html).href];
          return { args, check: () => nonEmpty(pdf) };
        });
        if (pdftotext) {
          const text = (spawnSync(pdftotext, [path.join(work, 'out.pdf'), '-'], { encoding: 'utf8' }).stdout ?? '').replace(/\s+/g, ' ');
          if (!text.includes(roleTitle)) throw new Error(`the PDF does not contain "${roleTitle}"`);
        } else result.skipped.push('pdftotext not installed: Chromium PDF text not checked');
      } catch (error) {
        delete result.chromiumPdfMs;
        result.skipped.push(`chromium failed: ${error.message}`);
      }
    }

    const pandoc = onPath('pandoc');
    if (!pandoc) result.skipped.push('pandoc not installed');
    else {
      try {
        result.pandocVersion = version(pandoc, ['--version']);
        const docx = path.join(work, 'out.docx');
        result.pandocDocxMs = timeRuns(runs, pandoc, () => {
          rmSync(docx, { force: true });
          return { args: [path.basename(md), '-o', docx], check: () => nonEmpty(docx) };
        }, { cwd: work });
        // Read it back with the project's own fflate (no new dependency): the body must carry the role title.
        const { strFromU8, unzipSync } = await import('fflate');
        const entry = unzipSync(readFileSync(docx), { filter: (file) => file.name === 'word/document.xml' })['word/document.xml'];
        const body = entry && strFromU8(entry);
        if (!body?.includes(roleTitle.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))) throw new Error(`the .docx does not contain "${roleTitle}"`);
      } catch (error) {
        delete result.pandocDocxMs;
        result.skipped.push(`pandoc failed: ${error.message}`);
      }
    }
    const typst = typstVersion();
    if (!typst) result.skipped.push(`typst not installed (for its figures: npm install --no-save ${typstPackage}@0.7.0)`);
    else {
      try {
        result.typstVersion = `${typstPackage} ${typst}`;
        const folder = path.join(work, 'typst'), main = path.join(folder, 'main.typ'), pdf = path.join(folder, 'out.pdf');
        mkdirSync(folder);
        let typstImages = 0;
        writeFileSync(main, toTypst(doc, (b) => { const name = `image-${++typstImages}.${imageBase(b).ext}`; writeFileSync(path.join(folder, name), b.data); return name; }));
        const compile = [path.join(root, 'scripts', 'bench-typst.mjs'), main, pdf];
        result.typstColdMs = timeRuns(runs, process.execPath, () => {
          rmSync(pdf, { force: true });
          return { args: compile, check: () => nonEmpty(pdf) };
        });
        // Warm: one process compiling again and again; the first run, which loads the compiler, is not counted.
        const warm = (...flags) => {
          const run = spawnSync(process.execPath, [...compile, String(warmRuns + 1), ...flags], { encoding: 'utf8', timeout: 300_000 });
          if (run.status !== 0) throw new Error(`exited with ${run.status ?? run.signal}: ${(run.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
          return median(JSON.parse(run.stdout).slice(1));
        };
        result.typstWarmMs = warm();
        result.typstForgetfulMs = warm('--forget');
        if (pdftotext) {
          const text = (spawnSync(pdftotext, [pdf, '-'], { encoding: 'utf8' }).stdout ?? '').replace(/\s+/g, ' ');
          if (!text.includes(roleTitle)) throw new Error(`the PDF does not contain "${roleTitle}"`);
        } else result.skipped.push('pdftotext not installed: Typst PDF text not checked');
        // Only the fonts we ship: a font of the system's or the compiler's own would make another comparison.
        const pdffonts = onPath('pdffonts');
        if (pdffonts) {
          const fonts = (spawnSync(pdffonts, [pdf], { encoding: 'utf8' }).stdout ?? '').split('\n').slice(2).filter(Boolean).map((row) => row.split(/\s+/)[0]);
          const others = fonts.filter((font) => !/^([A-Z]{6}\+)?Roboto-/.test(font));
          if (fonts.length === 0 || others.length > 0) throw new Error(`the PDF uses fonts other than Roboto: ${others.join(', ') || 'none found'}`);
        }
      } catch (error) {
        delete result.typstColdMs; delete result.typstWarmMs; delete result.typstForgetfulMs;
        result.skipped.push(`typst failed: ${error.message}`);
      }
    }
    if (keep) console.error(`bench-external: files kept in ${work}`);
    return result;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const packId = process.argv[2] ?? 'met-dac-2021';
  const runs = Number(process.env.BENCH_EXTERNAL_RUNS ?? 5);
  const r = await measureExternal({ root, packId, runs, warmRuns: Number(process.env.BENCH_WARM_RUNS ?? 7) }), seconds = (ms) => `${(ms / 1000).toFixed(3)} s`;
  console.log(`Pack: ${packId}; external tools, fresh process each, median of ${runs}`);
  if (r.chromiumPdfMs !== undefined) console.log(`HTML → PDF  ${r.chromiumVersion}: ${seconds(r.chromiumPdfMs)}`);
  if (r.pandocDocxMs !== undefined) console.log(`Markdown → .docx  ${r.pandocVersion}: ${seconds(r.pandocDocxMs)}`);
  if (r.typstColdMs !== undefined) console.log(`Typst → PDF  ${r.typstVersion}: cold ${seconds(r.typstColdMs)}, warm ${seconds(r.typstWarmMs)}, warm with its memoized work forgotten ${seconds(r.typstForgetfulMs)}`);
  for (const reason of r.skipped) console.log(`skipped: ${reason}`);
}
