// The look every writer falls back on when a document's metadata names no theme:
// the project's own blues, the colours the writers used before themes existed.
import type { Theme } from './document.js';

export const defaultTheme: Theme = {
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
