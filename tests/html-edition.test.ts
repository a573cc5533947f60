// The HTML edition, read back as a browser parses it (parse5 follows the HTML
// standard's parsing algorithm): the structure a screen reader walks — language,
// title, skip link, contents, headings, tables, pictures — and nothing fetched
// from elsewhere, in the file every build writes beside the PDF and .docx.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { DataFileCache } from '../src/load/load-pack.js';
import { plainText, type Block, type Document } from '../src/model/document.js';
import { htmlDocument } from '../src/writers/html/index.js';
import { runCli } from './support/project.js';
import { outputFile, projectRoot } from './support/read-outputs.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (node: Node): node is Element => 'tagName' in node;

/** Every element under `root`, in document order. */
function elements(root: Node): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if (isElement(node)) out.push(node);
    const children = 'childNodes' in node ? node.childNodes : [];
    // A <template>'s content is not part of the page; we write none.
    for (const child of children) walk(child);
  };
  walk(root);
  return out;
}

const attribute = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const byTag = (root: Node, ...tags: string[]) => elements(root).filter((e) => tags.includes(e.tagName));

/** The text of an element as a reader gets it (style sheets left out). */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (isElement(node) && node.tagName === 'style') return '';
  if (isElement(node) && node.tagName === 'br') return '\n';
  return ('childNodes' in node ? node.childNodes : []).map(textOf).join('');
}

const squashSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

const PACKS = ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027'];

for (const packId of PACKS) {
  describe(`${packId}: the HTML edition`, () => {
    let model: Document;
    let html: string;
    let page: DefaultTreeAdapterMap['document'];
    beforeAll(async () => {
      const { packs } = await selectPacks(projectRoot, [packId]);
      model = (await planPack(projectRoot, packs[0]!, new DataFileCache(projectRoot))).document!;
      html = readFileSync(outputFile(packId, 'html'), 'utf8');
      page = parse(html);
    });

    it('says its language and title, from the document model', () => {
      const root = byTag(page, 'html')[0]!;
      expect(attribute(root, 'lang')).toBe(model.meta.language);
      // The page's own title; a drawing's <svg> has a <title> of its own, its alt text (tests/drawings.test.ts).
      expect(byTag(byTag(page, 'head')[0]!, 'title').map(textOf)).toEqual([model.meta.title]);
      expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    });

    it('starts with a skip link to <main>, and has one header, nav, main and footer', () => {
      const body = byTag(page, 'body')[0]!;
      const first = elements(body).find((e) => e.tagName === 'a')!;
      expect(attribute(first, 'href')).toBe('#main');
      const target = elements(page).filter((e) => attribute(e, 'id') === 'main');
      expect(target.map((e) => e.tagName)).toEqual(['main']);
      for (const landmark of ['header', 'nav', 'main', 'footer']) expect(byTag(page, landmark), landmark).toHaveLength(1);
      expect(squashSpaces(textOf(byTag(page, 'footer')[0]!))).toBe(model.meta.footer);
      // The cover's title and subtitle are the header's.
      const cover = model.blocks.filter((b): b is Extract<Block, { type: 'cover' }> => b.type === 'cover');
      expect(cover.length).toBe(1);
      for (const inlines of [cover[0]!.title, cover[0]!.subtitle]) expect(textOf(byTag(page, 'header')[0]!)).toContain(plainText(inlines));
    });

    it('lists the contents as an ordered list of links, each to a section heading that is there', () => {
      const nav = byTag(page, 'nav')[0]!;
      const named = attribute(nav, 'aria-labelledby');
      const contentsTitle = model.blocks.flatMap((b) => (b.type === 'contents' ? [b.title] : []))[0]!;
      expect(textOf(elements(page).find((e) => attribute(e, 'id') === named)!)).toBe(contentsTitle);
      const lists = byTag(nav, 'ol');
      expect(lists).toHaveLength(1);
      const links = byTag(lists[0]!, 'a');
      const sections = model.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 1);
      expect(links.map((a) => [attribute(a, 'href'), textOf(a)])).toEqual(sections.map((h) => [`#${h.id}`, plainText(h.children)]));
      const h1s = new Map(byTag(page, 'h1').map((h) => [attribute(h, 'id'), h]));
      for (const link of links) expect(h1s.has(attribute(link, 'href')!.slice(1)), attribute(link, 'href')).toBe(true);
    });

    it('gives every element a different id, and every link within the page a target', () => {
      const ids = elements(page).flatMap((e) => attribute(e, 'id') ?? []);
      expect(new Set(ids).size).toBe(ids.length);
      const internal = byTag(page, 'a').flatMap((a) => (attribute(a, 'href')?.startsWith('#') ? [attribute(a, 'href')!.slice(1)] : []));
      expect(internal.filter((id) => !ids.includes(id))).toEqual([]);
    });

    it('has the model’s headings, in order, at their levels, and never skips a level', () => {
      const headings = byTag(page, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6');
      const levels = headings.map((h) => Number(h.tagName[1]));
      expect(levels[0]).toBe(1);
      levels.forEach((level, i) => {
        if (i > 0) expect(level, textOf(headings[i]!)).toBeLessThanOrEqual(levels[i - 1]! + 1);
      });
      const main = byTag(page, 'main')[0]!;
      const modelHeadings = model.blocks.flatMap((b) => (b.type === 'heading' ? [[`h${b.level}`, b.id, plainText(b.children)]] : []));
      expect(byTag(main, 'h1', 'h2', 'h3').map((h) => [h.tagName, attribute(h, 'id'), textOf(h)])).toEqual(modelHeadings);
    });

    it('gives every table a caption and column headers with scope="col" (the key facts: row headers with scope="row")', () => {
      const [facts, ...tables] = byTag(page, 'table');
      const modelFacts = model.blocks.flatMap((b) => (b.type === 'cover' ? b.facts : []));
      if (modelFacts.length === 0) tables.unshift(facts!);
      else {
        expect(attribute(facts!, 'class')).toBe('key-facts');
        expect(byTag(facts!, 'th').map((th) => [attribute(th, 'scope'), textOf(th)])).toEqual(modelFacts.map((fact) => ['row', plainText(fact.label)]));
      }
      expect(tables.length).toBe(model.blocks.filter((b) => b.type === 'table').length);
      for (const table of tables) {
        const first = table.childNodes.find(isElement)!;
        expect(first.tagName).toBe('caption');
        expect(textOf(first).trim()).not.toBe('');
        const headers = byTag(table, 'th');
        expect(headers.length).toBeGreaterThan(0);
        for (const th of headers) expect(attribute(th, 'scope')).toBe('col');
        expect(byTag(table, 'thead')).toHaveLength(1);
      }
    });

    it('shows every picture in a figure, from inside the file, with its alternative text', () => {
      // The theme's logo heads the page, on the cover; every other picture is the model's, in a figure.
      const logos = byTag(page, 'img').filter((img) => attribute(img, 'class') === 'logo');
      expect(logos.map((img) => attribute(img, 'alt'))).toEqual(model.meta.theme?.logo ? [model.meta.theme.logo.alt] : []);
      const inHeader = (node: Node): boolean => {
        const parent = node.parentNode;
        return parent !== null && isElement(parent) && (parent.tagName === 'header' || inHeader(parent));
      };
      for (const logo of logos) {
        expect(attribute(logo, 'src')).toMatch(/^data:image\/(svg\+xml|png);base64,/);
        expect(inHeader(logo)).toBe(true);
      }
      const images = byTag(page, 'img').filter((img) => attribute(img, 'class') !== 'logo');
      const modelImages = model.blocks.filter((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
      expect(images.map((img) => attribute(img, 'alt'))).toEqual(modelImages.map((b) => b.alt));
      for (const img of images) {
        expect(attribute(img, 'alt')!.trim()).not.toBe('');
        expect(attribute(img, 'src')).toMatch(/^data:image\/(png|jpeg);base64,/);
        expect(img.parentNode && isElement(img.parentNode) ? img.parentNode.tagName : '').toBe('figure');
      }
    });

    it('is one file: its style inside, no script, nothing fetched from elsewhere', () => {
      expect(byTag(page, 'script', 'link', 'iframe', 'object', 'embed')).toEqual([]);
      expect(byTag(page, 'style')).toHaveLength(1);
      for (const element of elements(page)) {
        const src = attribute(element, 'src');
        if (src !== undefined) expect(src.startsWith('data:')).toBe(true);
      }
      const style = textOf(byTag(page, 'style')[0]!.childNodes[0]!);
      // The only url() a page may hold is a theme's font, inside it as a data: URL.
      expect(style).not.toMatch(/@import/);
      for (const [url] of style.matchAll(/url\([^)]*\)/g)) expect(url).toMatch(/^url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\)$/);
      // Readable on a phone, and printable without the contents.
      expect(byTag(page, 'meta').some((m) => attribute(m, 'name') === 'viewport')).toBe(true);
      expect(style).toMatch(/@media print \{[^@]*nav, \.skip-link \{ display: none; \}/);
    });

    it('starts a printed page where the model breaks the page before a section', () => {
      const broken = new Set<string>();
      model.blocks.forEach((b, i) => {
        if (b.type === 'heading' && model.blocks[i - 1]?.type === 'pageBreak') broken.add(b.id);
      });
      expect(broken.size).toBeGreaterThan(0);
      for (const h of byTag(byTag(page, 'main')[0]!, 'h1', 'h2', 'h3')) {
        expect(attribute(h, 'class')?.split(' ').includes('break-before') ?? false, attribute(h, 'id')).toBe(broken.has(attribute(h, 'id')!));
      }
    });
  });
}

describe('the HTML writer', () => {
  const document = (blocks: Block[], meta: Partial<Document['meta']> = {}): Document => ({
    meta: {
      title: 'Title',
      subject: 'Subject',
      author: 'Author',
      language: 'cy-GB',
      keywords: [],
      date: new Date('2020-12-14T12:00:00Z'),
      footer: 'Footer',
      version: '1.0.0',
      versionDate: '2020-12-14',
      ...meta,
    },
    blocks,
  });
  const text = (t: string) => [{ type: 'text' as const, text: t }];

  it('writes text as data: markup in a pack’s words is shown, never obeyed', () => {
    const hostile = `<script>alert("x")</script> & 'quoted' "too"`;
    const page = parse(
      htmlDocument(
        document(
          [
            { type: 'heading', level: 1, id: 'a"b', children: text(hostile) },
            { type: 'paragraph', style: 'normal', children: [{ type: 'link', href: 'https://example.org/?a=1&b="2"', children: text(hostile) }] },
            { type: 'table', header: [text(hostile)], rows: [[text(hostile)]] },
            { type: 'image', format: 'png', data: new Uint8Array([1, 2, 3]), width: 1, height: 1, alt: hostile },
          ],
          { title: hostile, footer: hostile, language: 'en" onload="x' },
        ),
      ),
    );
    expect(byTag(page, 'script')).toEqual([]);
    expect(textOf(byTag(page, 'title')[0]!)).toBe(hostile);
    expect(attribute(byTag(page, 'html')[0]!, 'lang')).toBe('en" onload="x');
    expect(attribute(byTag(page, 'h1')[0]!, 'id')).toBe('a"b');
    expect(textOf(byTag(page, 'h1')[0]!)).toBe(hostile);
    const link = byTag(page, 'a').find((a) => attribute(a, 'href')!.startsWith('https:'))!;
    expect(attribute(link, 'href')).toBe('https://example.org/?a=1&b="2"');
    expect(textOf(link)).toBe(hostile);
    expect(byTag(page, 'th', 'td').map(textOf)).toEqual([hostile, hostile]);
    expect(attribute(byTag(page, 'img')[0]!, 'alt')).toBe(hostile);
    expect(squashSpaces(textOf(byTag(page, 'footer')[0]!))).toBe(squashSpaces(hostile));
  });

  it('numbers a list from its start, captions a picture with the caption after it, and names a table with no heading by its first header cell', () => {
    const page = parse(
      htmlDocument(
        document([
          { type: 'table', header: [text('Grade'), text('Salary')], rows: [[text('A'), text('£1')]] },
          { type: 'list', ordered: true, start: 3, items: [[{ type: 'paragraph', style: 'normal', children: text('three') }]] },
          { type: 'list', ordered: true, items: [[{ type: 'paragraph', style: 'normal', children: text('one') }]] },
          { type: 'image', format: 'jpeg', data: new Uint8Array([255, 216]), width: 4, height: 3, alt: 'A chart' },
          { type: 'paragraph', style: 'caption', children: text('Figure 1: the chart') },
        ]),
      ),
    );
    expect(byTag(page, 'caption').map(textOf)).toEqual(['Grade']);
    expect(byTag(page, 'ol').map((ol) => attribute(ol, 'start'))).toEqual(['3', undefined]);
    const figure = byTag(page, 'figure')[0]!;
    expect(byTag(figure, 'figcaption').map(textOf)).toEqual(['Figure 1: the chart']);
    // The caption is the figure's, not a paragraph of its own as well.
    expect(byTag(page, 'p').map(textOf)).not.toContain('Figure 1: the chart');
  });

  it('gives two tables under one heading names of their own, as regions a screen reader lists', () => {
    const table = { type: 'table', header: [text('Grade')], rows: [[text('A')]] } as const;
    const page = parse(
      htmlDocument(document([{ type: 'heading', level: 2, id: 'pay', children: text('Pay') }, table, table])),
    );
    expect(byTag(page, 'caption').map(textOf)).toEqual(['Pay', 'Pay (table 2)']);
    // Each table's box is a <section> named by its caption: a region landmark without an ARIA role.
    const boxes = byTag(page, 'section').filter((s) => attribute(s, 'class') === 'table-scroll');
    expect(boxes.map((s) => attribute(s, 'aria-labelledby'))).toEqual(byTag(page, 'caption').map((c) => attribute(c, 'id')));
  });
});

describe('packs build --only html', () => {
  it('writes only the HTML edition, byte for byte the file a build of every format writes', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'packs-html-'));
    const run = await runCli(['build', 'met-dac-2021', '--only', 'html', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^✓ met-dac-2021 {2}HTML \d+ KB {2}\d+\.\d\d s\n/);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['met-dac-2021.html']);
    expect(readFileSync(path.join(out, 'met-dac-2021.html')).equals(readFileSync(outputFile('met-dac-2021', 'html')))).toBe(true);
    rmSync(out, { recursive: true, force: true });
  });
});
