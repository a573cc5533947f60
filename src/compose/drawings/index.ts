// The drawings a template may place, by name: `![](drawing:timeline)` and
// `![](drawing:structure)` on a line of their own. Each is drawn from the
// resolved pack's data, so templates hold no organisation's words, and its
// alternative text is written from the same data (the template's alt is not
// used). A drawing with nothing to draw (no stage dated yet, no posts) is left
// out, as a picture-less caption would be.
import type { Block } from '../../model/document.js';
import type { ResolvedPack } from '../../resolve/resolve-pack.js';
import { DEFAULT_DRAWING_COLOURS, type DrawingColours } from './colours.js';
import { drawTimeline } from './timeline.js';
import { drawStructureChart } from './structure-chart.js';
import type { Drawing } from './svg.js';
import { letteringOf, type Lettering } from './glyphs.js';

const PREFIX = 'drawing:';

const drawers: Record<string, (resolved: ResolvedPack, colours: DrawingColours, lettering: Lettering) => Drawing | null> = {
  timeline: (resolved, colours, lettering) => {
    const timeline = resolved.timeline;
    if (timeline === null) return null;
    const closing = timeline.applications?.closingStage;
    return drawTimeline(
      timeline.stages.map((s) => ({ name: s.name, date: s.isoDate, endDate: s.endDate, when: s.when, time: s.time, closing: s.id === closing })),
      colours,
      lettering,
    );
  },
  structure: (resolved, colours, lettering) => drawStructureChart(resolved.organisation.structure?.posts ?? [], colours, lettering),
};

/** The names a template may draw. */
export const DRAWING_NAMES = Object.keys(drawers);

/**
 * The block for an image source that names a drawing: the drawing, or null when it has nothing
 * to draw; undefined when the source names no drawing (an ordinary image, or an unknown name).
 * Its text is set in `lettering`: the theme's body family, so that it matches the text around it.
 */
export function drawingBlock(
  src: string,
  resolved: ResolvedPack,
  colours: DrawingColours = DEFAULT_DRAWING_COLOURS,
  lettering: Lettering = letteringOf(),
): Block | null | undefined {
  if (!src.startsWith(PREFIX)) return undefined;
  const drawer = drawers[src.slice(PREFIX.length)];
  if (drawer === undefined) return undefined;
  const drawing = drawer(resolved, colours, lettering);
  return drawing && { type: 'drawing', ...drawing };
}
