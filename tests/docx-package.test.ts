// The .docx package as the Word writer zips it: the same bytes for the same
// document, the document's date in its properties and on every zip entry (as
// far as a zip can hold it), [Content_Types].xml first, and the facts attached.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBuiltFile } from '../src/diff/embedded-facts.js';
import type { Document } from '../src/model/document.js';
import { writeDocx } from '../src/writers/docx/index.js';

const facts = { format: 'recruitment-pack-facts/1', pack: { id: 'p', title: 'P', version: '1.0.0', date: '2021-03-04' }, facts: [], sections: [] };

const documentOn = (date: Date): Document => ({
  meta: {
    title: 'P',
    subject: 'S',
    author: 'Org',
    language: 'en-GB',
    keywords: [],
    date,
    footer: 'P · version 1.0.0',
    version: '1.0.0',
    versionDate: '2021-03-04',
    attachment: { name: 'pack-data.json', json: JSON.stringify(facts) },
  },
  blocks: [
    { type: 'heading', level: 1, id: 'one', children: [{ type: 'text', text: 'One & <two>' }] },
    { type: 'paragraph', style: 'normal', children: [{ type: 'link', href: 'https://example.org/', children: [{ type: 'text', text: 'a link' }] }] },
  ],
});

/** zipinfo's listing of each entry: its time (yyyymmdd.hhmmss) and name. */
function entryTimes(bytes: Uint8Array): { time: string; name: string }[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'packs-docx-')), 'p.docx');
  writeFileSync(file, bytes);
  return execFileSync('zipinfo', ['-T', file], { encoding: 'utf8' })
    .split('\n')
    .flatMap((line) => {
      const match = /\s(\d{8}\.\d{6})\s(.+)$/.exec(line);
      return match ? [{ time: match[1]!, name: match[2]! }] : [];
    });
}

describe('the .docx package', () => {
  it('is the same bytes for the same document, whatever was written before it in the process', async () => {
    const date = new Date('2021-03-04T12:00:00Z');
    const first = await writeDocx(documentOn(date));
    await writeDocx({ ...documentOn(date), blocks: [...documentOn(date).blocks, ...documentOn(date).blocks.slice(1)] });
    expect(Buffer.from(await writeDocx(documentOn(date))).equals(Buffer.from(first))).toBe(true);
  });

  it('carries the document’s date in its properties and, in UTC, on every entry, [Content_Types].xml first, in any time zone', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: a local time would show as the 4th at 23:08
    let bytes: Uint8Array;
    try {
      bytes = await writeDocx(documentOn(new Date('2021-03-04T09:08:06Z')));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const core = strFromU8(unzipSync(bytes)['docProps/core.xml']!);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2021-03-04T09:08:06Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2021-03-04T09:08:06Z</dcterms:modified>');
    const entries = entryTimes(bytes);
    expect(entries[0]!.name).toBe('[Content_Types].xml');
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.every((entry) => entry.time === '20210304.090806')).toBe(true);
  });

  it('dates its entries 1 January 1980, the earliest a zip holds, for a document dated before (SOURCE_DATE_EPOCH=0)', async () => {
    const bytes = await writeDocx(documentOn(new Date(0)));
    expect(strFromU8(unzipSync(bytes)['docProps/core.xml']!)).toContain('>1970-01-01T00:00:00Z</dcterms:created>');
    expect(new Set(entryTimes(bytes).map((entry) => entry.time))).toEqual(new Set(['19800101.000000']));
  });

  it('numbers the link’s relationship in order, and carries the facts for packs diff', async () => {
    const bytes = await writeDocx(documentOn(new Date('2021-03-04T12:00:00Z')));
    const rels = strFromU8(unzipSync(bytes)['word/_rels/document.xml.rels']!);
    expect(rels).toContain('Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"');
    expect(rels).toContain('Id="rIdPackData" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"');
    expect(readBuiltFile(Buffer.from(bytes)).facts).toEqual(facts);
  });
});
