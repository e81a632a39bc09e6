/** Dates in the back office, in the coach's own time zone ("27 Nov 2026, 09:00"). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
}

/** A <time> element a screen reader and a machine can both read. */
export function When({ ms, timeZone }: { ms: number; timeZone: string }) {
  return <time dateTime={new Date(ms).toISOString()}>{formatWhen(ms, timeZone)}</time>;
}

/** "Good morning" by the hour where the coach is. */
export function greetingFor(ms: number, timeZone: string): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(ms));
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  return 'Good evening';
}
