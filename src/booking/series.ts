import { addInZone } from '../time/index.ts';

export type Repeat = 'weekly' | 'fortnightly' | 'monthly';
export const MAX_SERIES = 12;

/** The start times of a series in the coach's zone, so each session keeps its wall-clock time across DST changes. */
export function seriesStarts(first: number, zone: string, repeat: Repeat, count: number): number[] {
  const n = Math.max(1, Math.min(MAX_SERIES, Math.floor(count)));
  return Array.from({ length: n }, (_, k) =>
    k === 0
      ? first
      : repeat === 'monthly'
        ? addInZone(first, zone, 'months', k)
        : addInZone(first, zone, 'weeks', repeat === 'weekly' ? k : 2 * k),
  );
}
