// Images: a structure chart given as a picture is printed in
// both formats from the same bytes, and images that could hurt (too big, cut
// short, not images, outside the project, not files at all) are refused before
// anything decodes them. The rule-by-rule messages are in tests/fixtures/image-*.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeImage } from '../dist/load/image-file.js';
import { docxParts, docxXml, outputFile, pdfPages, projectRoot } from './support/read-outputs.js';
import { diagnosticLines, runCli } from './support/project.js';

// A real chart picture (the met-2020 chart before it was drawn from data), for the tests of pictures.
const chartBytes = readFileSync(path.join(projectRoot, 'tests/support/chart.png'));
const chart = { caption: 'Our structure', alt: 'Organisation chart of Sample Police' };

describe('a structure chart given as a picture', () => {
  const built = { pdf: '', docx: '' };
  beforeAll(async () => {
    const root = projectWithChart('chart.png');
    writeFileSync(path.join(root, 'packs/shared/chart.png'), chartBytes);
    const packFile = path.join(root, 'packs/sample-pack/pack.yaml');
    writeFileSync(packFile, readFileSync(packFile, 'utf8').replace('  - template: role-profile\n', '  - template: structure\n  - template: role-profile\n'));
    const out = path.join(root, 'out');
    const run = await runCli(['build', '--root', root, '--out', out, '--only', 'pdf', 'docx', '--today', '2021-01-01']);
    expect(run.status, run.stderr).toBe(0);
    built.pdf = path.join(out, 'sample-pack.pdf');
    built.docx = path.join(out, 'sample-pack.docx');
  }, 120_000);

  it('is on the PDF page of its caption, at its own pixel size', () => {
    const file = built.pdf;
    const page = pdfPages(file).findIndex((text) => text.includes(chart.caption)) + 1;
    expect(page).toBeGreaterThan(0);
    const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const images = list.map((line) => line.trim().split(/\s+/)).map((f) => ({ page: Number(f[0]), width: Number(f[3]), height: Number(f[4]) }));
    const info = probeImage(chartBytes);
    expect(images).toEqual([{ page, ...('width' in info ? { width: info.width, height: info.height } : {}) }]);
  });

  it('is in the .docx as the same bytes, with the alt text from the data file', async () => {
    const file = built.docx;
    const parts = docxParts(file);
    const media = [...parts.keys()].filter((name) => name.startsWith('word/media/'));
    // The picture, and the timeline's drawing (its SVG and PNG) after it.
    expect(media.filter((name) => Buffer.from(parts.get(name)!).equals(chartBytes))).toHaveLength(1);
    const xml = await docxXml(file, 'word/document.xml');
    const docPr = /<wp:docPr [^>]*>/.exec(xml)?.[0] ?? '';
    expect(docPr).toContain(`descr="${chart.alt}"`);
    // The picture keeps its shape: width / height in EMU as in pixels.
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(xml)!;
    const info = probeImage(chartBytes);
    if (!('width' in info)) throw new Error('the chart is not an image');
    expect(Number(extent[1]) / Number(extent[2])).toBeCloseTo(info.width / info.height, 2);
  });
});

/** The base fixture pack with a structure chart whose image is `image`. */
function projectWithChart(image: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'packs-image-'));
  cpSync(path.join(projectRoot, 'tests/fixtures/base'), root, { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  cpSync(path.join(projectRoot, 'tests/fixtures/image-not-found/packs/shared/organisation.yaml'), path.join(root, 'packs/shared/organisation.yaml'));
  const file = path.join(root, 'packs/shared/organisation.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('images/chrat.png', image));
  return root;
}

async function validate(root: string) {
  const run = await runCli(['validate', '--root', root, '--today', '2021-01-01']);
  return { status: run.status, lines: diagnosticLines(run.stderr), stderr: run.stderr };
}

describe('images refused before they are decoded', () => {
  it('a file over 10 MB, whatever it holds', async () => {
    const root = projectWithChart('big.png');
    writeFileSync(path.join(root, 'packs/shared/big.png'), Buffer.alloc(11 * 1024 * 1024));
    expect(await validate(root)).toMatchObject({
      status: 1,
      lines: ['packs/shared/organisation.yaml:19:12  error  image packs/shared/big.png is 11.0 MB; images may be at most 10 MB  [image-too-large]'],
    });
  });

  it('a symbolic link to an image outside the project', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'packs-outside-'));
    writeFileSync(path.join(outside, 'chart.png'), chartBytes);
    const root = projectWithChart('linked.png');
    symlinkSync(path.join(outside, 'chart.png'), path.join(root, 'packs/shared/linked.png'));
    expect(await validate(root)).toMatchObject({
      status: 1,
      lines: ['packs/shared/organisation.yaml:19:12  error  image "linked.png" is outside the project  [file-outside-project]'],
    });
  });

  it('a named pipe, which would never end, is not read', async () => {
    const root = projectWithChart('pipe.png');
    execFileSync('mkfifo', [path.join(root, 'packs/shared/pipe.png')]);
    expect(await validate(root)).toMatchObject({
      status: 1,
      lines: ['packs/shared/organisation.yaml:19:12  error  image packs/shared/pipe.png is a named pipe, not a file  [not-a-file]'],
    });
  });

  it('a template linked to a file outside the project is not read', async () => {
    const root = projectWithChart('chart.png');
    writeFileSync(path.join(root, 'packs/shared/chart.png'), chartBytes);
    const outside = mkdtempSync(path.join(tmpdir(), 'packs-outside-'));
    writeFileSync(path.join(outside, 'cover.md.hbs'), '# secret\n');
    const cover = path.join(root, 'templates/sections/cover.md.hbs');
    execFileSync('rm', [cover]);
    symlinkSync(path.join(outside, 'cover.md.hbs'), cover);
    const result = await validate(root);
    expect(result.status).toBe(1);
    expect(result.lines).toEqual(['templates/sections/cover.md.hbs  error  template templates/sections/cover.md.hbs links to a file outside the project  [file-outside-project]']);
  });
});

describe('reading image headers', () => {
  /** A JPEG's structure without real image data: enough for a header check, which decodes nothing. */
  const jpeg = (width: number, height: number, end = true) =>
    new Uint8Array([
      0xff, 0xd8, // SOI
      0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, // APP0, 2 bytes of payload
      0xff, 0xc2, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00, // SOF2 (progressive)
      0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, // SOS
      0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, // scan data with a stuffed byte and a restart marker
      ...(end ? [0xff, 0xd9] : []), // EOI
    ]);

  it('gives a JPEG size from its frame header, progressive ones too', () => {
    expect(probeImage(jpeg(1200, 800))).toEqual({ format: 'jpeg', width: 1200, height: 800 });
  });

  it('refuses a JPEG without its end marker as cut short', () => {
    expect(probeImage(jpeg(1200, 800, false))).toEqual({ kind: 'image-truncated', detail: 'the JPEG file ends before its end marker' });
  });

  it('refuses a JPEG claiming more than 25 megapixels without decoding it', () => {
    expect(probeImage(jpeg(65535, 65535))).toMatchObject({ kind: 'image-too-many-pixels' });
  });

  it('names what a file is when it is not a PNG or JPEG', () => {
    expect(probeImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
      kind: 'not-an-image',
      detail: 'it is an SVG drawing, not a PNG or JPEG image',
    });
    expect(probeImage(new Uint8Array([0, 1, 2, 3, 250, 251]))).toEqual({ kind: 'not-an-image', detail: 'it is not a PNG or JPEG image' });
  });
});
