import type { ClientSession } from '../../booking/index.ts';
import type { Formatter } from '../../time/index.ts';

/** A video session's room: its address and its window (video's settings). */
export interface SessionRoom {
  href: string;
  opensAt: number;
  closesAt: number;
}

export const SESSION_STATUS: Record<ClientSession['status'], string> = {
  pending: 'Waiting for the coach to confirm',
  confirmed: 'Booked',
  completed: 'Took place',
  no_show: 'Missed',
  cancelled: 'Cancelled',
  declined: 'Declined by the coach',
};

/** Upcoming: not over yet and still on (pending or confirmed). */
export function isUpcoming(s: ClientSession, now: number): boolean {
  return s.endAt > now && (s.status === 'pending' || s.status === 'confirmed');
}

/** One session: when (in the client's zone), how, how to join, and what the client can do. */
export function SessionCard({
  s,
  fmt,
  zone,
  now,
  manageHref,
  room,
  headingLevel = 3,
}: {
  s: ClientSession;
  fmt: Formatter;
  zone: string;
  now: number;
  manageHref: string | null;
  room: SessionRoom | null;
  headingLevel?: 2 | 3;
}) {
  const H = `h${headingLevel}` as 'h3';
  const upcoming = isUpcoming(s, now);
  const minutes = Math.round((s.endAt - s.startAt) / 60_000);
  const roomOpen = room !== null && now >= room.opensAt && now < room.closesAt;
  return (
    <article class="card portal-session">
      <H>
        {s.serviceName}
        {s.status !== 'confirmed' ? <span class="tag">{SESSION_STATUS[s.status]}</span> : null}
      </H>
      <dl class="facts">
        <div>
          <dt>When</dt>
          <dd>{fmt.fullWhen(s.startAt, zone)}</dd>
        </div>
        <div>
          <dt>How long</dt>
          <dd>{fmt.duration(minutes)}</dd>
        </div>
        <div>
          <dt>How</dt>
          <dd>{s.modality === 'phone' ? 'By phone' : 'By video'}</dd>
        </div>
      </dl>
      {upcoming && s.status !== 'pending' ? (
        s.modality === 'phone' ? (
          <p>
            {s.clientPhone
              ? `Your coach calls you at ${s.clientPhone} at the start time.`
              : 'Your coach calls you at the start time. We have no phone number for you: please send it in a message.'}
          </p>
        ) : room && roomOpen ? (
          <p>
            <a class="button" href={room.href}>
              Join the session
            </a>{' '}
            The room is open: you can check your camera and microphone there before your coach lets you in.
          </p>
        ) : room ? (
          <p>
            How to join: the session room opens at {fmt.time(room.opensAt, zone)}
            {fmt.date(room.opensAt, zone) !== fmt.date(s.startAt, zone) ? ` on ${fmt.date(room.opensAt, zone)}` : ''},
            and a Join button appears here then (<a href={room.href}>the room’s address</a>). You need nothing but a
            recent browser.
          </p>
        ) : null
      ) : null}
      {upcoming && s.status === 'pending' ? (
        <p>Your coach will confirm this session by email; how to join follows then.</p>
      ) : null}
      {upcoming ? (
        <p class="actions">
          {manageHref ? <a href={manageHref}>Reschedule or cancel</a> : null}
          <a href={`/portal/sessions/${s.id}/calendar.ics`} download="session.ics">
            Add to your calendar
          </a>
        </p>
      ) : null}
    </article>
  );
}

/** "Friday, 27 November 2026" for a due date, with "today" or "overdue" beside it. */
export function DueWords({ due, today, fmt }: { due: string; today: string; fmt: Formatter }) {
  const when = fmt.day(due as Parameters<Formatter['day']>[0]);
  if (due < today)
    return (
      <>
        due {when} <span class="tag">overdue</span>
      </>
    );
  if (due === today) return <>due today, {when}</>;
  return <>due {when}</>;
}
