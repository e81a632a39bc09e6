import { instantToWall } from '../time/index.ts';
import { coachFormat, type ViewContext } from '../web/index.ts';

/** A <time> element a screen reader and a machine can both read, as the back office writes instants ("27 Nov 2026, 09:00"). */
export function When({ ms, ctx }: { ms: number; ctx: Pick<ViewContext, 'settings'> }) {
  return <time dateTime={new Date(ms).toISOString()}>{coachFormat(ctx).when(ms, ctx.settings.timeZone)}</time>;
}

/** "Good morning" by the hour where the coach is. */
export function greetingFor(ms: number, timeZone: string): string {
  const hour = Math.floor(instantToWall(ms, timeZone).minute / 60);
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  return 'Good evening';
}
