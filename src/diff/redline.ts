// The new version of a pack as a Word document with tracked changes against
// the old one: each inserted or deleted run of words is a real Word revision,
// attributed to this tool and dated by the new version, so a reviewer accepts
// or rejects each one in Word (or LibreOffice).
import { DeletedTextRun, Document as WordDocument, HeadingLevel, InsertedTextRun, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { PackFacts } from '../model/facts.js';
import { alignLists, wordParts } from './compare.js';

export const REDLINE_AUTHOR = 'recruitment-packs';

export function redlineDocument(before: PackFacts, after: PackFacts): WordDocument {
  const date = `${after.pack.date}T12:00:00Z`;
  let revision = 0;
  const inserted = (text: string) => new InsertedTextRun({ text, id: ++revision, author: REDLINE_AUTHOR, date });
  const deleted = (text: string) => new DeletedTextRun({ text, id: ++revision, author: REDLINE_AUTHOR, date });

  const paragraphs: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(after.pack.title)] }),
    new Paragraph({ children: [new TextRun(`Version ${after.pack.version} (${after.pack.date}), with the changes since version ${before.pack.version} (${before.pack.date}) tracked.`)] }),
  ];
  const titles = [...new Set([...after.sections.map((s) => s.title), ...before.sections.map((s) => s.title)])];
  for (const title of titles) {
    const old = before.sections.find((s) => s.title === title);
    const current = after.sections.find((s) => s.title === title);
    const heading = (children: ParagraphChild[]) => new Paragraph({ heading: HeadingLevel.HEADING_1, children });
    if (!current) {
      paragraphs.push(heading([deleted(title)]), ...old!.paragraphs.map((text) => new Paragraph({ children: [deleted(text)] })));
      continue;
    }
    paragraphs.push(heading(old ? [new TextRun(title)] : [inserted(title)]));
    for (const step of alignLists(old?.paragraphs ?? [], current.paragraphs)) {
      const runs =
        step.kind === 'replaced'
          ? // A paragraph replaced one for one: show which words changed inside it.
            wordParts(step.old, step.new).map((w) => (w.change === 'inserted' ? inserted(w.text) : w.change === 'deleted' ? deleted(w.text) : new TextRun(w.text)))
          : [step.kind === 'added' ? inserted(step.value) : step.kind === 'removed' ? deleted(step.value) : new TextRun(step.value)];
      paragraphs.push(new Paragraph({ children: runs }));
    }
  }
  return new WordDocument({
    title: `${after.pack.title}: changes since version ${before.pack.version}`,
    creator: REDLINE_AUTHOR,
    features: { trackRevisions: true },
    sections: [{ children: paragraphs }],
  });
}
