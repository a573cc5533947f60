// The colours a drawing is drawn in: the organisation's theme's when it has one,
// else the writers' defaults (src/writers/pdf/styles.ts), so a drawing matches
// the headings and tables around it.
import type { Theme } from '../../model/document.js';

export type DrawingColours = Pick<Theme['colours'], 'text' | 'heading' | 'accent' | 'muted' | 'rule' | 'headerFill'>;

export const DEFAULT_DRAWING_COLOURS: DrawingColours = {
  text: '#1a1a1a',
  heading: '#002d62',
  accent: '#0b5cab',
  muted: '#555555',
  rule: '#b7c4d6',
  headerFill: '#e8eef6',
};
