// How figures, dates and times are printed (en-GB, as seed 001 prints them).
import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateSpan, formatMoney, formatTime, numberInWords, ordinal, weekday } from '../src/pack/format.js';

describe('formatting', () => {
  it('prints money in whole pounds with thousands separators', () => {
    expect(formatMoney(156693)).toBe('£156,693');
    expect(formatMoney(50)).toBe('£50');
    expect(formatMoney(1000000)).toBe('£1,000,000');
    expect(formatMoney(0)).toBe('£0');
  });

  it('prints ordinal days as the seed does, including the teens', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '31st',
    ]);
  });

  it('prints dates in either style', () => {
    expect(formatDate('2021-01-11', 'ordinal')).toBe('11th January 2021');
    expect(formatDate('1994-09-01', 'ordinal')).toBe('1st September 1994');
    expect(formatDate('2021-01-11', 'plain')).toBe('11 January 2021');
  });

  it('names the weekday of a date whatever the time zone', () => {
    expect(weekday('2021-01-11')).toBe('Monday');
    expect(weekday('2021-01-20')).toBe('Wednesday');
  });

  it('prints times as prose does', () => {
    expect(formatTime('12:00')).toBe('midday');
    expect(formatTime('00:00')).toBe('midnight');
    expect(formatTime('17:00')).toBe('5pm');
    expect(formatTime('09:30')).toBe('9.30am');
  });

  it('writes small counts in words', () => {
    expect(numberInWords(3)).toBe('three');
    expect(numberInWords(6)).toBe('six');
    expect(numberInWords(40)).toBe('40');
  });

  it('prints the days of a stage over several days, sharing what both ends share', () => {
    expect(formatDateSpan('2027-05-10', '2027-05-12', 'plain', true)).toBe('Monday 10 to Wednesday 12 May 2027');
    expect(formatDateSpan('2027-05-10', '2027-05-12', 'ordinal', true)).toBe('Monday 10th to Wednesday 12th May 2027');
    expect(formatDateSpan('2027-05-31', '2027-06-02', 'plain', true)).toBe('Monday 31 May to Wednesday 2 June 2027');
    expect(formatDateSpan('2027-12-30', '2028-01-04', 'plain', false)).toBe('30 December 2027 to 4 January 2028');
    expect(formatDateSpan('2027-05-10', '2027-05-12', 'ordinal', false)).toBe('10th to 12th May 2027');
  });

  it('prints a count with its unit, singular for one', () => {
    const years = { one: 'year', other: 'years' };
    expect([1, 3, 13].map((n) => formatCount(n, years))).toEqual(['one year', 'three years', '13 years']);
    expect(formatCount(70, { one: 'mile', other: 'miles' })).toBe('70 miles');
  });
});
