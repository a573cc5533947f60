// Finding things a pack cites by the names people write: a competency by its
// id, its name in the framework's edition or an alias; a value by id or name.
import type { Framework } from '../schema/framework.js';
import type { ValuesSet } from '../schema/values.js';

export type Competency = Framework['competencies'][number];
export type Level = Framework['levels'][number];
export type Cluster = Framework['clusters'][number];
export type Value = ValuesSet['values']['items'][number];

const normalise = (s: string | number) => String(s).trim().toLowerCase().replace(/\s+/g, ' ');

export function findCompetency(framework: Pick<Framework, 'competencies'>, cited: string): Competency | undefined {
  const wanted = normalise(cited);
  return framework.competencies.find(
    (c) => normalise(c.id) === wanted || normalise(c.name) === wanted || c.aliases.some((a) => normalise(a) === wanted),
  );
}

/** Every name a competency may be cited by, for did-you-mean hints. */
export function competencyNames(framework: Pick<Framework, 'competencies'>): string[] {
  return framework.competencies.flatMap((c) => [c.name, ...c.aliases, c.id]);
}

/**
 * The level a role or a competency cites, by its id (`3`, `G7`) or its name
 * (`Level 3`, `Grade 7`). The one way a level is found, so that a level cited by
 * either is the same level everywhere: checked, and printed with its indicators.
 * An id is matched before a name, so a name that is another level's id cannot take it.
 */
export function findLevel(framework: Pick<Framework, 'levels'>, cited: string | number): Level | undefined {
  const wanted = normalise(cited);
  return framework.levels.find((l) => normalise(l.id) === wanted) ?? framework.levels.find((l) => normalise(l.name) === wanted);
}

export function findCluster(framework: Pick<Framework, 'clusters'>, cited: string): Cluster | undefined {
  return framework.clusters.find((c) => normalise(c.id) === normalise(cited) || normalise(c.name) === normalise(cited));
}

export function findValue(values: Pick<ValuesSet, 'values'>, cited: string): Value | undefined {
  return values.values.items.find((v) => normalise(v.id) === normalise(cited) || normalise(v.name) === normalise(cited));
}

/**
 * The kinds of indicator a framework's levels give: those it names, or, when it
 * names none, the one plain list of `behaviours` (no name, no lead-in).
 */
export interface IndicatorKindShown {
  id: string;
  name: string | null;
  leadIn: string | null;
  negative: boolean;
}

/** The id the plain list of `behaviours` has among the indicator kinds, in a framework that names none. */
export const BEHAVIOURS_KIND = 'behaviours';

export function indicatorKinds(framework: Pick<Framework, 'indicatorKinds'>): IndicatorKindShown[] {
  if (framework.indicatorKinds.length === 0) return [{ id: BEHAVIOURS_KIND, name: null, leadIn: null, negative: false }];
  // Positive kinds first, then negative ones, each in the order the framework declares them.
  return [...framework.indicatorKinds.filter((k) => !k.negative), ...framework.indicatorKinds.filter((k) => k.negative)];
}

/** The lists a competency gives at one level, one per kind that has one, positive kinds before negative ones. */
export function indicatorsAt(framework: Pick<Framework, 'levels' | 'indicatorKinds'>, competency: Competency, level: Level) {
  const entry = competency.levels.find((e) => findLevel(framework, e.level) === level);
  if (!entry) return [];
  return indicatorKinds(framework).flatMap((kind) => {
    const items = kind.id === BEHAVIOURS_KIND && framework.indicatorKinds.length === 0 ? entry.behaviours : entry.indicators?.[kind.id];
    return items && items.length > 0 ? [{ kind, items }] : [];
  });
}

/** The levels a competency gives indicators at, in the framework's order. */
export function levelsOf(framework: Pick<Framework, 'levels'>, competency: Competency): Level[] {
  return framework.levels.filter((l) => competency.levels.some((entry) => findLevel(framework, entry.level) === l));
}

/**
 * The behaviours (the positive indicators) a competency lists at a level, or at
 * that level and every level below it.
 */
export function behavioursAt(framework: Pick<Framework, 'levels' | 'indicatorKinds'>, competency: Competency, level: Level, cumulative: boolean) {
  const order = framework.levels.indexOf(level);
  return framework.levels
    .filter((_, i) => (cumulative ? i <= order : i === order))
    .map((l) => ({
      level: l,
      behaviours: indicatorsAt(framework, competency, l)
        .filter((list) => !list.kind.negative)
        .flatMap((list) => list.items),
    }));
}
