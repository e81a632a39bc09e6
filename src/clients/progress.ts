/**
 * Progress the client and coach can see. Pure: counts over rows already read.
 */

export interface Progress {
  done: number;
  total: number;
  /** Whole percent, 0 when there is nothing to do yet. */
  percent: number;
}

/** How far along a set of action items is. */
export function progressOf(items: readonly { doneAt: number | null }[]): Progress {
  const total = items.length;
  const done = items.filter((i) => i.doneAt !== null).length;
  return { done, total, percent: total === 0 ? 0 : Math.floor((done * 100) / total) };
}

export interface SeriesPoint {
  date: string;
  score: number;
}

/**
 * Each tracker's scores over time, oldest first, for the progress chart (and the table beside it
 * that screen readers read). Check-ins that skipped a tracker leave a gap, not a zero.
 */
export function checkInSeries(
  trackers: readonly { id: string; label: string }[],
  checkIns: readonly { localDate: string; scores: Readonly<Record<string, number>> }[],
): { trackerId: string; label: string; points: SeriesPoint[] }[] {
  const ordered = [...checkIns].sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0));
  return trackers.map((t) => ({
    trackerId: t.id,
    label: t.label,
    points: ordered.flatMap((c) => {
      const score = c.scores[t.id];
      return score === undefined ? [] : [{ date: c.localDate, score }];
    }),
  }));
}
