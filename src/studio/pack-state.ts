// What the studio shows of a pack, worked out from the project's files each time
// a page is asked for (no database: the files are the data): the checks
// `packs validate` runs, the fields `packs set` can change, and where each is.
import path from 'node:path';
import { sortDiagnostics, uniqueDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceText } from '../diagnostics/position.js';
import { fieldsOf, type Field } from '../edit/fields.js';
import { DataFileCache, loadPack } from '../load/load-pack.js';
import { findPacks } from '../load/project.js';
import { completePack } from '../pack/loaded-pack.js';
import type { PackLocation } from '../pack/location.js';
import { MAX_TEXT_FILE_BYTES, readProjectFile } from '../pack/project-files.js';
import { planSettledPack } from '../pipeline/build.js';
import { printsField } from '../pipeline/set-field.js';

export interface PackRow {
  location: PackLocation;
  title: string;
  version: string;
  builds: boolean;
  errors: number;
  warnings: number;
}

export interface FieldView {
  field: Field;
  /** Its group on the page, as the pack's sections are: "Timeline", "Pay", "How to apply", ... */
  group: string;
  /** The line of its value in its file. */
  line: number;
  /** The span of its value in its file's text. */
  span: { start: number; end: number };
  /** For a field in a shared file: the other packs that print it, and so change with it. */
  alsoChanges: string[];
}

export interface PlacedDiagnostic {
  diagnostic: Diagnostic;
  /** "file:line:column", or the file alone for a finding about the whole file. */
  where: string;
  /** The field it is about, when the form has it. */
  field?: string;
}

export interface PackView extends PackRow {
  fields: FieldView[];
  diagnostics: PlacedDiagnostic[];
}

/** The group a field is shown in, from its name. */
function groupOf(name: string): string {
  if (name.startsWith('timeline.')) return 'Timeline';
  if (name.startsWith('pay.') || name.startsWith('salary.')) return 'Pay';
  if (name.startsWith('applications.')) return 'How to apply';
  const first = name.split('.')[0]!;
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** The order of the groups on the page; others follow, in the order their fields come. */
const GROUP_ORDER = ['Timeline', 'Pay', 'How to apply'];

export class ProjectState {
  constructor(
    readonly root: string,
    private readonly today: () => string,
  ) {}

  packs(): Promise<PackLocation[]> {
    return findPacks(this.root);
  }

  async find(id: string): Promise<PackLocation | undefined> {
    return (await this.packs()).find((p) => p.id === id);
  }

  /** Every pack and variant, checked. */
  async rows(): Promise<PackRow[]> {
    const cache = new DataFileCache(this.root);
    const rows: PackRow[] = [];
    for (const location of await this.packs()) rows.push((await this.check(location, cache)).row);
    return rows;
  }

  private async check(location: PackLocation, cache: DataFileCache) {
    const plan = await planSettledPack(this.root, location, cache, { today: this.today() });
    const loaded = await loadPack(location, cache); // the files the plan read, not read again
    const data = loaded.pack?.pack.data as { title?: string; subtitle?: string; version?: string } | undefined;
    const diagnostics = sortDiagnostics(uniqueDiagnostics(plan.diagnostics));
    const row: PackRow = {
      location,
      title: [data?.title, data?.subtitle].filter(Boolean).join(': ') || location.id,
      version: data?.version ?? '',
      builds: plan.document !== undefined,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    };
    return { row, diagnostics, pack: loaded.pack ? completePack(loaded.pack) : undefined };
  }

  /** One pack, with its fields and its diagnostics placed. */
  async view(location: PackLocation): Promise<PackView> {
    const cache = new DataFileCache(this.root);
    const { row, diagnostics, pack } = await this.check(location, cache);
    const all = await this.packs();
    const fields: FieldView[] = [];
    for (const field of pack ? fieldsOf(pack) : []) {
      const node = field.file.document.getIn(field.path, true) as { range?: [number, number, number] };
      const start = node.range?.[0] ?? 0;
      const end = node.range?.[1] ?? start;
      const alsoChanges: string[] = [];
      if (field.shared) {
        for (const other of all) if (other.id !== location.id && (await printsField(other, field, cache, false))) alsoChanges.push(other.id);
      }
      const line = new SourceText(field.file.source).positionOf(start).line;
      fields.push({ field, group: groupOf(field.name), line, span: { start, end }, alsoChanges });
    }
    const rank = (group: string) => (GROUP_ORDER.includes(group) ? GROUP_ORDER.indexOf(group) : GROUP_ORDER.length);
    fields.sort((a, b) => rank(a.group) - rank(b.group)); // stable: within a group, the pack's order
    const texts = new Map<string, SourceText | undefined>();
    const textOf = (file: string) => {
      if (!texts.has(file)) {
        const read = readProjectFile(this.root, path.join(this.root, file), MAX_TEXT_FILE_BYTES);
        texts.set(file, read.ok ? new SourceText(new TextDecoder('utf-8').decode(read.bytes)) : undefined);
      }
      return texts.get(file);
    };
    const placed = diagnostics.map((d): PlacedDiagnostic => {
      const text = textOf(d.file);
      const place = d.span && text ? text.positionOf(d.span.start) : undefined;
      const where = place ? `${d.file}:${place.line}:${place.column}` : d.file;
      // About a field the form has: its span falls on the field's value.
      const about = d.span && fields.find((f) => f.field.file.file === d.file && d.span!.start < Math.max(f.span.end, f.span.start + 1) && d.span!.end >= f.span.start);
      return { diagnostic: d, where, ...(about ? { field: about.field.name } : {}) };
    });
    return { ...row, fields, diagnostics: placed };
  }
}
