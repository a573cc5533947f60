// Checks what ties a pack's files together: every competency, level, cluster
// and value a role cites exists in the framework and values set the pack uses;
// ids are unique; the timeline's stages are in order.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, type PathSegment, type YamlFile } from '../pack/data-file.js';
import { competencyNames, findCluster, findCompetency, findLevel, findValue, levelsOf, type Competency } from '../pack/lookup.js';
import { lostFrom, usable, type LoadedPack } from '../pack/loaded-pack.js';
import { closest } from '../pack/suggest.js';
import { checkConflictingFigures, checkPayShapes, checkSalaryLocation, checkTypedDates } from './figures.js';
import { checkWorkingDays } from './calendar.js';
import { amountOf, findGrade, rateInForce } from '../pack/pay.js';

function duplicateIds(file: YamlFile, items: { id: string | number }[], at: PathSegment[], what: string): Diagnostic[] {
  const seen = new Set<string>();
  const found: Diagnostic[] = [];
  items.forEach((item, index) => {
    const key = String(item.id);
    if (seen.has(key)) {
      found.push(
        diagnosticAt(file, [...at, index, 'id'], {
          code: 'duplicate-id',
          message: `${what} id "${key}" is used more than once`,
          hint: 'give each one its own id',
        }),
      );
    }
    seen.add(key);
  });
  return found;
}

const frameworkFields = ['id', 'competencies', 'levels', 'clusters', 'indicatorKinds'] as const;

function checkFramework(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.framework, frameworkFields);
  if (!checked) return [];
  const { file, data: framework } = checked;
  const found: Diagnostic[] = [
    ...duplicateIds(file, framework.competencies, ['competencies'], 'competency'),
    ...duplicateIds(file, framework.levels, ['levels'], 'level'),
    ...duplicateIds(file, framework.clusters, ['clusters'], 'cluster'),
    ...duplicateIds(file, framework.indicatorKinds, ['indicatorKinds'], 'indicator kind'),
  ];
  const kindIds = framework.indicatorKinds.map((k) => k.id);
  framework.competencies.forEach((competency, i) => {
    // A name of an element left out for a mistake of its own (reported there) is not unknown.
    if (competency.cluster !== null && !findCluster(framework, competency.cluster) && !lostFrom(pack.framework, ['clusters'], competency.cluster)) {
      found.push(
        diagnosticAt(file, ['competencies', i, 'cluster'], {
          code: 'unknown-cluster',
          message: `unknown cluster "${competency.cluster}" in framework ${framework.id}`,
          hint: `clusters: ${framework.clusters.map((c) => c.id).join(', ') || 'none are declared'}`,
        }),
      );
    }
    if (competency.cluster === null && framework.clusters.length > 0) {
      found.push(
        diagnosticAt(file, ['competencies', i], {
          code: 'missing-cluster',
          message: `competency "${competency.name}" has no cluster, but framework ${framework.id} groups competencies in clusters`,
          hint: `add \`cluster:\` with one of ${framework.clusters.map((c) => c.id).join(', ')}`,
        }),
      );
    }
    // A level given twice (as `3` and as "Level 3", say) would print only its first list, the other lost.
    const given = new Map<string | number, string | number>();
    competency.levels.forEach((entry, j) => {
      const level = findLevel(framework, entry.level);
      const earlier = level && given.get(level.id);
      if (level && earlier !== undefined) {
        found.push(
          diagnosticAt(file, ['competencies', i, 'levels', j, 'level'], {
            code: 'duplicate-id',
            message: `competency "${competency.name}" gives level "${level.name}" more than once`,
            hint: `it is given above as ${JSON.stringify(earlier)}; put all of that level's behaviours or indicators in one entry`,
          }),
        );
      }
      if (level && earlier === undefined) given.set(level.id, entry.level);
      if (!level && !lostFrom(pack.framework, ['levels'], entry.level)) {
        found.push(
          diagnosticAt(file, ['competencies', i, 'levels', j, 'level'], {
            code: 'unknown-level',
            message: `level ${entry.level} is not a level of framework ${framework.id}`,
            hint: `levels: ${framework.levels.map((l) => l.id).join(', ')}`,
          }),
        );
      }
      found.push(...checkIndicatorKinds(file, framework.id, kindIds, competency.name, entry, ['competencies', i, 'levels', j]));
    });
  });
  return found;
}

/**
 * A level's indicators are in the kinds its framework declares: lists by kind
 * under `indicators:` when it declares some, one list under `behaviours:` when it
 * declares none. Each finding is at the key that names the kind.
 */
function checkIndicatorKinds(
  file: YamlFile,
  frameworkId: string,
  kindIds: string[],
  competency: string,
  entry: { level: string | number; behaviours: string[] | null; indicators: Record<string, string[]> | null },
  at: PathSegment[],
): Diagnostic[] {
  const where = `level ${entry.level} of "${competency}"`;
  if (kindIds.length > 0 && entry.behaviours !== null) {
    return [
      diagnosticAt(
        file,
        [...at, 'behaviours'],
        {
          code: 'unknown-indicator-kind',
          message: `${where} lists \`behaviours\`, but framework ${frameworkId} gives its indicators by kind`,
          hint: `list them by kind under \`indicators:\`, with the kinds ${kindIds.join(', ')}`,
        },
        true,
      ),
    ];
  }
  return Object.keys(entry.indicators ?? {})
    .filter((kind) => !kindIds.includes(kind))
    .map((kind) => {
      const guess = closest(kind, kindIds);
      return diagnosticAt(
        file,
        [...at, 'indicators', kind],
        {
          code: 'unknown-indicator-kind',
          message: `${where} lists indicators of kind "${kind}", which framework ${frameworkId} does not declare`,
          hint: guess
            ? `did you mean "${guess}"?`
            : kindIds.length > 0
              ? `the kinds of indicator it declares are: ${kindIds.join(', ')}`
              : 'declare the kinds under `indicatorKinds:` at the top of the framework, or list the behaviours under `behaviours:`',
        },
        true,
      );
    });
}

const sameName = (a: string, b: string) => a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

function checkRole(pack: LoadedPack): Diagnostic[] {
  const checkedRole = usable(pack.role, ['behaviours']);
  const checkedFramework = usable(pack.framework, frameworkFields);
  if (!checkedRole || !checkedFramework) return [];
  const { file, data: role } = checkedRole;
  const framework = checkedFramework.data;
  const found: Diagnostic[] = [];
  const citedAlready = new Map<Competency, { level: string | number }>();
  role.behaviours.competencies.forEach((cited, i) => {
    const at = ['behaviours', 'competencies', i];
    const competency = findCompetency(framework, cited.competency);
    if (!competency && lostFrom(pack.framework, ['competencies'], cited.competency)) return;
    if (!competency) {
      const guess = closest(cited.competency, competencyNames(framework));
      found.push(
        diagnosticAt(file, [...at, 'competency'], {
          code: 'unknown-competency',
          message: `unknown competency "${cited.competency}" in framework ${framework.id}`,
          hint: guess
            ? `did you mean "${guess}"?`
            : `the competencies of ${framework.id} are: ${framework.competencies.map((c) => c.name).join('; ')}`,
        }),
      );
      return;
    }
    const earlier = citedAlready.get(competency);
    if (earlier) {
      found.push(
        diagnosticAt(file, [...at, 'competency'], {
          code: 'duplicate-competency',
          message: `competency "${competency.name}" is cited more than once in this role`,
          hint: `${sameName(cited.competency, competency.name) ? 'it' : `"${cited.competency}" is another name of it, and it`} is cited above at level ${earlier.level}; cite each competency once, at the level the role asks for`,
        }),
      );
      return;
    }
    citedAlready.set(competency, { level: cited.level });
    const level = findLevel(framework, cited.level);
    // Where a competency lists behaviours by level, only those levels exist for it.
    const levelsOfCompetency = competency.levels.length > 0 ? levelsOf(framework, competency) : framework.levels;
    const levelLost =
      lostFrom(pack.framework, ['levels'], cited.level) ||
      lostFrom(pack.framework, ['competencies', framework.competencies.indexOf(competency), 'levels']);
    if ((!level || !levelsOfCompetency.includes(level)) && !levelLost) {
      found.push(
        diagnosticAt(file, [...at, 'level'], {
          code: 'unknown-level',
          message: `level ${cited.level} does not exist for "${competency.name}" in framework ${framework.id}`,
          hint: `levels: ${levelsOfCompetency.map((l) => l.id).join(', ')}`,
        }),
      );
    }
    if (cited.cluster !== null) {
      const cluster = findCluster(framework, cited.cluster);
      const actual = competency.cluster === null ? undefined : findCluster(framework, competency.cluster);
      if ((!cluster || cluster !== actual) && !lostFrom(pack.framework, ['clusters'], cited.cluster)) {
        found.push(
          diagnosticAt(file, [...at, 'cluster'], {
            code: 'wrong-cluster',
            message: cluster
              ? `"${competency.name}" is not in cluster "${cluster.name}" in framework ${framework.id}`
              : `unknown cluster "${cited.cluster}" in framework ${framework.id}`,
            hint: actual ? `"${competency.name}" is in "${actual.name}"` : 'this framework has no clusters; remove `cluster`',
          }),
        );
      }
    }
  });
  role.behaviours.values.forEach((cited, i) => {
    const at = ['behaviours', 'values', i];
    if (pack.values === undefined) return; // the values file could not be read: reported there
    const values = usable(pack.values, ['id', 'values'])?.data;
    if (pack.values !== null && !values) return;
    if (!values) {
      found.push(
        diagnosticAt(file, at, {
          code: 'unknown-value',
          message: `value "${cited}" is cited, but the pack names no values set`,
          hint: 'add `values:` under `data:` in pack.yaml',
        }),
      );
    } else if (!findValue(values, cited) && !lostFrom(pack.values, ['values', 'items'], cited)) {
      const guess = closest(cited, values.values.items.flatMap((v) => [v.name, v.id]));
      found.push(
        diagnosticAt(file, at, {
          code: 'unknown-value',
          message: `unknown value "${cited}" in values set ${values.id}`,
          hint: guess ? `did you mean "${guess}"?` : `values: ${values.values.items.map((v) => v.name).join(', ')}`,
        }),
      );
    }
  });
  return found;
}

function checkTimeline(pack: LoadedPack, today: string | undefined): Diagnostic[] {
  const checked = usable(pack.timeline, ['stages']);
  if (!checked) return [];
  const { file, data: timeline } = checked;
  const found = duplicateIds(file, timeline.stages, ['stages'], 'stage');
  if (today !== undefined) {
    timeline.stages.forEach((stage, i) => {
      if (stage.date !== null && stage.date < today) {
        found.push(
          diagnosticAt(file, ['stages', i, 'date'], {
            code: 'date-in-past',
            message: `stage "${stage.name}" is on ${stage.date}, which is before today (${today})`,
            hint: 'update the date; to check the pack as of another day, use --today YYYY-MM-DD',
          }),
        );
      }
    });
  }
  let previous: { name: string; at: string } | undefined;
  timeline.stages.forEach((stage, i) => {
    if (stage.date === null) return;
    const at = `${stage.date}T${stage.time ?? '00:00'}`;
    if (previous && at <= previous.at) {
      found.push(
        diagnosticAt(file, ['stages', i, 'date'], {
          code: 'timeline-order',
          message: `stage "${stage.name}" (${stage.date}) is not after stage "${previous.name}" (${previous.at.slice(0, 10)})`,
          hint: 'stages must be listed in order, each on a later date than the one before',
        }),
      );
    }
    // The next stage comes after this one's last day, when it is held over several.
    previous = { name: stage.name, at: stage.endDate !== null && stage.endDate > stage.date ? `${stage.endDate}T${stage.time ?? '00:00'}` : at };
  });
  const closing = timeline.applications?.closingStage;
  if (closing !== undefined) {
    const stage = timeline.stages.find((s) => s.id === closing);
    if ((!stage && !lostFrom(pack.timeline, ['stages'], closing)) || stage?.date === null) {
      found.push(
        diagnosticAt(file, ['applications', 'closingStage'], {
          code: 'unknown-stage',
          message: stage ? `closing stage "${closing}" has no date` : `unknown stage "${closing}"`,
          hint: `stages: ${timeline.stages.map((s) => s.id).join(', ')}`,
        }),
      );
    }
  }
  return found;
}

function checkPayScale(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.payScale, ['figures', 'grades']);
  if (!checked) return [];
  const { file, data: scale } = checked;
  const found = [
    ...duplicateIds(file, scale.figures, ['figures'], 'figure'),
    ...duplicateIds(file, scale.grades, ['grades'], 'grade'),
  ];
  const figureIds = scale.figures.map((f) => f.id);
  scale.grades.forEach((grade, g) => {
    grade.rates.forEach((rate, r) => {
      const previous = grade.rates[r - 1];
      if (previous && rate.from <= previous.from) {
        found.push(
          diagnosticAt(file, ['grades', g, 'rates', r, 'from'], {
            code: 'rate-order',
            message: `rates of grade "${grade.id}" must be listed oldest first: ${rate.from} is not after ${previous.from}`,
            hint: 'add a new pay award at the end of the list, with the date it takes effect',
          }),
        );
      }
      for (const key of Object.keys(rate.amounts)) {
        if (figureIds.includes(key) || lostFrom(pack.payScale, ['figures'], key)) continue;
        const guess = closest(key, figureIds);
        found.push(
          diagnosticAt(
            file,
            ['grades', g, 'rates', r, 'amounts', key],
            {
              code: 'unknown-figure',
              message: `"${key}" is not a figure of pay scale ${scale.id ?? ''}`.trimEnd(),
              hint: guess ? `did you mean "${guess}"?` : `figures: ${figureIds.join(', ')}; add it to \`figures\` first`,
            },
            true,
          ),
        );
      }
    });
  });
  return found;
}

function checkRemuneration(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.remuneration, ['salary']);
  if (!checked) return [];
  const { file, data } = checked;
  const salary = data.salary;
  const found = duplicateIds(file, salary.conditional?.options ?? [], ['salary', 'conditional', 'options'], 'pay item');
  if (pack.payScale === null) {
    found.push(
      diagnosticAt(
        file,
        ['salary'],
        {
          code: 'no-pay-scale',
          message: 'the salary takes its figures from a pay scale, but pack.yaml names none',
          hint: 'add `payScale: ../shared/pay-scales/<scale>.yaml` under `data:` in pack.yaml',
        },
        true,
      ),
    );
    return found;
  }
  const scale = usable(pack.payScale, ['figures', 'grades']);
  if (!scale) return found; // the scale itself has a mistake, reported there
  const grade = findGrade(scale.data, salary.grade);
  if (!grade && lostFrom(pack.payScale, ['grades'], salary.grade)) return found;
  if (!grade) {
    const guess = closest(salary.grade, scale.data.grades.map((g) => g.id));
    found.push(
      diagnosticAt(file, ['salary', 'grade'], {
        code: 'unknown-grade',
        message: `unknown grade "${salary.grade}" in pay scale ${scale.file.file}`,
        hint: guess ? `did you mean "${guess}"?` : `grades: ${scale.data.grades.map((g) => g.id).join(', ')}`,
      }),
    );
    return found;
  }
  // With a rate left out for a mistake of its own (reported there), the rate in force is not known.
  if (lostFrom(pack.payScale, ['grades', scale.data.grades.indexOf(grade), 'rates'])) return found;
  const rate = rateInForce(grade, salary.on);
  if (!rate) {
    found.push(
      diagnosticAt(file, ['salary', 'on'], {
        code: 'no-rate-in-force',
        message: `no rates of "${grade.name}" are in force on ${salary.on}: the first take effect on ${grade.rates[0]!.from}`,
        hint: 'set `on:` to the day the figures should apply, on or after a rate\'s `from` date',
      }),
    );
    return found;
  }
  const cited: [string, PathSegment[]][] = [
    ...salary.items.map((item, i): [string, PathSegment[]] => [item, ['salary', 'items', i]]),
    ...(salary.conditional?.options ?? []).flatMap((option, i): [string, PathSegment[]][] =>
      option.figure === null ? [] : [[option.figure, ['salary', 'conditional', 'options', i, 'figure']]],
    ),
  ];
  const figureIds = scale.data.figures.map((f) => f.id);
  for (const [figure, at] of cited) {
    if (!figureIds.includes(figure) && lostFrom(pack.payScale, ['figures'], figure)) continue;
    if (!figureIds.includes(figure)) {
      const guess = closest(figure, figureIds);
      found.push(
        diagnosticAt(file, at, {
          code: 'unknown-figure',
          message: `"${figure}" is not a figure of pay scale ${scale.file.file}`,
          hint: guess ? `did you mean "${guess}"?` : `figures: ${figureIds.join(', ')}`,
        }),
      );
    } else if (amountOf(rate, figure) === undefined) {
      found.push(
        diagnosticAt(file, at, {
          code: 'missing-rate',
          message: `pay scale ${scale.file.file} gives no "${figure}" for "${grade.name}" in the rates from ${rate.from}`,
          hint: `add \`${figure}:\` to those rates, or take it out of the list`,
        }),
      );
    }
  }
  salary.conditional?.options.forEach((option, i) => {
    if (option.figure === null && option.label === null) {
      found.push(
        diagnosticAt(file, ['salary', 'conditional', 'options', i], {
          code: 'missing-field',
          message: 'a conditional pay option needs a `figure` from the pay scale or a `label` to print',
          hint: 'add `figure: <id>` or `label: <words>`',
        }),
      );
    }
  });
  return found;
}

function checkValues(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.values, ['values']);
  if (!checked) return [];
  const { file, data } = checked;
  return [
    ...duplicateIds(file, data.values.items, ['values', 'items'], 'value'),
    ...duplicateIds(file, data.principles?.items ?? [], ['principles', 'items'], 'principle'),
  ];
}

export function checkReferences(pack: LoadedPack, options: { today?: string } = {}): Diagnostic[] {
  return [
    ...checkFramework(pack),
    ...checkValues(pack),
    ...checkRole(pack),
    ...checkTimeline(pack, options.today),
    ...checkTypedDates(pack),
    ...checkWorkingDays(pack),
    ...checkPayScale(pack),
    ...checkRemuneration(pack),
    ...checkPayShapes(pack),
    ...checkSalaryLocation(pack),
    ...checkConflictingFigures(pack),
  ];
}
