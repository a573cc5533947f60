// The facts a candidate looks for first, "at a glance" on the cover: the salary and
// where it applies, the terms and the place of work (in the few words the data gives
// for the cover), the closing date and time, the dates of the stages after it, and
// how to apply. Each is computed from the pack's data and is left out when the data
// does not have it; the labels are the project's own words, or the data's (a stage's
// name), never an organisation's.
import type { Inline, KeyFact } from '../model/document.js';
import type { ResolvedPack } from './resolve-pack.js';

const text = (value: string): Inline[] => [{ type: 'text', text: value }];

/** Lines of text in one cell, a line break between them. */
function lines(values: string[]): Inline[] {
  return values.flatMap((value, index): Inline[] => (index === 0 ? text(value) : [{ type: 'break' }, ...text(value)]));
}

/** "Monday 11 January 2021, midday": a day, with its time when it has one. */
const dayAndTime = (when: string, time: string | null) => (time === null ? when : `${when}, ${time}`);

export function keyFacts(resolved: ResolvedPack): KeyFact[] {
  const facts: KeyFact[] = [];
  const salary = resolved.remuneration?.salary;
  if (salary && salary.items.length > 0) {
    // One figure prints alone; several print one a line with their labels (basic pay, then allowances).
    const figures = salary.items.length === 1 ? [salary.items[0]!.perPeriod] : salary.items.map((item) => `${item.label}: ${item.perPeriod}`);
    facts.push({ label: text(salary.locationName === null ? 'Salary' : `Salary (${salary.locationName})`), value: lines(figures) });
  }
  // The terms and the place of work are prose in the data: on the cover only in the few words the data gives for it.
  const terms = resolved.remuneration?.terms?.atAGlance;
  if (terms) facts.push({ label: text('Terms'), value: text(terms) });
  const placeOfWork = resolved.remuneration?.placeOfWork?.atAGlance;
  if (placeOfWork) facts.push({ label: text('Place of work'), value: text(placeOfWork) });
  const timeline = resolved.timeline;
  const applications = timeline?.applications;
  if (applications && applications.closingWhen !== null) {
    facts.push({ label: text('Closing date'), value: text(dayAndTime(applications.closingWhen, applications.closingTime)) });
  }
  if (timeline) {
    // The dated stages after the closing date (shortlisting, assessment, interview), by their own names.
    const closing = applications ? timeline.stages.findIndex((stage) => stage.id === applications.closingStage) : -1;
    for (const stage of timeline.stages.slice(closing + 1)) {
      if (stage.when !== null) facts.push({ label: text(stage.name), value: text(dayAndTime(stage.when, stage.time)) });
    }
  }
  if (applications) {
    const how: Inline[] | null = applications.email
      ? [{ type: 'link', href: `mailto:${applications.email}`, children: text(applications.email) }]
      : applications.portal
        ? [{ type: 'link', href: new URL(applications.portal.url).href, children: text(applications.portal.name) }]
        : applications.post
          ? text(applications.post.split('\n').map((line) => line.trim()).filter(Boolean).join(', '))
          : null;
    if (how) facts.push({ label: text('How to apply'), value: how });
  }
  return facts;
}
