// The colours a drawing is drawn in: the organisation's theme's when it has one,
// else today's look (the default theme), so a drawing matches the headings and
// tables around it.
import type { Theme } from '../../model/document.js';
import { DEFAULT_THEME } from '../../model/default-theme.js';

export type DrawingColours = Pick<Theme['colours'], 'text' | 'heading' | 'accent' | 'muted' | 'rule' | 'headerFill'>;

export const DEFAULT_DRAWING_COLOURS: DrawingColours = DEFAULT_THEME.colours;
