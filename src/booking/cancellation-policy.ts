const MIN = 60_000;

/**
 * The cancellation policy: a client may cancel or move a session themselves until the service's
 * notice (in minutes) before it starts; inside it, only the coach can. Pure.
 */
export function clientMayChangeAt(startAt: number, now: number, cancelNoticeMin: number): boolean {
  return startAt - now >= cancelNoticeMin * MIN;
}
