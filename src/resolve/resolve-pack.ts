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
import { imageKey, withImageKeys } from '../pack/images.js';
import { DEFAULT_THEME } from '../model/default-theme.js';
import { themeFonts } from '../pack/fonts.js';
import type { Picture, Theme } from '../model/document.js';
import { amountOf, figureLabel, findGrade, payFor, payRange, rateInForce, type PayShape } from '../pack/pay.js';
import { behavioursAt, findCluster, findCompetency, findLevel, findValue, indicatorsAt, levelsOf, type Competency, type Level } from '../pack/lookup.js';
import { formatCount, formatDate, formatDateSpan, formatMoney, formatPercent, formatTime, numberInWords, weekday, type DateStyle } from '../pack/format.js';
import { closest } from '../pack/suggest.js';
import { figureUnit, type FigureUnit } from '../schema/remuneration.js';
import type { Timeline } from '../schema/timeline.js';
import { escapeMarkdown, fillPlaceholders } from './placeholders.js';

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

/**
 * A competency's indicators at some levels, as the lists a template prints one
 * after another: at each level, one list for each kind of indicator it gives
 * (positive kinds before negative ones), the first list of a level carrying the
 * level, for its heading. Flat, so that a template goes through one list, not
 * levels, then kinds, then items.
 */
function indicatorLists(framework: LoadedPack['framework']['data'], competency: Competency, levels: Level[]) {
  return levels.flatMap((level) =>
    indicatorsAt(framework, competency, level).map((list, i) => ({
      level: i === 0 ? { id: level.id, name: level.name, title: level.title, grades: level.grades } : null,
      name: list.kind.name,
      leadIn: list.kind.leadIn,
      negative: list.kind.negative,
      items: list.items,
    })),
  );
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
      indicators: indicatorLists(framework, competency, [level]),
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

/** The introduction as topics: each sub-heading with its paragraphs, and plain paragraphs in a row under no heading. */
function introductionTopics(introduction: LoadedPack['framework']['data']['introduction']) {
  const topics: { heading: string | null; paragraphs: string[] }[] = [];
  for (const part of introduction) {
    if (typeof part !== 'string') topics.push({ heading: part.heading, paragraphs: part.paragraphs });
    else if (topics.length > 0 && topics[topics.length - 1]!.heading === null) topics[topics.length - 1]!.paragraphs.push(part);
    else topics.push({ heading: null, paragraphs: [part] });
  }
  return topics;
}

/**
 * What the framework section prints: the competencies the role cites (or every
 * one, as the pack chooses), in the framework's order, in groups under their
 * cluster's heading (or one group under none); a cited competency with its
 * indicators at the level cited, any other with those of every level it gives.
 */
function frameworkGroups(pack: LoadedPack) {
  const framework = pack.framework.data;
  const options = pack.pack.data.frameworkSection;
  const citedLevel = new Map<Competency, Level>();
  for (const entry of pack.role.data.behaviours.competencies) {
    // Validation has already proved these exist, and that none is cited twice.
    citedLevel.set(findCompetency(framework, entry.competency)!, findLevel(framework, entry.level)!);
  }
  const shown = framework.competencies.filter((c) => options.competencies === 'all' || citedLevel.has(c));
  const underClusters = options.clusterHeadings && framework.clusters.length > 0;
  // The levels printed: every level a competency gives, when none is cited; else the cited one, and
  // for a cumulative framework whose pack asks for it, the levels below it that the competency gives.
  const levelsPrinted = (competency: Competency, level: Level | undefined) => {
    if (!level) return levelsOf(framework, competency);
    if (!(framework.cumulative && options.levels === 'cumulative')) return [level];
    const cited = framework.levels.indexOf(level);
    return levelsOf(framework, competency).filter((l) => framework.levels.indexOf(l) <= cited);
  };
  const printed = (competency: Competency) => {
    const level = citedLevel.get(competency);
    return {
      ...resolveFrameworkCompetency(competency, pack),
      inCluster: underClusters,
      level: level ? { id: level.id, name: level.name, title: level.title, grades: level.grades } : null,
      indicators: indicatorLists(framework, competency, levelsPrinted(competency, level)),
    };
  };
  if (!underClusters) return [{ heading: null, competencies: shown.map(printed) }];
  return framework.clusters
    .map((cluster) => ({
      heading: cluster.name,
      competencies: shown.filter((c) => c.cluster !== null && findCluster(framework, c.cluster) === cluster).map(printed),
    }))
    .filter((group) => group.competencies.length > 0);
}

function resolveFramework(pack: LoadedPack) {
  const framework = pack.framework.data;
  const competencies = framework.competencies.map((c) => resolveFrameworkCompetency(c, pack));
  return {
    ...framework,
    introduction: introductionTopics(framework.introduction),
    competencies,
    clusters: framework.clusters.map((cluster) => ({
      ...cluster,
      competencies: competencies.filter((c) => c.cluster === cluster.name),
    })),
    groups: frameworkGroups(pack),
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

function resolveRemuneration(pack: LoadedPack, dateStyle: DateStyle, diagnostics: Diagnostic[]) {
  if (!pack.remuneration) return null;
  const r = pack.remuneration.data;
  return {
    ...r,
    salary: resolveSalary(pack, dateStyle),
    benefits: resolveBenefits(pack, diagnostics),
  };
}

const COUNT_UNITS: Record<Exclude<FigureUnit, 'pounds' | 'percent'>, { one: string; other: string }> = {
  hours: { one: 'hour', other: 'hours' },
  days: { one: 'day', other: 'days' },
  weeks: { one: 'week', other: 'weeks' },
  months: { one: 'month', other: 'months' },
  years: { one: 'year', other: 'years' },
  miles: { one: 'mile', other: 'miles' },
};

/** A benefit's figure as printed: "£40,000", "27.1%", "three years"; and its number alone ("three"), for "a three year period". */
function formatFigure(unit: FigureUnit, value: number): { text: string; number: string } {
  if (unit === 'pounds') return { text: formatMoney(value), number: formatMoney(value) };
  if (unit === 'percent') return { text: formatPercent(value), number: formatPercent(value) };
  return { text: formatCount(value, COUNT_UNITS[unit]), number: numberInWords(value) };
}

/**
 * Each benefit with its figures formatted and put into its text where it says
 * {{name}} (or {{name.number}}); a {{...}} that is not one of its figures, and
 * a figure its text never prints, are reported at their line.
 */
function resolveBenefits(pack: LoadedPack, diagnostics: Diagnostic[]) {
  const { file, data } = pack.remuneration!;
  return data.benefits.map((benefit, b) => {
    const figures = Object.entries(benefit.figures).map(([name, figure]) => {
      const { unit, value } = figureUnit(figure);
      return { name, unit, value, ...formatFigure(unit, value) };
    });
    const values: Record<string, string> = {};
    for (const figure of figures) {
      values[figure.name] = figure.text;
      values[`${figure.name}.number`] = figure.number;
    }
    for (const figure of figures) {
      if (figure.unit === 'pounds' || figure.unit === 'percent' || figure.value > 0) continue;
      diagnostics.push(
        diagnosticAt(file, ['benefits', b, 'figures', figure.name, figure.unit], {
          code: 'invalid-value',
          message: `benefit "${benefit.id}" gives figure "${figure.name}" as ${figure.value} ${figure.unit}: a number of ${figure.unit} must be 1 or more`,
          hint: `write the number of ${figure.unit}, or take the figure out if the benefit has none`,
        }),
      );
    }
    const used = new Set<string>();
    /** Figures a misspelt {{...}} was probably meant to be: not reported as unused as well. */
    const meant = new Set<string>();
    const paragraphs = benefit.paragraphs.map((paragraph, p) => {
      const filled = fillPlaceholders(paragraph, values);
      for (const name of filled.used) used.add(name.replace(/\.number$/, ''));
      for (const problem of filled.problems) {
        const guess = closest(problem.name, Object.keys(values));
        if (guess !== undefined) meant.add(guess.replace(/\.number$/, ''));
        diagnostics.push(
          diagnosticAt(file, ['benefits', b, 'paragraphs', p], {
            code: 'unknown-placeholder',
            message: `benefit "${benefit.id}" text uses ${problem.written}, which is not one of its figures`,
            hint: guess
              ? `did you mean {{${guess}}}?`
              : figures.length === 0
                ? 'give the figure under `figures:` of this benefit, e.g. `allowance: { pounds: 10500 }`'
                : `its figures: ${figures.map((f) => f.name).join(', ')}; add the figure under \`figures:\`, or correct the name`,
          }),
        );
      }
      return filled.text;
    });
    for (const figure of figures) {
      if (used.has(figure.name) || meant.has(figure.name)) continue;
      diagnostics.push(
        diagnosticAt(file, ['benefits', b, 'figures', figure.name], {
          code: 'unused-figure',
          message: `benefit "${benefit.id}" has a figure "${figure.name}" that its text never prints`,
          hint: `write {{${figure.name}}} in the text where it belongs, or take the figure out`,
        }),
      );
    }
    return {
      ...benefit,
      paragraphs,
      figures: figures.map(({ name, text }) => ({ name, text })),
    };
  });
}

const STAGE_TEXT_HINT = 'stage text may use {{date}}, {{time}}, {{weekday}} and {{when}}';

/** {{weekday}} followed by {{date}}, as a one-day stage's text says its day (perhaps with "the" or bold between). */
const WEEKDAY_THEN_DATE = /\{\{\s*weekday\s*\}\}[\s*_]*(?:the\s+)?[\s*_]*\{\{\s*date\s*\}\}/;

/** What stage text and the application instructions may say of a stage: its day or days, and its time. */
function stageFacts(stage: { date: string | null; endDate: string | null; time: string | null }, dateStyle: DateStyle) {
  const { date, endDate, time } = stage;
  const span = date !== null && endDate !== null;
  return {
    date: date === null ? null : span ? formatDateSpan(date, endDate, dateStyle, false) : formatDate(date, dateStyle),
    weekday: date === null ? null : span ? `${weekday(date)} to ${weekday(endDate)}` : weekday(date),
    /** The weekday and date together: "Monday 11 January 2021", "Monday 10 to Wednesday 12 May 2027". */
    when: date === null ? null : span ? formatDateSpan(date, endDate, dateStyle, true) : `${weekday(date)} ${formatDate(date, dateStyle)}`,
    time: time === null ? null : formatTime(time),
  };
}

function resolveTimeline(pack: LoadedPack, dateStyle: DateStyle, diagnostics: Diagnostic[]) {
  if (!pack.timeline) return null;
  const { file, data } = pack.timeline;
  const stages = data.stages.map((stage, index) => {
    const facts = stageFacts(stage, dateStyle);
    // Stage text may say {{date}}, {{time}}, {{weekday}} and {{when}}: the stage's own facts, so a
    // date is typed once, in `date:`, and every sentence that mentions it follows.
    const paragraphs = stage.paragraphs.map((paragraph, p) => {
      // Over several days, "{{weekday}} {{date}}" would print "Monday to Tuesday 25 to 26 January 2027".
      if (stage.endDate !== null && WEEKDAY_THEN_DATE.test(paragraph)) {
        diagnostics.push(
          diagnosticAt(file, ['stages', index, 'paragraphs', p], {
            code: 'stage-text',
            message: `stage "${stage.id}" runs over several days, so {{weekday}} {{date}} would print "${facts.weekday} ${facts.date}"`,
            hint: `write {{when}}, which prints "${facts.when}"`,
          }),
        );
        return paragraph;
      }
      const filled = fillPlaceholders(paragraph, facts);
      // One finding a paragraph: the first {{...}} it cannot fill.
      const problem = filled.problems[0];
      if (problem === undefined) return filled.text;
      const { name } = problem;
      const fact = name === 'weekday' || name === 'when' ? 'date' : name;
      diagnostics.push(
        diagnosticAt(file, ['stages', index, 'paragraphs', p], {
          code: 'stage-text',
          message: problem.known
            ? `stage "${stage.id}" text uses {{${name}}}, but the stage has no ${fact}`
            : `stage "${stage.id}" text uses ${problem.written}, which stage text cannot say`,
          hint: problem.known ? `add \`${fact}:\` to the stage, or take {{${name}}} out of the text` : STAGE_TEXT_HINT,
        }),
      );
      return paragraph;
    });
    // `date` is now the day as printed; the drawing of the timeline places the stage by its day as written.
    return { ...stage, ...facts, isoDate: stage.date, number: index + 1, paragraphs };
  });
  return { stages, applications: resolveApplications(pack, dateStyle, diagnostics) };
}

/** Where applications go, as the instructions' {{email}}, {{portal}} or {{address}} print it: Markdown. */
function destination(applications: NonNullable<Timeline['applications']>): Record<'email' | 'portal' | 'address', string | null> {
  const { email, portal, post } = applications;
  return {
    email: email === undefined ? null : `[${escapeMarkdown(email)}](mailto:${email})`,
    portal: portal === undefined ? null : `[${escapeMarkdown(portal.name)}](<${new URL(portal.url).href}>)`,
    address: post === undefined ? null : escapeMarkdown(post.split('\n').map((line) => line.trim()).filter(Boolean).join(', ')),
  };
}

/** How to apply, the documents and the deadline: the closing stage's last day and its time, never typed twice. */
function resolveApplications(pack: LoadedPack, dateStyle: DateStyle, diagnostics: Diagnostic[]) {
  const { file, data } = pack.timeline!;
  const applications = data.applications;
  if (!applications) return null;
  const closing = data.stages.find((s) => s.id === applications.closingStage);
  const lastDay = closing?.endDate ?? closing?.date ?? null;
  const deadline = stageFacts({ date: lastDay, endDate: null, time: closing?.time ?? null }, dateStyle);
  let instructions = applications.instructions;
  if (instructions !== null) {
    const where = destination(applications);
    const filled = fillPlaceholders(instructions, { ...where, date: deadline.date, time: deadline.time, weekday: deadline.weekday });
    const problem = filled.problems[0];
    if (problem === undefined) instructions = filled.text;
    else {
      const way = applications.email !== undefined ? 'email' : applications.portal !== undefined ? 'portal' : 'address';
      diagnostics.push(
        diagnosticAt(file, ['applications', 'instructions'], {
          code: 'unknown-placeholder',
          message: !problem.known
            ? `the application instructions use ${problem.written}, which they cannot say`
            : problem.name in where
              ? `the application instructions use {{${problem.name}}}, but applications do not go by ${problem.name === 'address' ? 'post' : problem.name}`
              : `the application instructions use {{${problem.name}}}, but the closing stage has no ${problem.name === 'time' ? 'time' : 'date'}`,
          hint: `the instructions may say {{${way}}} (where to apply), {{date}}, {{time}} and {{weekday}} (the closing stage's)`,
        }),
      );
    }
  }
  return {
    ...applications,
    instructions,
    /** The closing date and time, from the closing stage: never typed twice. */
    closingDate: deadline.date,
    closingTime: deadline.time,
    /** The closing day with its weekday, as the sentences on how to apply print it. */
    closingWhen: deadline.when,
    /** The postal address, a line of it a line. */
    post: applications.post ?? null,
    email: applications.email ?? null,
    portal: applications.portal ?? null,
  };
}

/**
 * The organisation's theme as the writers draw it: each colour it leaves out is
 * today's (the default theme), its logo, cover picture and fonts read and checked.
 * Null when it gives none, so that the writers draw today's look.
 */
function resolveTheme(pack: LoadedPack): Theme | null {
  const theme = pack.organisation.data.theme;
  if (theme === null) return null;
  const file = pack.organisation.file;
  const picture = (ref: string | null, alt: string | null): Picture | undefined => {
    const image = ref === null ? undefined : pack.images?.get(imageKey(file, ref));
    return image && { format: image.format, data: image.data, width: image.width, height: image.height, alt: alt ?? '' };
  };
  const logo = theme.logo && picture(theme.logo.image, theme.logo.alt);
  const coverImage = picture(theme.cover.image, theme.cover.alt);
  const fonts = themeFonts(file, pack.organisation.data, pack.fonts);
  return {
    colours: { ...DEFAULT_THEME.colours, ...Object.fromEntries(Object.entries(theme.colours).map(([name, value]) => [name, value.toLowerCase()])) },
    ...(logo ? { logo } : {}),
    cover: { style: theme.cover.style, ...(coverImage ? { image: coverImage } : {}) },
    ...(fonts ? { fonts } : {}),
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
    remuneration: resolveRemuneration(pack, p.dateStyle, diagnostics),
    timeline: resolveTimeline(pack, p.dateStyle, diagnostics),
    /** The checked images, by the key an `image:` field now holds. */
    images: pack.images,
    /** How the pack looks: the organisation's theme for the writers, or null for today's look. */
    theme: resolveTheme(pack),
  };
  return { resolved, diagnostics };
}

export type ResolvedPack = ReturnType<typeof resolvePack>['resolved'];
