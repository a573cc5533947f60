// The selection timeline, drawn from the timeline's data: each dated stage on a
// date axis (a dot for a day, a bar for several days), the closing date marked,
// and under the axis each stage's name and its day or days, in date order, one
// column each, joined to its place on the axis by a line. The stage table beside
// it is its text equivalent; the alternative text says the same in a sentence.
import type { DrawingColours } from './colours.js';
import { GlyphOutlines, letteringOf, num, textWidth, wrap, type Lettering } from './glyphs.js';
import { svgDocument, type Drawing } from './svg.js';

export interface TimelineStage {
  name: string;
  /** YYYY-MM-DD; a stage with no date is left out of the drawing. */
  date: string | null;
  endDate: string | null;
  /** The day or days as the pack prints them, such as "Monday 11 January 2021". */
  when: string | null;
  /** The time as printed, such as "midday"; null for none. */
  time: string | null;
  closing: boolean;
}

const WIDTH = 470;
const PAD = 14;
const AXIS = 30;
const NAME_SIZE = 9;
const DATE_SIZE = 8;
const LABEL_TOP = AXIS + 30;

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** What a stage's label says of its date: its day or days, and the time. */
const dateText = (stage: TimelineStage) => (stage.time === null ? stage.when! : `${stage.when}, ${stage.time}`);

export function timelineAlt(stages: readonly TimelineStage[]): string {
  const dated = stages.filter((s) => s.date !== null && s.when !== null);
  return `Selection timeline: ${dated.map((s) => `${s.name}, ${dateText(s)}${s.closing ? ' (the closing date)' : ''}`).join('; ')}.`;
}

/** The timeline drawing, or null when no stage has a date yet. */
export function drawTimeline(stages: readonly TimelineStage[], colours: DrawingColours, lettering: Lettering = letteringOf()): Drawing | null {
  const dated = stages.filter((s) => s.date !== null && s.when !== null).sort((a, b) => day(a.date!) - day(b.date!));
  if (dated.length === 0) return null;
  const first = day(dated[0]!.date!);
  const last = Math.max(...dated.map((s) => day(s.endDate ?? s.date!)));
  const x = (iso: string) => (last === first ? WIDTH / 2 : PAD + ((day(iso) - first) / (last - first)) * (WIDTH - 2 * PAD));
  const column = WIDTH / dated.length;
  const labelWidth = column - 8;
  const labels = dated.map((stage) => {
    const name = wrap(stage.name, lettering.bold, NAME_SIZE, labelWidth);
    const date = wrap(dateText(stage), lettering.regular, DATE_SIZE, labelWidth);
    return { name, date, height: name.length * NAME_SIZE * 1.2 + 2 + date.length * DATE_SIZE * 1.2 };
  });
  const height = Math.ceil(LABEL_TOP + Math.max(...labels.map((l) => l.height)) + 6);
  const glyphs = new GlyphOutlines();
  const parts: string[] = [`<line x1="${PAD}" y1="${AXIS}" x2="${WIDTH - PAD}" y2="${AXIS}" stroke="${colours.rule}" stroke-width="2"/>`];
  dated.forEach((stage, i) => {
    const start = x(stage.date!);
    const end = stage.endDate === null ? start : x(stage.endDate);
    const centre = (start + end) / 2;
    const labelCentre = column * i + column / 2;
    const fill = stage.closing ? colours.heading : colours.accent;
    // The leader first, so the marker sits on top of it: down from the axis, across to the stage's column.
    parts.push(
      `<polyline points="${num(centre)},${AXIS} ${num(centre)},${AXIS + 10} ${num(labelCentre)},${LABEL_TOP - 8} ${num(labelCentre)},${LABEL_TOP - 3}" fill="none" stroke="${colours.rule}" stroke-width="1"/>`,
    );
    if (end > start) parts.push(`<rect x="${num(start - 4)}" y="${AXIS - 4}" width="${num(end - start + 8)}" height="8" rx="4" fill="${fill}"/>`);
    else parts.push(`<circle cx="${num(centre)}" cy="${AXIS}" r="${stage.closing ? 6 : 4.5}" fill="${fill}"/>`);
    if (stage.closing) {
      const flag = 'Closing date';
      const flagX = Math.min(Math.max(centre, textWidth(flag, lettering.bold, DATE_SIZE) / 2 + 1), WIDTH - textWidth(flag, lettering.bold, DATE_SIZE) / 2 - 1);
      parts.push(glyphs.textBlock([flag], lettering.bold, DATE_SIZE, flagX, AXIS - 20, 'centre', colours.heading));
    }
    const label = labels[i]!;
    parts.push(glyphs.textBlock(label.name, lettering.bold, NAME_SIZE, labelCentre, LABEL_TOP, 'centre', colours.heading));
    parts.push(glyphs.textBlock(label.date, lettering.regular, DATE_SIZE, labelCentre, LABEL_TOP + label.name.length * NAME_SIZE * 1.2 + 2, 'centre', colours.text));
  });
  const alt = timelineAlt(dated);
  return { svg: svgDocument(WIDTH, height, [glyphs.defs(), ...parts]), width: WIDTH, height, alt };
}
