// The facts every build embeds in a pack's files (see model/facts.ts): the
// dates, figures, levels and lists as the pack prints them, and each section's text.
import { createHash } from 'node:crypto';
import { FONT_FACES, type Document, type FontFamily, type Picture, type Theme } from '../model/document.js';
import { FACTS_FORMAT, type Fact, type PackFacts } from '../model/facts.js';
import type { ResolvedPack } from '../resolve/resolve-pack.js';
import { sectionsOf, textUnits } from '../model/text-units.js';

function factsOf(resolved: ResolvedPack): Fact[] {
  const facts: Fact[] = [];
  const timeline = resolved.timeline;
  if (timeline) {
    for (const stage of timeline.stages) {
      if (stage.date !== null) facts.push({ key: `Selection process › ${stage.name}`, value: stage.time === null ? stage.date : `${stage.date}, ${stage.time}` });
    }
    const applications = timeline.applications;
    if (applications) {
      const to = applications.email ?? (applications.portal ? `${applications.portal.name} (${applications.portal.url})` : applications.post);
      if (to !== null) facts.push({ key: 'Selection process › Applications to', value: to });
    }
  }
  const remuneration = resolved.remuneration;
  if (remuneration) {
    const salary = remuneration.salary;
    const source = salary.items[0]?.source.file;
    facts.push({ key: 'Remuneration › Effective from', value: salary.effectiveDateText, ...(source ? { source } : {}) });
    if (salary.locationName !== null) facts.push({ key: 'Remuneration › Location', value: salary.locationName, ...(source ? { source } : {}) });
    // Each row of the salary table as printed: a figure (one amount, or a range), or a pay point.
    for (const row of salary.rows) facts.push({ key: `Remuneration › ${row.label}`, value: row.text, source: row.source.file });
    for (const option of salary.conditional?.options ?? []) {
      if (option.amount) facts.push({ key: `Remuneration › ${option.amount.label}`, value: option.amount.text, source: option.amount.source.file });
    }
    // A benefit's figures, so that a comparison reports a changed allowance or period.
    for (const benefit of remuneration.benefits) {
      for (const figure of benefit.figures) facts.push({ key: `Remuneration › ${benefit.title} › ${figure.name}`, value: figure.text });
    }
  }
  const role = resolved.role;
  if (role.accountabilities) facts.push({ key: 'About the role › Primary accountabilities', items: role.accountabilities.items });
  for (const competency of role.behaviours.competencies) facts.push({ key: `Behaviours › ${competency.name}`, value: competency.level.name });
  return facts;
}

/** A short fingerprint of some bytes: a file changed in place changes it. */
const fingerprint = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 12);
};

const pictureFact = (picture: Picture) =>
  `${picture.alt} (${picture.format.toUpperCase()}, ${Math.max(1, Math.round(picture.data.byteLength / 1024))} KB, ${fingerprint(picture.data)})`;

const fontFact = (font: FontFamily) => `${font.family} (${fingerprint(...FONT_FACES.map((face) => font[face]))})`;

/**
 * How the pack looks: its theme's colours, logo, cover and fonts. None of them is in the text, so
 * without these a comparison of two packs that differ only in their look would find no differences.
 * Pictures and fonts are named with a fingerprint of their bytes, so a file replaced in place is seen.
 */
function lookOf(theme: Theme | null): Fact[] {
  if (!theme) return [];
  const facts: Fact[] = Object.entries(theme.colours).map(([name, value]) => ({ key: `Look › Colour: ${name}`, value }));
  if (theme.logo) facts.push({ key: 'Look › Logo', value: pictureFact(theme.logo) });
  facts.push({ key: 'Look › Cover', value: theme.cover.style });
  if (theme.cover.image) facts.push({ key: 'Look › Cover picture', value: pictureFact(theme.cover.image) });
  if (theme.fonts) for (const role of ['body', 'headings'] as const) facts.push({ key: `Look › Font: ${role}`, value: fontFact(theme.fonts[role]) });
  return facts;
}

/** The facts to embed in a pack's files, from the resolved pack and its document. */
export function packFacts(resolved: ResolvedPack, document: Document): PackFacts {
  const p = resolved.pack;
  return {
    format: FACTS_FORMAT,
    pack: { id: p.id, title: p.subtitle, version: p.version, date: p.date },
    facts: [...factsOf(resolved), ...lookOf(resolved.theme)],
    sections: sectionsOf(document.blocks).map((section) => ({ title: section.title, paragraphs: textUnits(section.blocks) })),
  };
}
