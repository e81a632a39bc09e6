/** An instant as the coach reads it, in the practice's time zone (e.g. "Nov 27, 2026, 9:00 AM"). */
export function formatWhen(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
