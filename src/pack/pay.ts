// Reading a pay scale: the grade a pack names, the rates in force on the day
// its figures apply, and what each figure is called.
import type { PayScale } from '../schema/pay-scale.js';

export type Grade = PayScale['grades'][number];
export type Rate = Grade['rates'][number];

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

/** A figure's amount in a rate, if the rate gives it. */
export function amountOf(rate: Rate, figure: string): number | undefined {
  return Object.hasOwn(rate.amounts, figure) ? rate.amounts[figure] : undefined;
}
