// The theme's fonts in the web page: each face the page uses is inside it (an
// @font-face rule with a data: URL of a WOFF2 subset), body text is set in the
// body family and headings in the headings family, and the browser really draws
// with them: Source Serif 4 is not installed on the machine, so Chromium can only
// have it from the page. Read back from the page and from Chromium.
import axe from 'axe-core';
import * as fontkit from 'fontkit';
import { HtmlValidate } from 'html-validate';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { DataFileCache } from '../src/load/load-pack.js';
import type { Document, FontFamily } from '../src/model/document.js';
import { DEFAULT_THEME } from '../src/model/default-theme.js';
import { shippedFontFamily } from '../src/pack/shipped-fonts.js';
import { PREVIEW_POLICY } from '../src/studio/server.js';
import { writeHtml } from '../src/writers/html/index.js';
import { chromiumPath, WCAG_22_A_AND_AA } from './support/chromium.js';
import { projectRoot } from './support/read-outputs.js';

const BODY = 'Liberation Sans';
const HEADINGS = 'Source Serif 4';

/** A family's faces as fresh copies of its bytes, so that nothing can hang on the objects' identity. */
function copied(family: FontFamily): FontFamily {
  const copy = (bytes: Uint8Array) => new Uint8Array(bytes);
  return { family: family.family, regular: copy(family.regular), bold: copy(family.bold), italic: copy(family.italic), boldItalic: copy(family.boldItalic) };
}

function themed(document: Document): Document {
  const fonts = { body: copied(shippedFontFamily(BODY)!), headings: copied(shippedFontFamily(HEADINGS)!) };
  return { ...document, meta: { ...document.meta, theme: { ...(document.meta.theme ?? DEFAULT_THEME), fonts } } };
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

interface Face {
  family: string;
  style: string;
  weight: string;
  display: string;
  woff2: Buffer;
}

/** The page's @font-face rules, each with its data: URL decoded. */
function fontFaces(html: string): Face[] {
  return [...html.matchAll(/@font-face \{([^}]*)\}/g)].map(([, rule]) => {
    const value = (name: string) => new RegExp(`${name}: ([^;]+);`).exec(rule!)?.[1] ?? '';
    const url = /src: url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\) format\("woff2"\)/.exec(rule!);
    return { family: value('font-family'), style: value('font-style'), weight: value('font-weight'), display: value('font-display'), woff2: Buffer.from(url?.[1] ?? '', 'base64') };
  });
}

let plain: Document;
let html: string;
let browser: Browser;

beforeAll(async () => {
  const { packs } = await selectPacks(projectRoot, ['met-dac-2021']);
  plain = (await planPack(projectRoot, packs[0]!, new DataFileCache(projectRoot))).document!;
  html = decode(await writeHtml(themed(plain)));
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function open(page: string, policy?: string): Promise<Page> {
  const tab = await browser.newPage();
  // Served as the studio serves its preview, when a policy is given; else set as the page's content.
  if (policy) {
    await tab.route('http://preview.test/', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': policy }, body: page }));
    await tab.goto('http://preview.test/', { waitUntil: 'load' });
  } else {
    await tab.setContent(page, { waitUntil: 'load' });
  }
  await tab.evaluate(() => document.fonts.ready);
  return tab;
}

/** The faces Chromium has loaded, as "family weight style". */
const loadedFaces = (tab: Page) => tab.evaluate(() => [...document.fonts].filter((face) => face.status === 'loaded').map((face) => `${face.family} ${face.weight} ${face.style}`).sort());

describe('the theme\'s fonts in the web page', () => {
  it('embeds each face it uses as WOFF2 of the right family, weight and style, covering every character the page prints', async () => {
    const faces = fontFaces(html);
    expect(faces.map((face) => `${face.family} ${face.weight} ${face.style}`)).toEqual([
      `"${BODY}" 400 normal`,
      `"${BODY}" 700 normal`,
      `"${BODY}" 400 italic`,
      `"${HEADINGS}" 700 normal`,
    ]);
    const tab = await open(html);
    const printed = await tab.evaluate(() => document.body.innerText);
    await tab.close();
    const characters = [...new Set(printed.replace(/\s/g, ''))];
    expect(characters.length).toBeGreaterThan(50);
    for (const face of faces) {
      expect(face.display).toBe('swap');
      expect(face.woff2.subarray(0, 4).toString('latin1')).toBe('wOF2');
      const font = fontkit.create(face.woff2);
      expect(`"${font.familyName}"`).toBe(face.family);
      expect((font['OS/2']?.usWeightClass ?? 400) >= 600 ? '700' : '400').toBe(face.weight);
      expect(font.italicAngle !== 0 ? 'italic' : 'normal').toBe(face.style);
      const covered = new Set(font.characterSet);
      expect(characters.filter((character) => !covered.has(character.codePointAt(0)!)), `${face.family} ${face.weight} ${face.style}`).toEqual([]);
      // A subset: far fewer characters than the whole font.
      expect(font.characterSet.length).toBeLessThan(200);
    }
  });

  it('leaves out a face the page never uses, and embeds one it does', async () => {
    // The DAC page sets no bold italic and no headings in the regular face (above). A heading with emphasis needs the headings' bold italic.
    const heading = plain.blocks.findIndex((block) => block.type === 'heading' && block.level === 2);
    const emphasised: Document = {
      ...plain,
      blocks: plain.blocks.map((block, i) => (i === heading && block.type === 'heading' ? { ...block, children: [{ type: 'emphasis', children: block.children }] } : block)),
    };
    const faces = fontFaces(decode(await writeHtml(themed(emphasised)))).map((face) => `${face.family} ${face.weight} ${face.style}`);
    expect(faces).toContain(`"${HEADINGS}" 700 italic`);
    expect(faces).not.toContain(`"${HEADINGS}" 400 normal`);
    expect(faces).not.toContain(`"${BODY}" 700 italic`);
  });

  it('Chromium loads the faces, sets a paragraph in the body family and the headings in the headings family, and draws with the embedded face', async () => {
    const tab = await open(html);
    expect(await loadedFaces(tab)).toEqual([`${BODY} 400 italic`, `${BODY} 400 normal`, `${BODY} 700 normal`, `${HEADINGS} 700 normal`]);
    const family = (selector: string) => tab.evaluate((s) => getComputedStyle(document.querySelector(s)!).fontFamily, selector);
    expect(await family('main p')).toMatch(new RegExp(`^"${BODY}", sans-serif`));
    expect(await family('main h1')).toMatch(new RegExp(`^"${HEADINGS}", serif`));
    expect(await family('header .title')).toMatch(new RegExp(`^"${HEADINGS}"`));
    expect(await family('header .organisation')).toMatch(new RegExp(`^"${HEADINGS}"`));
    expect(await family('#contents-title')).toMatch(new RegExp(`^"${HEADINGS}"`));
    expect(await family('footer p')).toMatch(new RegExp(`^"${BODY}"`));
    // Source Serif 4 is not installed: a line measured in it differs from the same line in monospace only if the page's face is drawn.
    const widths = (page: Page) =>
      page.evaluate((name) => {
        const context = document.createElement('canvas').getContext('2d')!;
        const width = (font: string) => {
          context.font = font;
          return context.measureText('Metropolitan Police Service').width;
        };
        return { embedded: width(`bold 40px "${name}", monospace`), fallback: width('bold 40px monospace') };
      }, HEADINGS);
    const drawn = await widths(tab);
    expect(drawn.embedded).not.toBe(drawn.fallback);
    await tab.close();
    // The same check on today's page (no theme fonts) finds no Source Serif 4 on the machine.
    const untouched = await open(decode(await writeHtml(plain)));
    const fallback = await widths(untouched);
    expect(fallback.embedded).toBe(fallback.fallback);
    await untouched.close();
  });

  it('the studio\'s preview policy lets the page\'s own fonts load (font-src data:) and nothing else', async () => {
    const tab = await open(html, PREVIEW_POLICY);
    expect(await loadedFaces(tab)).toEqual([`${BODY} 400 italic`, `${BODY} 400 normal`, `${BODY} 700 normal`, `${HEADINGS} 700 normal`]);
    await tab.close();
    expect(PREVIEW_POLICY.split(';').map((part) => part.trim()).filter((part) => part.startsWith('font-src'))).toEqual(['font-src data:']);
  });

  it('stays clean under axe (WCAG 2.2 A and AA) and html-validate', async () => {
    const tab = await open(html);
    await tab.addScriptTag({ content: axe.source });
    const results = await tab.evaluate((tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG_22_A_AND_AA);
    await tab.close();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    const report = await new HtmlValidate().validateString(html, path.join(projectRoot, 'themed.html'));
    expect(report.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)).toEqual([]);
    expect(fontFaces(html)).toHaveLength(4);
  });

  it('two builds write the same bytes, fonts and all', async () => {
    const again = decode(await writeHtml(themed(plain)));
    expect(fontFaces(again)).toHaveLength(4);
    expect(again).toBe(html);
  });
});
