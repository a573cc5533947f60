// Who to contact about the role: the `contacts:` of pack.yaml, checked as they are loaded (an
// email address, a telephone number kept as text, at least one way to reach them), and printed
// by the contacts section, read back from the built files against pack.yaml.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DataFileCache } from '../src/load/load-pack.js';
import { docxParagraphs, outputFile, pdfPages, projectRoot } from './support/read-outputs.js';
import { copyProject, runCli } from './support/project.js';

const id = 'wealdmere-head-of-housing-2027';
interface Contact {
  name: string;
  role?: string;
  email?: string;
  phone?: string;
}
const contacts = (parse(readFileSync(path.join(projectRoot, 'packs', id, 'pack.yaml'), 'utf8')) as { contacts: Contact[] }).contacts;
/** A contact's lines, as the contacts section prints them. */
const lines = (c: Contact) => [`${c.name}${c.role ? `, ${c.role}` : ''}`, ...(c.email ? [`Email: ${c.email}`] : []), ...(c.phone ? [`Telephone: ${c.phone}`] : [])];

describe('the contacts section', () => {
  it('has the data to show: the fictional council\'s pack names a contact', () => {
    expect(contacts.length).toBeGreaterThan(0);
  });

  it('prints each contact, with its role, email and telephone, at the end of the PDF', () => {
    const pages = pdfPages(outputFile(id, 'pdf'));
    const last = pages.at(-1)!.split('\n').map((l) => l.trim());
    const at = last.indexOf('Contacts');
    expect(at).toBeGreaterThanOrEqual(0);
    for (const contact of contacts) for (const line of lines(contact)) expect(last.slice(at)).toContain(line);
  });

  it('prints the same in the .docx', async () => {
    const paragraphs = (await docxParagraphs(outputFile(id, 'docx'))).map((p) => p.text);
    const from = paragraphs.lastIndexOf('Contacts');
    expect(from).toBeGreaterThan(0);
    const text = paragraphs.slice(from).join('\n');
    for (const contact of contacts) expect(text).toContain(lines(contact).join(''));
  });

  it('prints the same in the HTML edition, the email address a mailto: link', () => {
    const html = readFileSync(outputFile(id, 'html'), 'utf8');
    const section = html.slice(html.lastIndexOf('<h1 id="contacts"'));
    for (const contact of contacts) {
      expect(section).toContain(`<strong>${contact.name}</strong>`);
      if (contact.email) expect(section).toContain(`<a href="mailto:${contact.email}">${contact.email}</a>`);
      if (contact.phone) expect(section).toContain(`Telephone: ${contact.phone}`);
    }
  });
});

describe('a contact is checked as pack.yaml is loaded', () => {
  const base = path.join(projectRoot, 'tests', 'fixtures', 'base');
  const file = path.join(base, 'packs/sample-pack/pack.yaml');
  async function reported(contact: unknown): Promise<string[]> {
    const document = parseDocument(readFileSync(file, 'utf8'));
    document.set('contacts', [contact]);
    const { diagnostics } = await new DataFileCache(base, new Map([[file, stringify(document)]])).load('pack', file);
    return diagnostics.map((d) => `${d.code}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`);
  }

  it('takes a name with an email address, a telephone number, or both', async () => {
    expect(await reported({ name: 'The Recruitment Team', email: 'jobs@example.org' })).toEqual([]);
    expect(await reported({ name: 'The Recruitment Team', role: 'People', phone: '+44 1632 960 123' })).toEqual([]);
  });

  it('refuses an email address that is not one, a telephone number written as a number, and a contact with no way to reach them', async () => {
    const [email] = await reported({ name: 'A', email: 'jobs-at-example.org' });
    expect(email).toMatch(/`email` must be an email address, like name@example.org/);
    expect(await reported({ name: 'A', phone: 1632960123 })).toEqual(['invalid-value: contact "A": `phone` must be text, not a whole number (hint: put it in quotes: "1632960123")']);
    expect(await reported({ name: 'A', phone: 'call me' })).toEqual(['invalid-value: contact "A": `phone` must be a telephone number written in quotes, like "01632 960 123"']);
    const [unreachable] = await reported({ name: 'A' });
    expect(unreachable).toMatch(/gives no way to reach them \(hint: give `email:` or `phone:`, or both\)/);
  });
});

describe('a pack that lists the contacts section but gives no contacts', () => {
  it('prints no Contacts heading over nothing, in any format (as a pack with no timeline prints no selection process)', async () => {
    const root = copyProject();
    const file = path.join(root, 'packs', id, 'pack.yaml');
    const document = parseDocument(readFileSync(file, 'utf8'));
    document.delete('contacts');
    writeFileSync(file, stringify(document));
    const run = await runCli(['build', '--root', root, '--out', path.join(root, 'out'), '--today', '2026-01-01', id]);
    expect(run.status, run.stderr).toBe(0);
    const built = (ext: string) => path.join(root, 'out', `${id}.${ext}`);
    expect(pdfPages(built('pdf')).join('\n')).not.toMatch(/^\s*Contacts\s*$/m);
    expect((await docxParagraphs(built('docx'))).map((p) => p.text)).not.toContain('Contacts');
    expect(readFileSync(built('html'), 'utf8')).not.toContain('>Contacts<');
    rmSync(root, { recursive: true, force: true });
  }, 60_000);
});
