const MIN = 60_000;

/**
 * The booking notice: the earliest instant a client may book, `noticeMin` minutes from now (the
 * coach books with none). Pure; the slot engine and the booking check both use it.
 */
export function earliestBookable(now: number, noticeMin: number): number {
  return now + noticeMin * MIN;
}
