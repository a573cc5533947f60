// Resolves a validated pack into the one object its templates see: the data
// it draws on, merged, with every derived figure (formatted money, dates,
// weekdays, the behaviours of cited levels) computed here once.
//
// Precedence: the pack's own files (role, remuneration, timeline, letter) say
// what is specific to it; shared files (organisation, framework, values) say
// what packs have in common. Nothing is overridden silently: each fact has one
// home, and the pack names which shared edition it uses.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../pack/data-file.js';
import type { CompletePack as LoadedPack } from '../pack/loaded-pack.js';
import { withImageKeys } from '../pack/images.js';
import { amountOf, figureLabel, findGrade, payFor, payRange, rateInForce, type PayShape } from '../pack/pay.js';
import { behavioursAt, findCluster, findCompetency, findLevel, findValue, type Competency } from '../pack/lookup.js';
import { formatDate, formatMoney, formatTime, numberInWords, weekday, type DateStyle } from '../pack/format.js';

const perPeriod = { year: 'p.a.', month: 'per month' } as const;

function money(amount: number, period?: keyof typeof perPeriod) {
  return { amount, text: formatMoney(amount), ...(period ? { perPeriod: `${formatMoney(amount)} ${perPeriod[period]}` } : {}) };
}

function resolveFrameworkCompetency(competency: Competency, pack: LoadedPack) {
  const framework = pack.framework.data;
  const cluster = competency.cluster === null ? null : (findCluster(framework, competency.cluster) ?? null);
  return {
    id: competency.id,
    name: competency.name,
    cluster: cluster?.name ?? null,
    description: competency.description,
    whyItMatters: competency.whyItMatters,
  };
}

function resolveRole(pack: LoadedPack) {
  const role = pack.role.data;
  const framework = pack.framework.data;
  const cited = role.behaviours.competencies.map((entry) => {
    // Validation has already proved these exist.
    const competency = findCompetency(framework, entry.competency)!;
    const level = findLevel(framework, entry.level)!;
    const atLevel = behavioursAt(framework, competency, level, false)[0]?.behaviours ?? [];
    const upToLevel = behavioursAt(framework, competency, level, framework.cumulative).map((group) => ({
      level: group.level.name,
      behaviours: group.behaviours,
    }));
    return {
      ...resolveFrameworkCompetency(competency, pack),
      level: { id: level.id, name: level.name, title: level.title, grades: level.grades },
      behaviours: atLevel,
      cumulativeBehaviours: upToLevel,
    };
  });
  const clusters = framework.clusters
    .map((cluster) => ({
      name: cluster.name,
      competencies: cited.filter((c) => c.cluster === cluster.name),
    }))
    .filter((cluster) => cluster.competencies.length > 0);
  const values = role.behaviours.values.map((v) => findValue(pack.values!.data, v)!);
  return {
    ...role,
    behaviours: {
      ...role.behaviours,
      competencies: cited,
      clusters: clusters.length > 0 ? clusters : null,
      values,
    },
  };
}

function resolveFramework(pack: LoadedPack) {
  const framework = pack.framework.data;
  const competencies = framework.competencies.map((c) => resolveFrameworkCompetency(c, pack));
  return {
    ...framework,
    competencies,
    clusters: framework.clusters.map((cluster) => ({
      ...cluster,
      competencies: competencies.filter((c) => c.cluster === cluster.name),
    })),
  };
}

/** A figure's pay as printed: one amount, a range, or points; `perPeriod` is what the table's amount cell says. */
function resolvePay(shape: PayShape, period: keyof typeof perPeriod) {
  const { minimum, maximum } = payRange(shape);
  const single = shape.kind === 'spot' ? shape.amount : null;
  const rangeText = `${formatMoney(minimum)} to ${formatMoney(maximum)}`;
  return {
    kind: shape.kind,
    /** The one amount of a spot salary; null for a range or points. */
    amount: single,
    minimum: money(minimum, period),
    maximum: money(maximum, period),
    text: single === null ? rangeText : formatMoney(single),
    perPeriod: `${single === null ? rangeText : formatMoney(single)} ${perPeriod[period]}`,
    points: shape.kind === 'points' ? shape.points.map((point) => ({ id: point.id, name: point.name, ...money(point.amount, period) })) : null,
  };
}

function resolveSalary(pack: LoadedPack, dateStyle: DateStyle) {
  const salary = pack.remuneration!.data.salary;
  // Validation has proved the scale, the grade, a rate in force, the location and every figure exist.
  const scale = pack.payScale!.data;
  const grade = findGrade(scale, salary.grade)!;
  const rate = rateInForce(grade, salary.on)!;
  const location = salary.location === null ? null : (scale.locations.find((l) => l.id === salary.location) ?? null);
  const source = { scale: scale.name, file: pack.payScale!.file.file, grade: grade.name, from: rate.from };
  const figure = (id: string) => {
    const found = payFor(amountOf(rate, id)!, salary.location);
    return { id, label: figureLabel(scale, id)!, ...resolvePay((found as { shape: PayShape }).shape, scale.period), source };
  };
  const items = salary.items.map(figure);
  // The table's rows: a figure paid in points prints its range, a row a point, or both, as the pack asks.
  const rows = items.flatMap((item) => {
    const range = { label: item.label, text: item.text, perPeriod: item.perPeriod, source: item.source };
    if (item.points === null || salary.payPoints === 'range') return [range];
    const points = item.points.map((point) => ({ label: `${item.label}, ${point.name}`, text: point.text, perPeriod: point.perPeriod, source: item.source }));
    return salary.payPoints === 'both' ? [range, ...points] : points;
  });
  return {
    ...salary,
    gradeName: grade.name,
    locationName: location?.name ?? null,
    effectiveDate: rate.from,
    effectiveDateText: formatDate(rate.from, dateStyle),
    items,
    rows,
    /** The figures printed, added up: computed, never typed; null when one is a range or points. */
    total: items.every((item) => item.amount !== null) ? money(items.reduce((sum, item) => sum + item.amount!, 0), scale.period) : null,
    conditional: salary.conditional && {
      ...salary.conditional,
      options: salary.conditional.options.map((option) => {
        const resolved = option.figure === null ? null : figure(option.figure);
        return {
          ...option,
          condition: `For ${salary.conditional!.who} who joined ${option.joined === 'before' ? 'before' : 'on or after'} ${formatDate(option.date, dateStyle)}`,
          label: option.label ?? resolved?.label ?? '',
          amount: resolved,
        };
      }),
    },
  };
}

function resolveRemuneration(pack: LoadedPack, dateStyle: DateStyle) {
  if (!pack.remuneration) return null;
  const r = pack.remuneration.data;
  return {
    ...r,
    salary: resolveSalary(pack, dateStyle),
    vehicle: r.vehicle && { ...r.vehicle, allowance: money(r.vehicle.allowance, 'year') },
    accommodation: r.accommodation && {
      ...r.accommodation,
      relocation: {
        maximum: money(r.accommodation.relocation.maximum),
        taxExempt: money(r.accommodation.relocation.taxExempt),
      },
      rental: {
        monthlyMaximum: money(r.accommodation.rental.monthlyMaximum),
        nightlyMaximum: money(r.accommodation.rental.nightlyMaximum),
        maximumYears: { value: r.accommodation.rental.maximumYears, words: numberInWords(r.accommodation.rental.maximumYears) },
        estateMonths: { value: r.accommodation.rental.estateMonths, words: numberInWords(r.accommodation.rental.estateMonths) },
      },
    },
  };
}

const STAGE_TEXT_HINT = 'stage text may use {{date}}, {{time}} and {{weekday}}';
/** A `{{...}}`, with the braces of a triple `{{{...}}}` if it has them, so that one is refused whole rather than filled inside its braces. */
const STAGE_FACT = /\{?\{\{\s*([^{}]*?)\s*\}\}\}?/g;

/**
 * A stage's paragraph with {{date}}, {{time}} and {{weekday}} filled in from the
 * stage's facts; or the first {{...}} it cannot fill (one it does not know, or
 * one the stage has no value for). Nothing else in the text is read as a template.
 */
function fillStageFacts(paragraph: string, facts: Record<'date' | 'time' | 'weekday', string | null>): string | { name: string; written: string; known: boolean } {
  let problem: { name: string; written: string; known: boolean } | undefined;
  const filled = paragraph.replace(STAGE_FACT, (whole: string, name: string) => {
    // {{{date}}} is Handlebars' unescaped form: not a placeholder of stage text, and not to be filled inside its braces.
    const triple = whole.startsWith('{{{') || whole.endsWith('}}}');
    const known = !triple && Object.hasOwn(facts, name);
    const value = known ? facts[name as keyof typeof facts] : null;
    if (value === null) problem ??= { name, written: triple ? whole : `{{${name}}}`, known };
    return value ?? whole;
  });
  return problem ?? filled;
}

function resolveTimeline(pack: LoadedPack, dateStyle: DateStyle, diagnostics: Diagnostic[]) {
  if (!pack.timeline) return null;
  const { file, data } = pack.timeline;
  const stages = data.stages.map((stage, index) => {
    const facts = {
      date: stage.date === null ? null : formatDate(stage.date, dateStyle),
      weekday: stage.date === null ? null : weekday(stage.date),
      time: stage.time === null ? null : formatTime(stage.time),
    };
    // Stage text may say {{date}}, {{time}} and {{weekday}}: the stage's own facts, so a
    // date is typed once, in `date:`, and every sentence that mentions it follows.
    const paragraphs = stage.paragraphs.map((paragraph, p) => {
      const filled = fillStageFacts(paragraph, facts);
      if (typeof filled === 'string') return filled;
      const { name } = filled;
      const fact = name === 'weekday' ? 'date' : name;
      diagnostics.push(
        diagnosticAt(file, ['stages', index, 'paragraphs', p], {
          code: 'stage-text',
          message: filled.known
            ? `stage "${stage.id}" text uses {{${name}}}, but the stage has no ${fact}`
            : `stage "${stage.id}" text uses ${filled.written}, which stage text cannot say`,
          hint: filled.known ? `add \`${fact}:\` to the stage, or take {{${name}}} out of the text` : STAGE_TEXT_HINT,
        }),
      );
      return paragraph;
    });
    return { ...stage, ...facts, number: index + 1, paragraphs };
  });
  const closing = data.applications && stages.find((s) => s.id === data.applications!.closingStage);
  return {
    stages,
    applications: data.applications && {
      ...data.applications,
      /** The closing date and time, from the closing stage: never typed twice. */
      closingDate: closing?.date ?? null,
      closingTime: closing?.time ?? null,
    },
  };
}

export function resolvePack(pack: LoadedPack) {
  const diagnostics: Diagnostic[] = [];
  const p = pack.pack.data;
  const resolved = {
    pack: { ...p, dateText: formatDate(p.date, p.dateStyle) },
    organisation: withImageKeys(pack.organisation.file, pack.organisation.data),
    letter: pack.letter ? withImageKeys(pack.letter.file, pack.letter.data) : null,
    role: resolveRole(pack),
    framework: resolveFramework(pack),
    values: pack.values?.data ?? null,
    payScale: pack.payScale?.data ?? null,
    remuneration: resolveRemuneration(pack, p.dateStyle),
    timeline: resolveTimeline(pack, p.dateStyle, diagnostics),
    /** The checked images, by the key an `image:` field now holds. */
    images: pack.images,
  };
  return { resolved, diagnostics };
}

export type ResolvedPack = ReturnType<typeof resolvePack>['resolved'];
