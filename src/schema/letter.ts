// A signed letter, such as the introduction from the Commissioner.
import { z } from 'zod';
import { paragraphs, text } from './common.js';

export const letterSchema = z.strictObject({
  title: text,
  paragraphs: paragraphs.min(1),
  signature: z.strictObject({ name: text, title: text }),
});

export type Letter = z.infer<typeof letterSchema>;
