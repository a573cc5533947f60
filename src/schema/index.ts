// The registry of data-file kinds: each kind's schema, by the name a pack uses for it.
import type { z } from 'zod';
import { calendarSchema } from './calendar.js';
import { frameworkSchema } from './framework.js';
import { letterSchema } from './letter.js';
import { organisationSchema } from './organisation.js';
import { packSchema } from './pack.js';
import { payScaleSchema } from './pay-scale.js';
import { remunerationSchema } from './remuneration.js';
import { roleSchema } from './role.js';
import { timelineSchema } from './timeline.js';
import { valuesSchema } from './values.js';

export const schemas = {
  pack: packSchema,
  organisation: organisationSchema,
  framework: frameworkSchema,
  values: valuesSchema,
  role: roleSchema,
  letter: letterSchema,
  remuneration: remunerationSchema,
  payScale: payScaleSchema,
  timeline: timelineSchema,
  calendar: calendarSchema,
} as const satisfies Record<string, z.ZodType>;

export type DataKind = keyof typeof schemas;
export type DataOf<K extends DataKind> = z.infer<(typeof schemas)[K]>;
