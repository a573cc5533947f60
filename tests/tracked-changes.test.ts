// Inserted and deleted content in the document model, as each writer writes it:
// Word's own tracked changes (attributed, dated, formatting kept, inside links,
// whole paragraphs with their paragraph marks), and in a PDF both texts, legible.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Block, Document, DocumentMeta, Inline } from '../src/model/document.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { writePdf } from '../src/writers/pdf/index.js';

const text = (value: string): Inline => ({ type: 'text', text: value });
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', style: 'normal', children });

const meta: DocumentMeta = {
  title: 'Pay',
  subject: 'A pack',
  author: 'Metropolitan Police Service',
  language: 'en-GB',
  keywords: [],
  date: new Date('2020-12-14T12:00:00Z'),
  footer: 'Pay · version 1.0.1',
  version: '1.0.1',
  versionDate: '2020-12-14',
  changes: { author: 'A Reviewer', date: new Date('2021-01-02T09:30:00Z') },
};

const marked: Document = {
  meta,
  blocks: [
    { type: 'heading', level: 1, id: 'pay', children: [text('Pay')] },
    paragraph(
      text('Basic pay is '),
      { type: 'strong', children: [{ type: 'deleted', children: [text('£156,693')] }, { type: 'inserted', children: [text('£160,115')] }] },
      text(', see '),
      { type: 'link', href: 'https://example.org/scale', children: [{ type: 'inserted', children: [text('the scale')] }] },
      text('.'),
    ),
    paragraph({ type: 'inserted', children: [text('A paragraph added.')] }),
    paragraph({ type: 'deleted', children: [text('A paragraph taken out.')] }),
    { type: 'list', ordered: false, items: [[paragraph(text('An item kept'))], [paragraph({ type: 'deleted', children: [text('An item taken out')] })]] },
    {
      type: 'table',
      header: [[text('Stage')], [text('Date')]],
      rows: [[[text('Interview')], [{ type: 'deleted', children: [text('20th')] }, { type: 'inserted', children: [text('27th')] }, text(' January')]]],
    },
  ],
};

async function partsOf(document: Document): Promise<{ body: string; settings: string }> {
  const parts = unzipSync(await writeDocx(document));
  return { body: strFromU8(parts['word/document.xml']!), settings: strFromU8(parts['word/settings.xml']!) };
}

/** The w:ins or w:del elements of a document.xml, whole. */
const revisions = (xml: string, tag: 'ins' | 'del') => [...xml.matchAll(new RegExp(`<w:${tag} [^>]*?(?:/>|>[\\s\\S]*?</w:${tag}>)`, 'g'))].map((m) => m[0]);

describe('the Word writer writes inserted and deleted content as tracked changes', () => {
  it('each change a revision, by the author and on the date the document gives, formatting kept', async () => {
    const { body, settings } = await partsOf(marked);
    const by = 'w:author="A Reviewer" w:date="2021-01-02T09:30:00Z"';
    // Bold carries into the deleted and the inserted run.
    expect(body).toContain(`<w:del w:id="1" ${by}><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:delText xml:space="preserve">£156,693</w:delText></w:r></w:del>`);
    expect(body).toContain(`<w:ins w:id="2" ${by}><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">£160,115</w:t></w:r></w:ins>`);
    // Inside a link the revision holds the link's runs (Word's revisions cannot hold a hyperlink).
    expect(body).toMatch(new RegExp(`<w:hyperlink [^>]*><w:ins w:id="3" ${by}><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">the scale</w:t></w:r></w:ins></w:hyperlink>`));
    // Cells hold revisions as paragraphs do.
    expect(body).toMatch(/<w:tc>[\s\S]*?<w:delText xml:space="preserve">20th<\/w:delText>[\s\S]*?<w:t xml:space="preserve">27th<\/w:t><\/w:r><\/w:ins><w:r><w:t xml:space="preserve"> January<\/w:t>/);
    // Every revision has an id of its own.
    const ids = [...revisions(body, 'ins'), ...revisions(body, 'del')].map((tag) => /w:id="(\d+)"/.exec(tag)![1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...revisions(body, 'ins'), ...revisions(body, 'del')].every((tag) => tag.includes(by))).toBe(true);
    // The document goes on tracking changes as it is edited.
    expect(settings).toContain('<w:trackRevisions/>');
  });

  it('marks the paragraph mark of a paragraph or list item wholly inserted or deleted, so accepting leaves no empty paragraph', async () => {
    const { body } = await partsOf(marked);
    const paragraphWith = (words: string) => [...body.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes(words))!;
    expect(paragraphWith('A paragraph added.')).toMatch(/<w:pPr>[\s\S]*<w:rPr><w:ins w:id="\d+" w:author="A Reviewer" w:date="2021-01-02T09:30:00Z"\/><\/w:rPr><\/w:pPr>/);
    expect(paragraphWith('A paragraph taken out.')).toMatch(/<w:pPr>[\s\S]*<w:rPr><w:del w:id="\d+" w:author="A Reviewer" w:date="2021-01-02T09:30:00Z"\/><\/w:rPr><\/w:pPr>/);
    expect(paragraphWith('An item taken out')).toMatch(/<w:numPr>[\s\S]*<w:rPr><w:del [^>]*\/><\/w:rPr><\/w:pPr>/);
    // A paragraph only partly changed keeps its mark.
    expect(paragraphWith('Basic pay is')).not.toMatch(/<w:pPr>[\s\S]*<w:rPr><w:(ins|del) /);
  });

  it('turns track changes on only for a document with changes', async () => {
    const plain: Document = { meta: { ...meta, changes: undefined }, blocks: [paragraph(text('Nothing changed.'))] };
    const { body, settings } = await partsOf(plain);
    expect(body).not.toMatch(/<w:(ins|del) /);
    expect(settings).not.toContain('trackRevisions');
  });

  it('attributes changes to the document’s author and date when it names no one else', async () => {
    const { body } = await partsOf({ ...marked, meta: { ...meta, changes: undefined } });
    expect(revisions(body, 'ins')[0]).toContain('w:author="Metropolitan Police Service" w:date="2020-12-14T12:00:00Z"');
  });
});

describe('the PDF writer prints inserted and deleted content', () => {
  it('shows both the old and the new words', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'packs-marks-')), 'marked.pdf');
    writeFileSync(file, await writePdf(marked));
    const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(printed).toContain('Basic pay is £156,693£160,115, see the scale.');
    expect(printed).toContain('A paragraph taken out.');
    expect(printed).toContain('20th27th January');
  });
});
