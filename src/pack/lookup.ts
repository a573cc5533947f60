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

export function findLevel(framework: Pick<Framework, 'levels'>, cited: string | number): Level | undefined {
  return framework.levels.find((l) => normalise(l.id) === normalise(cited) || normalise(l.name) === normalise(cited));
}

export function findCluster(framework: Pick<Framework, 'clusters'>, cited: string): Cluster | undefined {
  return framework.clusters.find((c) => normalise(c.id) === normalise(cited) || normalise(c.name) === normalise(cited));
}

export function findValue(values: Pick<ValuesSet, 'values'>, cited: string): Value | undefined {
  return values.values.items.find((v) => normalise(v.id) === normalise(cited) || normalise(v.name) === normalise(cited));
}

/** The behaviours a competency lists at a level, or those of that level and every level below it. */
export function behavioursAt(framework: Pick<Framework, 'levels'>, competency: Competency, level: Level, cumulative: boolean) {
  const order = framework.levels.indexOf(level);
  return framework.levels
    .filter((_, i) => (cumulative ? i <= order : i === order))
    .map((l) => ({
      level: l,
      behaviours: competency.levels.find((entry) => normalise(entry.level) === normalise(l.id))?.behaviours ?? [],
    }));
}
