// Reading a pay scale: the grade a pack names, the rates in force on the day
// its figures apply, what each figure is called, and a figure's pay in the
// pack's location, in one of its shapes (one amount, a range, pay points).
import type { Pay, PayScale } from '../schema/pay-scale.js';

export type Grade = PayScale['grades'][number];
export type Rate = Grade['rates'][number];
export type PayPoint = { id: string; name: string; amount: number };

/** A figure's pay in one place, by its shape. */
export type PayShape =
  | { kind: 'spot'; amount: number }
  | { kind: 'range'; minimum: number; maximum: number }
  | { kind: 'points'; points: PayPoint[] };

export function findGrade(scale: Pick<PayScale, 'grades'>, id: string): Grade | undefined {
  return scale.grades.find((grade) => grade.id === id);
}

/** The rates in force on a day: the latest set whose `from` is on or before it. */
export function rateInForce(grade: Grade, on: string): Rate | undefined {
  let inForce: Rate | undefined;
  for (const rate of grade.rates) if (rate.from <= on && (!inForce || rate.from > inForce.from)) inForce = rate;
  return inForce;
}

export function figureLabel(scale: Pick<PayScale, 'figures'>, id: string): string | undefined {
  return scale.figures.find((figure) => figure.id === id)?.label;
}

/** A figure's pay as a rate writes it, if the rate gives it. */
export function amountOf(rate: Rate, figure: string): Pay | undefined {
  return Object.hasOwn(rate.amounts, figure) ? rate.amounts[figure] : undefined;
}

/** Whether a figure's pay is given by location. */
export function isByLocation(pay: Pay): pay is Extract<Pay, { locations?: unknown }> & { locations: Record<string, Pay> } {
  return typeof pay === 'object' && pay.locations !== undefined;
}

/** The shape of pay given in one place (not by location); undefined for pay by location or a shape the schema refused. */
export function shapeOf(pay: Pay): PayShape | undefined {
  if (typeof pay === 'number') return { kind: 'spot', amount: pay };
  if (pay.points !== undefined) return { kind: 'points', points: pay.points };
  if (pay.minimum !== undefined && pay.maximum !== undefined) return { kind: 'range', minimum: pay.minimum, maximum: pay.maximum };
  return undefined;
}

/**
 * A figure's pay for a pack: in the pack's location when the scale gives it by
 * location. `at` is where it is written, under the figure's amount.
 */
export function payFor(pay: Pay, location: string | null): { shape: PayShape; at: string[] } | { problem: 'needs-location' | 'no-such-location' | 'not-by-location' } | undefined {
  if (isByLocation(pay)) {
    if (location === null) return { problem: 'needs-location' };
    if (!Object.hasOwn(pay.locations, location)) return { problem: 'no-such-location' };
    const shape = shapeOf(pay.locations[location]!);
    return shape && { shape, at: ['locations', location] };
  }
  const shape = shapeOf(pay);
  return shape && { shape, at: [] };
}

/** Every amount a shape names: the spot amount, both ends of a range, each point. */
export function amountsIn(shape: PayShape): number[] {
  return shape.kind === 'spot' ? [shape.amount] : shape.kind === 'range' ? [shape.minimum, shape.maximum] : shape.points.map((p) => p.amount);
}

/** The lowest and highest amounts of a shape. */
export function payRange(shape: PayShape): { minimum: number; maximum: number } {
  const amounts = amountsIn(shape);
  return { minimum: Math.min(...amounts), maximum: Math.max(...amounts) };
}
