// The HTML edition checked in a real browser: each sample pack's page is opened
// in headless Chromium and axe-core runs its WCAG 2.2 level A and AA rules over
// the page as rendered (colours, focus, names as the browser computes them);
// and the file is checked against the HTML standard by html-validate. A test
// with a page that breaks a rule shows the browser check can fail at all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { HtmlValidate } from 'html-validate';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, WCAG_22_A_AND_AA } from './support/chromium.js';
import { outputFile, projectRoot } from './support/read-outputs.js';

const PACKS = ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027'];

interface Violation {
  rule: string;
  help: string;
  where: string[];
}

/** axe-core's WCAG 2.2 A and AA violations on a page, each with the elements it found. */
async function axeViolations(browser: Browser, html: string, media: 'screen' | 'print' = 'screen'): Promise<Violation[]> {
  const page = await browser.newPage();
  try {
    await page.emulateMedia({ media });
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: axe.source });
    const results = await page.evaluate(
      (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      WCAG_22_A_AND_AA,
    );
    return results.violations.map((v) => ({ rule: v.id, help: v.help, where: v.nodes.map((n) => n.target.join(' ')) }));
  } finally {
    await page.close();
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('axe-core in headless Chromium', () => {
  for (const packId of PACKS) {
    // On screen, and as printed (the page's print style hides the contents and lets tables run full width).
    for (const media of ['screen', 'print'] as const) {
      it(`${packId} (${media}): no WCAG 2.2 A or AA violations`, async () => {
        const html = readFileSync(outputFile(packId, 'html'), 'utf8');
        expect(await axeViolations(browser, html, media)).toEqual([]);
      });
    }
  }

  it('reports a picture with no text alternative and text of too little contrast', async () => {
    const html =
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head><body><main>' +
      '<h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">' +
      '<p style="color:#aaaaaa;background:#ffffff">Grey on white, about 2.3 to 1</p></main></body></html>';
    const rules = (await axeViolations(browser, html)).map((v) => v.rule);
    expect(rules).toContain('image-alt');
    expect(rules).toContain('color-contrast');
  });
});

describe('html-validate (the HTML standard and its recommended rules)', () => {
  // The project's .htmlvalidate.json: html-validate:recommended.
  const validator = new HtmlValidate();
  for (const packId of PACKS) {
    it(`${packId}: no errors`, async () => {
      const file = outputFile(packId, 'html');
      const report = await validator.validateString(readFileSync(file, 'utf8'), path.join(projectRoot, `${packId}.html`));
      const errors = report.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      expect(errors).toEqual([]);
    });
  }

  it('reports an error in a page that breaks a rule', async () => {
    const report = await validator.validateString('<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>x</div></p></body></html>', path.join(projectRoot, 'broken.html'));
    expect(report.valid).toBe(false);
  });
});
