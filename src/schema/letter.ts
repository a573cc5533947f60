// A signed letter, such as the introduction from the Commissioner.
import { z } from 'zod';
import { paragraphs, text } from './common.js';

export const letterSchema = z.strictObject({
  title: text.describe('The letter\'s heading, such as "A message from our Chief Executive".'),
  paragraphs: paragraphs.min(1).describe('The letter\'s paragraphs, in order, one list item (a line starting "- ") for each.'),
  signature: z
    .strictObject({
      name: text.describe('The name printed in bold at the end of the letter, such as "Jane Smith".'),
      title: text.describe('The job title printed under the name, such as "Chief Executive".'),
    })
    .describe('Who signs the letter: their name and job title, printed at its end.'),
});

export type Letter = z.infer<typeof letterSchema>;
