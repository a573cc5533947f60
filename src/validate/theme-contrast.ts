// A theme's colours against WCAG 2.2 AA (1.4.3 Contrast, Minimum): every pair
// that carries text reaches 4.5:1, or 3:1 where all its text is large (at least
// 18 pt, or 14 pt bold). The sizes are the writers': `heading` colours the
// title (28 pt bold), level-1 and level-2 headings (20 and 14 pt bold, in the
// PDF and Word; 21 and 16.5 pt bold on the web page) and the contents' title,
// all large; `accent` colours level-3 headings (11.5 pt bold), which are not.
// The table header (10.5 pt bold) and the cover's band (which may carry the key
// facts at body size) are held to 4.5:1. The formula is WCAG's own, a few lines.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../pack/data-file.js';
import type { LoadedPack } from '../pack/loaded-pack.js';
import { DEFAULT_THEME } from '../model/default-theme.js';
import type { Theme } from '../model/document.js';

type ColourName = keyof Theme['colours'];

/** Each pair that carries text: the text's colour, what it stands on, and whether all its text is large. */
const PAIRS: { text: ColourName; on: ColourName | 'white'; large: boolean }[] = [
  { text: 'text', on: 'white', large: false },
  { text: 'heading', on: 'white', large: true },
  { text: 'accent', on: 'white', large: false },
  { text: 'link', on: 'white', large: false },
  { text: 'muted', on: 'white', large: false },
  { text: 'headerText', on: 'headerFill', large: false },
  { text: 'bandText', on: 'band', large: false },
];

type Rgb = [number, number, number];

const rgbOf = (hex: string): Rgb => [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as Rgb;
const hexOf = (rgb: Rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** WCAG's relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG's contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A ratio as printed: cut, never rounded, to two places, so that 4.499 is not shown as passing 4.50. */
const ratioText = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/**
 * The nearest shade of `text` that reaches `needed` on `background`: the same
 * hue taken step by step towards black (or, on a dark background, towards white).
 */
function nearestPassing(text: Rgb, background: Rgb, needed: number): { hex: string; darker: boolean } | undefined {
  const darker = luminance(background) > 0.18;
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const shade = text.map((c) => Math.round(darker ? c * (1 - t) : c + (255 - c) * t)) as Rgb;
    if (contrastRatio(shade, background) >= needed) return { hex: hexOf(shade), darker };
  }
  return undefined;
}

/** Every text pair of the organisation's theme below WCAG AA, at the line of the colour it names. */
export function checkThemeContrast(pack: LoadedPack): Diagnostic[] {
  const organisation = pack.organisation;
  const given = organisation?.data.theme?.colours;
  if (!organisation || !given) return [];
  const colours: Theme['colours'] = { ...DEFAULT_THEME.colours, ...given };
  const diagnostics: Diagnostic[] = [];
  for (const pair of PAIRS) {
    const background = pair.on === 'white' ? '#ffffff' : colours[pair.on];
    const ratio = contrastRatio(rgbOf(colours[pair.text]), rgbOf(background));
    const needed = pair.large ? 3 : 4.5;
    if (ratio >= needed) continue;
    // At the text colour when the theme gives it, else at the background it gives.
    const at = given[pair.text] !== undefined || pair.on === 'white' ? pair.text : pair.on;
    const shade = nearestPassing(rgbOf(colours[pair.text]), rgbOf(background), needed);
    const onWhat = pair.on === 'white' ? 'white' : `${pair.on} ${background.toLowerCase()}`;
    diagnostics.push(
      diagnosticAt(organisation.file, ['theme', 'colours', at], {
        code: 'low-contrast',
        message: `theme colour ${pair.text} ${colours[pair.text].toLowerCase()} on ${onWhat} has a contrast of ${ratioText(ratio)}; ${pair.large ? 'large text' : 'text'} needs at least ${needed}:1`,
        hint: shade
          ? `use a ${shade.darker ? 'darker' : 'lighter'} ${pair.text} colour: ${shade.hex} is the nearest shade that reaches ${needed}:1`
          : `choose a ${pair.on === 'white' ? 'darker' : 'more different'} ${pair.text} colour, or a different ${pair.on === 'white' ? 'one' : pair.on}`,
      }),
    );
  }
  return diagnostics;
}
