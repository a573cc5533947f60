// Today's look, as a theme: what a pack whose organisation gives no theme (or
// leaves a colour out) is drawn with. The one place these constants live.
import type { Theme } from './document.js';

export const DEFAULT_THEME: Theme = {
  colours: {
    text: '#1a1a1a',
    heading: '#002d62',
    accent: '#0b5cab',
    link: '#0b5cab',
    muted: '#555555',
    rule: '#b7c4d6',
    headerFill: '#e8eef6',
    headerText: '#002d62',
    band: '#002d62',
    bandText: '#ffffff',
  },
  cover: { style: 'band' },
};

/** The theme a document is drawn with: its own, or today's look. */
export function themeOf(meta: { theme?: Theme }): Theme {
  return meta.theme ?? DEFAULT_THEME;
}
