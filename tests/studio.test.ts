// The studio as a recruiter uses it: `packs studio` started on a copy of the
// project (with a variant of the DAC pack added, so that the Met chief officers'
// pay scale is printed by two packs), driven in Debian's Chromium by
// playwright-core. A refused edit is shown beside its field and changes nothing;
// a saved one changes the preview, the change log and the version; a shared
// salary names the other packs it changes; requests from elsewhere are refused;
// axe-core finds nothing on any page; the keyboard alone saves a field.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import axe from 'axe-core';
import { HtmlValidate } from 'html-validate';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, WCAG_22_A_AND_AA } from './support/chromium.js';
import { parse } from 'yaml';
import { copyProject } from './support/project.js';
import { docxXml, projectRoot } from './support/read-outputs.js';

const DAC = 'met-dac-2021';
const VARIANT = 'met-dac-2021-frontline';
interface Running {
  child: ChildProcess;
  url: string;
  port: number;
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Starts `packs studio` on a project and waits for the address it prints. */
async function startStudio(root: string, today = '2021-01-04'): Promise<Running> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), 'studio', '--root', root, '--today', today], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const look = setInterval(() => {
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
      if (found) {
        clearInterval(look);
        resolve(found[0]);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(look);
      reject(new Error(`the studio stopped (${code}): ${stderr}`));
    });
  });
  return { child, url, port: Number(new URL(url).port), stdout: () => stdout, exited };
}

/** A plain HTTP request, with whatever Host and headers a test gives (fetch does not let a page or a test set Host). */
function send(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

interface Violation {
  rule: string;
  where: string[];
}

/** axe-core's WCAG 2.2 A and AA violations on the page as it is now. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate((tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG_22_A_AND_AA);
  return results.violations.map((v) => ({ rule: v.id, where: v.nodes.map((n) => n.target.join(' ')) }));
}

/** What html-validate finds wrong with the page as the studio sent it, by the project's rules (.htmlvalidate.json). */
async function htmlProblems(html: string): Promise<string[]> {
  const validator = new HtmlValidate(JSON.parse(readFileSync(path.join(projectRoot, '.htmlvalidate.json'), 'utf8')));
  const report = await validator.validateString(html);
  return report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

/** The secret the studio's forms carry. */
async function secretOf(port: number): Promise<string> {
  const page = await send(port, { path: `/packs/${DAC}`, headers: { Host: `127.0.0.1:${port}` } });
  return /name="secret" value="([^"]+)"/.exec(page.body)![1]!;
}

/** A field's form's id, as the studio makes it: its name, each dot as two underscores. */
const fieldId = (name: string) => `field-${name.replace(/\./g, '__')}`;

let root: string;
let studio: Running;
let browser: Browser;
let context: BrowserContext;
const file = (relative: string) => readFileSync(path.join(root, relative));

beforeAll(async () => {
  root = copyProject();
  // A variant of the DAC pack: it prints the DAC's pay, from the shared Met chief officers' scale.
  const packYaml = path.join(root, 'packs', DAC, 'pack.yaml');
  writeFileSync(packYaml, `${readFileSync(packYaml, 'utf8')}\nvariants:\n  - id: ${VARIANT}\n    set:\n      pack.subtitle: Deputy Assistant Commissioner, Frontline Policing – Selection Process\n`);
  studio = await startStudio(root);
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  // axe-core is added to the page as a script, which the studio's own policy (no script) would refuse.
  context = await browser.newContext({ bypassCSP: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (studio && studio.child.exitCode === null) studio.child.kill('SIGKILL');
});

describe('packs studio in a browser', () => {
  it('prints its address, with nothing secret in it, and opens nothing else', async () => {
    expect(studio.stdout()).toBe(`The studio is at ${studio.url}  (open it in your browser; Ctrl-C to stop)\n`);
    expect(studio.stdout()).not.toContain(await secretOf(studio.port));
  });

  it('lists every pack and variant with its state, filters them, and axe-core finds nothing', async () => {
    const page = await context.newPage();
    await page.goto(studio.url);
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split(/\s/)[0])).toEqual([DAC, `↳`, 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027']);
    expect(rows[1]).toContain(VARIANT);
    // Version, builds, errors, warnings, up to date.
    expect(rows[0]).toMatch(/1\.0\.0\tyes\t0\t0\t(yes|no)/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await htmlProblems((await send(studio.port, { path: '/', headers: { Host: `127.0.0.1:${studio.port}` } })).body)).toEqual([]);
    await page.getByLabel('Name contains').fill('wealdmere');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=wealdmere/);
    expect((await page.locator('tbody tr').allInnerTexts()).map((row) => row.split(/\s/)[0])).toEqual(['wealdmere-head-of-housing-2027']);
    await page.close();
  }, 60_000);

  it('refuses an interview on a bank holiday beside the field, changing nothing; then saves a working day, and the preview, change log and version follow', async () => {
    const timeline = `packs/${DAC}/timeline.yaml`;
    const before = file(timeline);
    const page = await context.newPage();
    await page.goto(`${studio.url}packs/${DAC}`);
    expect(await axeViolations(page)).toEqual([]);
    const form = page.locator(`[id="${fieldId('timeline.final-interview.date')}"]`);
    await form.getByLabel('Date of Final Interview Panel').fill('2021-04-05');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/packs/${DAC}/set`)), form.getByRole('button', { name: 'Save' }).click()]);
    expect(refused.status()).toBe(422);
    await page.waitForLoadState('load');
    const input = page.locator(`[id="${fieldId('timeline.final-interview.date')}-value"]`);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator(`[id="${fieldId('timeline.final-interview.date')}-error"]`);
    expect(await error.innerText()).toContain('Easter Monday');
    expect((await input.getAttribute('aria-describedby'))!.split(' ')).toContain(`${fieldId('timeline.final-interview.date')}-error`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`${fieldId('timeline.final-interview.date')}-value`);
    expect(await page.getByRole('status').innerText()).toContain('Not saved');
    expect(file(timeline).equals(before)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await htmlProblems(await refused.text())).toEqual([]);

    // The same field, a working day: saved, and the preview shows it.
    expect(await page.frameLocator('iframe').locator('main').innerText()).not.toContain('Thursday 21st January 2021');
    await page.locator(`[id="${fieldId('timeline.final-interview.date')}-value"]`).fill('2021-01-21');
    await page.locator(`[id="${fieldId('timeline.final-interview.date')}-note"]`).fill('the panel moved a day');
    await Promise.all([page.waitForURL(/saved=/), page.locator(`[id="${fieldId('timeline.final-interview.date')}"]`).getByRole('button', { name: 'Save' }).click()]);
    // The variant prints the DAC's timeline too: it shares the DAC's version and change log.
    expect(await page.getByRole('status').innerText()).toBe(`Saved: Date of Final Interview Panel Wednesday 20 January 2021 → Thursday 21 January 2021; version 1.0.1. This also changes ${VARIANT}`);
    // The page opens at the field saved, so the message is beside it as well as at the top.
    expect(await page.locator(`[id="${fieldId('timeline.final-interview.date')}"] .saved`).innerText()).toBe(await page.getByRole('status').innerText());
    expect(await page.locator('main > p').first().innerText()).toContain('version 1.0.1');
    expect(await page.frameLocator('iframe').locator('main').innerText()).toContain('Thursday 21st January 2021');
    expect(file(timeline).toString()).toContain('date: 2021-01-21');
    const changelog = file(`packs/${DAC}/changelog.yaml`).toString();
    expect(changelog).toContain('field: "timeline.final-interview.date"\n  old: "2021-01-20"\n  new: "2021-01-21"\n  note: "the panel moved a day"');
    expect(changelog).toContain('version: "1.0.1"');
    await page.close();
  }, 120_000);

  it('saves a salary on the shared scale with the keyboard alone, and says which other packs it changes', async () => {
    const page = await context.newPage();
    await page.goto(`${studio.url}packs/${DAC}`);
    const where = await page.locator(`[id="${fieldId('pay.basic')}-where"]`).innerText();
    // The variant prints the DAC's pay; the Deputy Director's pack has no pay at all.
    expect(where).toContain(`saving this also changes ${VARIANT}`);
    expect(where).not.toContain('met-deputy-director');
    // Tab to the field, type, Enter.
    const target = `${fieldId('pay.basic')}-value`;
    for (let tab = 0; tab < 200 && (await page.evaluate(() => document.activeElement?.id)) !== target; tab++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(target);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('160000');
    await Promise.all([page.waitForURL(/saved=/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('status').innerText()).toBe(`Saved: Basic Pay £156,693 → £160,000; version 1.0.2. This also changes ${VARIANT}`);
    expect(file('packs/shared/pay-scales/met-chief-officers.yaml').toString()).toContain('160000');
    expect(await page.frameLocator('iframe').locator('main').innerText()).toContain('£160,000');
    // The PDF, once built, says so too; it is offered as a download.
    const pdf = await send(studio.port, { path: `/packs/${DAC}/files/${DAC}.pdf?download=1`, headers: { Host: `127.0.0.1:${studio.port}` } });
    expect(pdf.status).toBe(200);
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(root, 'output', `${DAC}.pdf`), '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('£160,000');
    await page.close();
  }, 120_000);

  it('serves files with the right disposition, and nothing but the outputs of known packs', async () => {
    const host = { Host: `127.0.0.1:${studio.port}` };
    const answer = (p: string) =>
      new Promise<{ status: number; disposition: string | undefined }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: studio.port, path: p, headers: host }, (response) => {
          response.resume();
          resolve({ status: response.statusCode!, disposition: response.headers['content-disposition'] });
        })
          .on('error', reject)
          .end();
      });
    expect(await answer(`/packs/${DAC}/files/${DAC}.docx`)).toEqual({ status: 200, disposition: `attachment; filename="${DAC}.docx"` });
    expect(await answer(`/packs/${DAC}/files/${DAC}.pdf`)).toEqual({ status: 200, disposition: `inline; filename="${DAC}.pdf"` });
    expect((await answer(`/packs/${DAC}/files/..%2F..%2Fpacks%2F${DAC}%2Fpack.yaml`)).status).toBe(404);
    expect((await answer(`/packs/${DAC}/files/.packs-build-state.json`)).status).toBe(404);
    expect((await answer(`/packs/..%2Fpackage.json`)).status).toBe(404);
  });

  it('refuses a foreign Host, a foreign Origin, and a change without the secret', async () => {
    const port = studio.port;
    const ours = `http://127.0.0.1:${port}`;
    const secret = await secretOf(port);
    const scale = 'packs/shared/pay-scales/met-chief-officers.yaml';
    const before = file(scale);
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (headers: Record<string, string>, fields: Record<string, string>) =>
      send(port, { method: 'POST', path: `/packs/${DAC}/set`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: form(fields) });
    const change = { secret, field: 'pay.basic', value: '1' };

    // DNS rebinding: a page at another name that resolves to 127.0.0.1.
    expect((await send(port, { path: '/', headers: { Host: `attacker.example:${port}` } })).status).toBe(421);
    expect((await post({ Host: `attacker.example:${port}`, Origin: `http://attacker.example:${port}` }, change)).status).toBe(421);
    // Another site's form, even with the secret.
    expect((await post({ Host: `127.0.0.1:${port}`, Origin: 'https://attacker.example' }, change)).status).toBe(403);
    expect((await post({ Host: `127.0.0.1:${port}`, Referer: 'https://attacker.example/form' }, change)).status).toBe(403);
    expect((await post({ Host: `127.0.0.1:${port}` }, change)).status).toBe(403);
    // The studio's own origin, without the secret, or with another.
    expect((await post({ Host: `127.0.0.1:${port}`, Origin: ours }, { field: 'pay.basic', value: '1' })).status).toBe(403);
    expect((await post({ Host: `127.0.0.1:${port}`, Origin: ours }, { ...change, secret: 'guessed' })).status).toBe(403);
    expect(file(scale).equals(before)).toBe(true);
    // With everything right (by the studio's other name too), a change is taken.
    const taken = await post({ Host: `localhost:${port}`, Origin: `http://localhost:${port}` }, { ...change, value: '161000' });
    expect(taken.status).toBe(303);
  }, 60_000);

  it('shows an edit made meanwhile on the command line: the value, the version and the preview', async () => {
    const page = await context.newPage();
    const pack = `${studio.url}packs/wealdmere-head-of-housing-2027`;
    await page.goto(pack);
    expect(await page.frameLocator('iframe').locator('main').innerText()).toContain('£81,120');
    const set = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), 'set', 'wealdmere-head-of-housing-2027', 'pay.basic.hs2-4', '82000', '--root', root, '--today', '2021-01-04'], { encoding: 'utf8' });
    expect(set.status, set.stderr).toBe(0);
    await page.goto(pack);
    expect(await page.locator(`[id="${fieldId('pay.basic.hs2-4')}-value"]`).inputValue()).toBe('82000');
    expect(await page.locator('main > p').first().innerText()).toContain('version 1.0.1');
    expect(await page.frameLocator('iframe').locator('main').innerText()).toContain('£82,000');
    await page.close();
  }, 60_000);

  it('approves the working version, then compares a change with it, side by side and as a Word redline', async () => {
    const page = await context.newPage();
    const review = `${studio.url}packs/${DAC}/review`;
    await page.goto(`${studio.url}packs/${DAC}`);
    await Promise.all([page.waitForURL(review), page.getByRole('link', { name: 'Review changes and approve' }).click()]);
    expect(await page.locator('main').innerText()).toContain('No version of this pack has been approved yet, so there is nothing to compare with.');
    expect(await axeViolations(page)).toEqual([]);
    const version = /working version (\d+\.\d+\.\d+)/.exec(await page.locator('main > p').first().innerText())![1]!;
    await page.getByLabel('Your name').fill('Jo Bloggs');
    await Promise.all([page.waitForURL(/review\?saved=/), page.getByRole('button', { name: `Approve version ${version}` }).click()]);
    expect(await page.getByRole('status').innerText()).toBe(`Approved: version ${version}, by Jo Bloggs`);
    const record = parse(file(`approved/${DAC}/approvals.yaml`).toString()) as { version: string; by: string }[];
    expect(record.map(({ version, by }) => ({ version, by }))).toEqual([{ version, by: 'Jo Bloggs' }]);
    expect(await page.locator('main').innerText()).toContain(`The working pack (version ${version}) says the same as version ${version}: no differences.`);

    // A change after the approval: the review lists it, shows the words side by side, and the redline marks it.
    await page.goto(`${studio.url}packs/${DAC}`);
    await page.locator(`[id="${fieldId('timeline.final-interview.date')}-value"]`).fill('2021-01-22');
    await Promise.all([page.waitForURL(/saved=/), page.locator(`[id="${fieldId('timeline.final-interview.date')}"]`).getByRole('button', { name: 'Save' }).click()]);
    await page.goto(review);
    expect(await page.locator('main ul').first().innerText()).toContain('Selection process › Final Interview Panel: 21st January 2021 → 22nd January 2021');
    const sideBySide = page.frameLocator('iframe');
    // The fact in the table of changes, then the changed word in the section's text.
    expect(await sideBySide.locator('del').allInnerTexts()).toEqual(expect.arrayContaining(['21st January 2021', '21st']));
    expect(await sideBySide.locator('ins').allInnerTexts()).toEqual(expect.arrayContaining(['22nd January 2021', '22nd']));
    expect(await axeViolations(page)).toEqual([]);
    expect(await htmlProblems((await send(studio.port, { path: `/packs/${DAC}/review`, headers: { Host: `127.0.0.1:${studio.port}` } })).body)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the Word redline' }).click()]);
    expect(download.suggestedFilename()).toBe(`${DAC}-changes-since-${version}.docx`);
    const redline = path.join(root, 'output', 'downloaded-redline.docx');
    await download.saveAs(redline);
    const xml = await docxXml(redline, 'word/document.xml');
    expect(xml).toMatch(/<w:del [^>]*>(?:(?!<\/w:del>)[\s\S])*<w:delText[^>]*>21st<\/w:delText>/);
    expect(xml).toMatch(/<w:ins [^>]*>(?:(?!<\/w:ins>)[\s\S])*<w:t[^>]*>22nd<\/w:t>/);
    // The home page names the version approved last.
    await page.goto(studio.url);
    expect((await page.locator('tbody tr').first().innerText()).split('\t').at(-1)).toBe(version);
    await page.close();
  }, 120_000);

  it('stops on Ctrl-C with exit status 0', async () => {
    studio.child.kill('SIGINT');
    expect(await studio.exited).toBe(0);
    expect(studio.stdout()).toMatch(/The studio has stopped\.\n$/);
  }, 60_000);
});

describe('the errors and warnings on a pack’s page', () => {
  it('link to the field they are about, and count on the home page', async () => {
    // Checked as of 12 January 2021, the DAC's closing date (the 11th) has passed: a warning on that field.
    const copy = copyProject();
    const running = await startStudio(copy, '2021-01-12');
    try {
      const page = await context.newPage();
      await page.goto(`${running.url}?show=warnings`);
      expect(await page.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^met-dac-2021\s.*\t1\.0\.0\tyes\t0\t1\t/s)]);
      await page.getByRole('link', { name: DAC }).click();
      await page.waitForURL(`${running.url}packs/${DAC}`);
      const warning = page.locator('h2#diagnostics + ul li');
      expect(await warning.allInnerTexts()).toEqual([expect.stringMatching(/^Warning packs\/met-dac-2021\/timeline\.yaml:\d+:11: stage "Application Pack" is on 2021-01-11, which is before today \(2021-01-12\)/)]);
      expect(await warning.getByRole('link').getAttribute('href')).toBe(`#${fieldId('timeline.application.date')}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    } finally {
      running.child.kill('SIGINT');
      expect(await running.exited).toBe(0);
    }
  }, 60_000);
});
