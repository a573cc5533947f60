// Formats figures and dates the way a pack prints them (en-GB). Written by
// hand rather than with Intl so that the output does not depend on the ICU
// data or the locale of the machine that builds it.

const months = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export type DateStyle = 'ordinal' | 'plain';

/** £156,693 — whole pounds with thousands separators. */
export function formatMoney(pounds: number): string {
  const sign = pounds < 0 ? '-' : '';
  return `${sign}£${Math.abs(pounds).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ... */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function parts(isoDate: string): { year: number; month: number; day: number } {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** "11th January 2021" (ordinal) or "11 January 2021" (plain). */
export function formatDate(isoDate: string, style: DateStyle): string {
  const { year, month, day } = parts(isoDate);
  return `${style === 'ordinal' ? ordinal(day) : day} ${months[month - 1]} ${year}`;
}

/** The day of the week of a date, e.g. "Monday". */
export function weekday(isoDate: string): string {
  const { year, month, day } = parts(isoDate);
  return weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
}

/** "midday", "midnight", "5pm", "9.30am" — as people write times in prose. */
export function formatTime(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  if (minutes === 0 && hours === 12) return 'midday';
  if (minutes === 0 && hours === 0) return 'midnight';
  const suffix = hours < 12 ? 'am' : 'pm';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === 0 ? `${hour12}${suffix}` : `${hour12}.${String(minutes).padStart(2, '0')}${suffix}`;
}

/** The UTC instant of midday on a date: a timestamp that reads as that date in every time zone. */
export function dateToTimestamp(isoDate: string): Date {
  const { year, month, day } = parts(isoDate);
  return new Date(Date.UTC(year, month - 1, day, 12));
}

const smallNumbers = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** "three" for 3, as prose writes small counts; larger numbers stay as digits. */
export function numberInWords(n: number): string {
  return smallNumbers[n] ?? String(n);
}

/** A count with its unit, singular or plural as the count needs: "one year", "three years", "70 miles". */
export function formatCount(n: number, unit: { one: string; other: string }): string {
  return `${numberInWords(n)} ${n === 1 ? unit.one : unit.other}`;
}

/** "27.1%", "5%": a percentage as written, without trailing zeros. */
export function formatPercent(n: number): string {
  return `${n}%`;
}

/**
 * The days of a stage held over several days, sharing what the two ends share:
 * "10 to 12 May 2027", "31 May to 2 June 2027", "31 December 2027 to 3 January 2028";
 * with weekdays, "Monday 10 to Wednesday 12 May 2027".
 */
export function formatDateSpan(start: string, end: string, style: DateStyle, withWeekdays: boolean): string {
  const from = parts(start);
  const to = parts(end);
  const day = (iso: string, n: number) => `${withWeekdays ? `${weekday(iso)} ` : ''}${style === 'ordinal' ? ordinal(n) : n}`;
  const last = `${day(end, to.day)} ${months[to.month - 1]} ${to.year}`;
  if (from.year !== to.year) return `${day(start, from.day)} ${months[from.month - 1]} ${from.year} to ${last}`;
  if (from.month !== to.month) return `${day(start, from.day)} ${months[from.month - 1]} to ${last}`;
  return `${day(start, from.day)} to ${last}`;
}
