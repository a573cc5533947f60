// Composes a resolved pack into the document model: each section's template is
// rendered to Markdown, parsed into blocks, and placed by the section's layout.
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, Document, Inline, KeyFact } from '../model/document.js';
import { keyFacts } from '../resolve/key-facts.js';
import { LINK_HINT, linkProblem, linkTargets } from '../schema/links.js';
import { FACTS_FILE_NAME } from '../model/facts.js';
import { packFacts } from './facts.js';
import { plainText } from '../model/document.js';
import type { ResolvedPack } from '../resolve/resolve-pack.js';
import { dateToTimestamp } from '../pack/format.js';
import type { PackLocation } from '../pack/location.js';
import { markdownToBlocks } from './markdown.js';
import { drawingBlock } from './drawings/index.js';
import { letteringOf } from './drawings/glyphs.js';
import { DEFAULT_DRAWING_COLOURS } from './drawings/colours.js';
import { PlainValues } from './plain-values.js';
import { templateContextSchema } from '../resolve/template-context.js';
import { checkTemplateFields, checkTemplateSyntax } from './template-check.js';
import { checkTemplateCost } from './template-cost.js';
import { blockLimitProblems, renderedNestingProblem, unreadableNesting } from './text-limits.js';
import { checkPrintableTemplate } from '../validate/printable-text.js';
import { themeCoverage } from '../pack/printable.js';
import { partialSources } from './handlebars.js';
import { findTemplate, templateDiagnostic, type SectionTemplate } from './templates.js';
import { templateCandidates } from '../pack/template-files.js';
import { diagnosticAt, relativeName, type PathSegment, type YamlFile } from '../pack/data-file.js';
import { closest } from '../pack/suggest.js';

/** The target of every link in some blocks. */
function linkTargetsIn(blocks: Block[]): string[] {
  const inInlines = (inlines: Inline[]): string[] =>
    inlines.flatMap((inline) => (inline.type === 'link' ? [inline.href, ...inInlines(inline.children)] : 'children' in inline ? inInlines(inline.children) : []));
  return blocks.flatMap((block) => {
    if (block.type === 'heading' || block.type === 'paragraph') return inInlines(block.children);
    if (block.type === 'list') return block.items.flatMap(linkTargetsIn);
    if (block.type === 'table') return [...block.header, ...block.rows.flat()].flatMap(inInlines);
    return [];
  });
}

/** A data file of the pack and its values (after any variant's changes). */
export interface DataFile {
  file: YamlFile;
  data: unknown;
}

/**
 * Each value of the pack's data whose prose links to `href` (a heading link no heading
 * matches), with its file and path: the link is written there, so it is reported there.
 */
function proseLinkingTo(data: readonly DataFile[], href: string): { file: YamlFile; path: PathSegment[] }[] {
  const found: { file: YamlFile; path: PathSegment[] }[] = [];
  const walk = (file: YamlFile, value: unknown, at: PathSegment[]): void => {
    if (typeof value === 'string') {
      if (value.includes(href) && linkTargets(value).some((target) => target.trim() === href)) found.push({ file, path: at });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(file, item, [...at, index]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(file, inner, [...at, key]);
    }
  };
  for (const { file, data: values } of data) walk(file, values, []);
  return found;
}

/** What a template's text alone shows: the same for every pack, so found once a template (templates are read once a process). */
const templateOnly = new WeakMap<SectionTemplate, { refused: Diagnostic[]; unprintable: Diagnostic[] }>();

/**
 * Handlebars syntax the checks do not follow, else what is plainly too costly to render; and the characters the
 * PDF cannot print.
 */
function templateOnlyProblems(template: SectionTemplate): { refused: Diagnostic[]; unprintable: Diagnostic[] } {
  let found = templateOnly.get(template);
  if (!found) {
    const syntax = checkTemplateSyntax(template.file, template.source);
    found = {
      refused: syntax.length > 0 ? syntax : checkTemplateCost(template.file, template.source),
      unprintable: checkPrintableTemplate(template.file, template.source),
    };
    templateOnly.set(template, found);
  }
  return found;
}

function headingLinkHint(id: string, ids: Set<string>): string {
  const meant = closest(id, [...ids]);
  return meant ? `did you mean "#${meant}"?` : "a heading's link is its text in lower case, with hyphens between the words, e.g. #about-the-role";
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

/** The heading over the key facts on the cover. */
const FACTS_TITLE = 'At a glance';

/**
 * Places a cover section's blocks: # is the title, ## the subtitle, paragraphs are taglines, all in one
 * cover block with the organisation's name and the key facts; anything else the template prints
 * (a picture, a list) follows the cover block on its page.
 */
function coverBlocks(blocks: Block[], organisation: string, facts: KeyFact[]): Block[] {
  const cover: Extract<Block, { type: 'cover' }> = { type: 'cover', organisation, title: [], subtitle: [], taglines: [], factsTitle: FACTS_TITLE, facts };
  const rest: Block[] = [];
  for (const block of blocks) {
    if (block.type === 'heading' && block.level === 1 && cover.title.length === 0) cover.title = block.children;
    else if (block.type === 'heading' && block.level === 2 && cover.subtitle.length === 0) cover.subtitle = block.children;
    else if (block.type === 'paragraph') cover.taglines.push(block.children);
    else rest.push(block);
  }
  return [cover, ...rest];
}

/**
 * Whether a section starts on a new page: when it asks to (`newPage`), and always for the cover and
 * the contents and the section after either, which are pages of their own. Any other section follows
 * on from the one before, so that no page is left nearly empty by a break nobody asked for (a
 * heading at the foot of a page still moves over with its text: the writers keep it with what follows).
 */
function startsPage(sections: readonly { layout: string; newPage: boolean }[], index: number): boolean {
  const section = sections[index]!;
  const before = sections[index - 1]!;
  return section.newPage || section.layout !== 'body' || before.layout !== 'body';
}

export function composeDocument(
  root: string,
  location: PackLocation,
  resolved: ResolvedPack,
  /** The timestamp to write into the files; by default midday UTC on the pack's version date. */
  timestamp?: Date,
  /** The pack's data files, as they were rendered: a link to a missing heading written in one is reported at its value. */
  data: readonly DataFile[] = [],
): { document?: Document; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const blocks: Block[] = [];
  const usedIds = new Set<string>();
  const plain = new PlainValues();
  // Tokenised once for every section: each section adds only itself.
  const tokenised = plain.tokenise(resolved, templateContextSchema) as object;
  /** Links to a heading (#id), checked once every heading has its id. */
  const headingLinks: { href: string; section: string; file: string }[] = [];
  // The drawings in the theme's colours, as the writers draw the text around them.
  const drawingColours = resolved.theme?.colours ?? DEFAULT_DRAWING_COLOURS;
  // Their lettering in the theme's body font (Roboto without one), as the writers set the text around them.
  const drawingLettering = letteringOf(resolved.theme?.fonts?.body);
  const themeGlyphs = themeCoverage(resolved.theme?.fonts);
  // The partials were checked against today's font as they were read; a theme's own fonts may lack a character it has.
  if (themeGlyphs) for (const { file, source } of partialSources.values()) diagnostics.push(...checkPrintableTemplate(file, source, themeGlyphs));
  resolved.pack.sections.forEach((section, index) => {
    const template = findTemplate(root, location.dir, section.template);
    if (template === undefined) {
      // Checked before composing (validate/sections.ts): here when a template went missing since.
      diagnostics.push(
        diagnostic(
          {
            code: 'template-not-found',
            message: `template "${section.template}" not found`,
            hint: `looked for ${templateCandidates(root, location.dir, section.template).map((c) => relativeName(root, c)).join(' and ')}`,
          },
          relativeName(root, location.packFile),
        ),
      );
      return;
    }
    if ('code' in template) {
      diagnostics.push(template);
      return;
    }
    let markdown: string;
    const context = { ...resolved, section };
    // What the template alone says, then every field and block on every branch, before rendering (which only sees
    // the branches this pack takes).
    const own = templateOnlyProblems(template);
    // A theme's own fonts may lack a character today's font has: its text is checked against them.
    const unprintable = themeGlyphs ? checkPrintableTemplate(template.file, template.source, themeGlyphs) : own.unprintable;
    const found = own.refused.length > 0 ? own.refused : [...checkTemplateFields(template.file, template.source, context), ...unprintable];
    if (found.length > 0) {
      diagnostics.push(...found);
      return;
    }
    try {
      // Plain values reach the Markdown as tokens, put back as literal text once it is parsed.
      markdown = template.render({ ...tokenised, section: plain.tokenise(section, templateContextSchema.shape.section) });
    } catch (error) {
      diagnostics.push(templateDiagnostic(template.file, template.source, error, 'template-error', context));
      return;
    }
    // Reading Markdown recurses into each list and quote: text nested past the limit is refused first.
    const tooDeep = renderedNestingProblem(section.template, template.file, markdown);
    if (tooDeep) {
      diagnostics.push(tooDeep);
      return;
    }
    let parsed: ReturnType<typeof markdownToBlocks>;
    try {
      parsed = markdownToBlocks(markdown, (src, alt) => {
        const drawing = drawingBlock(plain.text(src), resolved, drawingColours, drawingLettering);
        if (drawing !== undefined) return drawing;
        const image = resolved.images.get(plain.text(src));
        // A figure names PNG or JPEG files only (its schema); an SVG is a theme's logo, not a figure.
        return image && image.format !== 'svg' ? { type: 'image', format: image.format, data: image.data, width: image.width, height: image.height, alt } : undefined;
      });
    } catch (error) {
      // Bold, italic and links inside each other thousands of times, which no line-by-line check sees.
      if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
      diagnostics.push(unreadableNesting(section.template, template.file));
      return;
    }
    parsed.blocks = plain.blocks(parsed.blocks);
    diagnostics.push(...blockLimitProblems(section.template, template.file, parsed.blocks));
    // Links in prose were checked as the data was loaded, at their line; these are the template's own,
    // or a plain value a template made a link of.
    for (const href of linkTargetsIn(parsed.blocks)) {
      const problem = linkProblem(href);
      if (problem !== undefined) {
        diagnostics.push(
          diagnostic(
            { code: 'link-not-allowed', message: `section "${section.template}" links to "${href}": ${problem} is not allowed in a pack`, hint: LINK_HINT },
            template.file,
          ),
        );
      } else if (href.trim().startsWith('#')) {
        headingLinks.push({ href: href.trim(), section: section.template, file: template.file });
      }
    }
    for (const src of parsed.unknownImages.map((token) => plain.text(token))) {
      diagnostics.push(
        diagnostic(
          {
            code: 'image-not-declared',
            message: `section "${section.template}" shows the image "${src}", which no data file names`,
            hint: 'name the image in a data file\'s `image:` field, where it is checked, and print that field: ![{{chart.alt}}]({{chart.image}})',
          },
          template.file,
        ),
      );
    }
    for (const construct of parsed.unsupported.map((token) => plain.text(token))) {
      diagnostics.push(
        diagnostic(
          {
            code: 'unsupported-markdown',
            message: `section "${section.template}" renders ${construct}, which packs cannot print`,
            hint: 'use headings, paragraphs, lists, tables, **bold**, *italic*, links and <!-- page-break -->',
          },
          template.file,
        ),
      );
    }
    if (index > 0 && startsPage(resolved.pack.sections, index)) blocks.push({ type: 'pageBreak' });
    if (section.layout === 'cover') {
      blocks.push(...coverBlocks(parsed.blocks, resolved.organisation.name, keyFacts(resolved)));
    } else if (section.layout === 'contents') {
      const heading = parsed.blocks.find((b) => b.type === 'heading');
      blocks.push({ type: 'contents', title: heading?.type === 'heading' ? plainText(heading.children) : 'Contents' });
    } else {
      for (const block of parsed.blocks) {
        if (block.type === 'heading') {
          const base = slug(plainText(block.children));
          let id = base;
          for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
          usedIds.add(id);
          blocks.push({ ...block, id });
        } else {
          blocks.push(block);
        }
      }
    }
  });
  const reported = new Set<string>();
  for (const link of headingLinks) {
    if (usedIds.has(link.href.slice(1)) || reported.has(`${link.section} ${link.href}`)) continue;
    reported.add(`${link.section} ${link.href}`);
    const finding = {
      code: 'link-not-allowed',
      message: `section "${link.section}" links to "${link.href}", but no heading of this pack is "${link.href.slice(1)}"`,
      hint: headingLinkHint(link.href.slice(1), usedIds),
    } as const;
    // Written in the data's prose: there, at each value that has it; else in the template.
    const written = proseLinkingTo(data, link.href);
    if (written.length === 0) diagnostics.push(diagnostic(finding, link.file));
    for (const { file, path } of written) diagnostics.push(diagnosticAt(file, path, finding));
  }
  if (diagnostics.length > 0) return { diagnostics };
  const p = resolved.pack;
  const document: Document = {
    meta: {
      title: p.subtitle,
      subject: p.title,
      author: p.author,
      language: p.language,
      keywords: [resolved.role.title, resolved.organisation.name],
      date: timestamp ?? dateToTimestamp(p.date),
      footer: `${p.subtitle} · Version ${p.version} – ${p.dateText}`,
      version: p.version,
      versionDate: p.date,
      ...(resolved.theme ? { theme: resolved.theme } : {}),
    },
    blocks,
  };
  // Every file carries the pack's facts, so that `packs diff` can compare built files on their own.
  document.meta.attachment = { name: FACTS_FILE_NAME, json: JSON.stringify(packFacts(resolved, document)) };
  return { diagnostics, document };
}
