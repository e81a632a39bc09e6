import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../web/index.ts';
import { CsrfField, FormActions, Layout, visitorFormat } from '../../web/index.ts';
import type { Booking } from '../booking.tables.ts';
import { howItHappens, portalUrl } from '../booking-mails.ts';
import { roomPath } from '../client-sessions.ts';
import { type CalendarLinkEvent, googleCalendarUrl, outlookCalendarUrl } from '../ics.ts';

interface Props {
  ctx: ViewContext;
  booking: Booking;
  serviceName: string;
  token: string;
  mayChange: boolean;
  cancelNoticeMin: number;
  /** 'booked' right after booking, 'moved' after a reschedule (a cancellation shows EndedBookingPage). */
  just?: 'booked' | 'moved' | undefined;
}

const statusWords: Record<Booking['status'], string> = {
  pending: 'Waiting for your coach to confirm',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  declined: 'Declined',
  completed: 'Completed',
  no_show: 'Missed',
};

/** The confirmation page and the page the manage link opens: the booking, and ways to move or cancel it. */
export function ManagePage({ ctx, booking: b, serviceName, token, mayChange, cancelNoticeMin, just }: Props) {
  const heading =
    just === 'booked'
      ? b.status === 'pending'
        ? 'Request sent'
        : 'You are booked'
      : just === 'moved'
        ? 'Your session has moved'
        : 'Your booking';
  const active = b.status === 'pending' || b.status === 'confirmed';
  const f = visitorFormat(ctx);
  return (
    <Layout
      ctx={ctx}
      seo={{ title: heading, description: 'Your booking.', path: '/book/manage', noindex: true }}
      narrow
    >
      <h1>{heading}</h1>
      {just ? (
        <p class="notice" role="status">
          We have sent the details to {b.client_email}, with a calendar file. Keep that email: its link lets you change
          the booking.
        </p>
      ) : null}
      <SessionFacts ctx={ctx} booking={b} serviceName={serviceName}>
        <div>
          <dt>Status</dt>
          <dd>{statusWords[b.status]}</dd>
        </div>
      </SessionFacts>
      {active && b.modality === 'video' ? (
        <p>
          <a class="button" href={roomPath(b.id, token)}>
            Open the session room
          </a>{' '}
          It opens shortly before the start; you can check your camera and microphone there.
        </p>
      ) : null}
      {active ? <AddToCalendar ctx={ctx} booking={b} serviceName={serviceName} token={token} /> : null}
      {active && mayChange ? (
        <>
          <h2>Change or cancel</h2>
          <p>
            <a class="button secondary" href={`/book/manage/reschedule?t=${encodeURIComponent(token)}`}>
              Choose another time
            </a>
          </p>
          <p>
            <a class="button danger" href={`/book/manage/cancel?t=${encodeURIComponent(token)}`}>
              Cancel this session
            </a>
          </p>
        </>
      ) : null}
      {active && !mayChange ? (
        <div class="notice warning">
          <p>
            Sessions can be moved or cancelled online until {f.duration(cancelNoticeMin)} before they start, so this one
            can no longer be changed here. If something has come up, please <a href="/contact">write to your coach</a>:
            they will understand and reply as soon as they can.
          </p>
        </div>
      ) : null}
    </Layout>
  );
}

/**
 * What Google's and Outlook's links carry to those sites: the time, the service and how it happens,
 * but never the manage token or the room's capability (the visitor's choice to go there sends what
 * is in the address, so only what the event needs goes in it), nor the client's phone number.
 */
export function calendarLinkEvent(
  b: Pick<Booking, 'id' | 'modality' | 'start_at' | 'end_at' | 'status'>,
  o: { serviceName: string; coachName: string; publicUrl: string },
): CalendarLinkEvent {
  const video = b.modality === 'video';
  const how = video
    ? `By video in the session room, which opens shortly before the start. Join from the link in your booking email, or sign in to your client portal: ${portalUrl(o.publicUrl)}`
    : 'By phone: your coach calls you at the number you gave. To reschedule or cancel, use the link in your booking email.';
  return {
    start: b.start_at,
    end: b.end_at,
    title: `${o.serviceName} with ${o.coachName}`,
    details: b.status === 'pending' ? `Requested: your coach will confirm it by email. ${how}` : how,
    location: video ? `${o.publicUrl}${roomPath(b.id)}` : 'Phone: your coach calls you',
  };
}

/** "Add to your calendar": plain links, no script. Google and Outlook are other sites; the .ics comes from here. */
function AddToCalendar({
  ctx,
  booking: b,
  serviceName,
  token,
}: {
  ctx: ViewContext;
  booking: Booking;
  serviceName: string;
  token: string;
}) {
  const event = calendarLinkEvent(b, { serviceName, coachName: ctx.settings.coachName, publicUrl: ctx.publicUrl });
  return (
    <section aria-labelledby="add-to-calendar">
      <h2 id="add-to-calendar">Add to your calendar</h2>
      <p>
        <a class="button secondary" href={googleCalendarUrl(event)} rel="noopener noreferrer">
          Google Calendar<span class="visually-hidden"> (opens calendar.google.com, another site)</span>
        </a>{' '}
        <a class="button secondary" href={outlookCalendarUrl(event)} rel="noopener noreferrer">
          Outlook<span class="visually-hidden"> (opens outlook.live.com, another site)</span>
        </a>{' '}
        <a
          class="button secondary"
          href={`/book/manage/calendar.ics?t=${encodeURIComponent(token)}`}
          download="session.ics"
          type="text/calendar"
        >
          Apple Calendar and others (.ics)<span class="visually-hidden">: downloads a calendar file</span>
        </a>
      </p>
    </section>
  );
}

/** After a cancellation. */
export function CancelledPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Session cancelled',
        description: 'Your session is cancelled.',
        path: '/book/cancelled',
        noindex: true,
      }}
      narrow
    >
      <h1>Your session is cancelled</h1>
      <p class="notice" role="status">
        The time is open to others again, and we have sent you a confirmation by email.
      </p>
      <p>
        <a class="button" href="/book">
          Book another time
        </a>
      </p>
    </Layout>
  );
}

/** The facts of a booking as the client reads them, in their own zone. */
function SessionFacts({
  ctx,
  booking: b,
  serviceName,
  children,
}: {
  ctx: ViewContext;
  booking: Booking;
  serviceName: string;
  /** Rows after the three every page shows (the manage page adds the status). */
  children?: ComponentChildren;
}) {
  const f = visitorFormat(ctx);
  return (
    <dl class="facts book-summary">
      <div>
        <dt>Session</dt>
        <dd>{serviceName}</dd>
      </div>
      <div>
        <dt>When</dt>
        <dd>
          {f.fullWhen(b.start_at, b.client_time_zone)} ({b.client_time_zone.replace(/_/g, ' ')})
        </dd>
      </div>
      <div>
        <dt>How</dt>
        <dd>{howItHappens(b)}</dd>
      </div>
      {children}
    </dl>
  );
}

/** "Cancel this session?": the step before the only button that cancels (works without JavaScript). */
export function CancelConfirmPage({
  ctx,
  booking,
  serviceName,
  token,
  error,
}: {
  ctx: ViewContext;
  booking: Booking;
  serviceName: string;
  token: string;
  error?: string | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Cancel this session?',
        description: 'Cancel your session.',
        path: '/book/manage/cancel',
        noindex: true,
      }}
      narrow
    >
      <h1>Cancel this session?</h1>
      {error ? (
        <p class="notice warning" role="alert">
          {error}
        </p>
      ) : null}
      <SessionFacts ctx={ctx} booking={booking} serviceName={serviceName} />
      <p>The time opens to others again, and we send you a confirmation by email.</p>
      <form method="post" action="/book/manage/cancel">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="t" value={token} />
        <FormActions>
          <button type="submit" class="button danger">
            Yes, cancel this session
          </button>
          <a href={`/book/manage?t=${encodeURIComponent(token)}`}>No, keep it</a>
        </FormActions>
      </form>
    </Layout>
  );
}

/**
 * What the old link of a cancelled (or declined) booking opens: what happened, the coach's reason
 * when she gave one, and a way to book another time; never a form that changes the booking.
 */
export function EndedBookingPage({
  ctx,
  booking: b,
  serviceName,
  bookAgain,
  reason,
  justCancelled,
}: {
  ctx: ViewContext;
  booking: Booking;
  serviceName: string;
  bookAgain: string;
  reason: string | null;
  justCancelled: boolean;
}) {
  const declined = b.status === 'declined';
  const heading = declined
    ? 'This request was declined'
    : justCancelled
      ? 'Your session is cancelled'
      : 'This booking was cancelled';
  return (
    <Layout ctx={ctx} seo={{ title: heading, description: heading, path: '/book/manage', noindex: true }} narrow>
      <h1>{heading}</h1>
      {justCancelled ? (
        <p class="notice" role="status">
          The time is open to others again, and we have sent you a confirmation by email.
        </p>
      ) : null}
      <SessionFacts ctx={ctx} booking={b} serviceName={serviceName} />
      {reason ? (
        <>
          <h2>{ctx.settings.coachName}'s reason</h2>
          <p class="cancel-reason">{reason}</p>
        </>
      ) : null}
      <p>
        <a class="button" href={bookAgain}>
          Book another time
        </a>
      </p>
    </Layout>
  );
}

/** A repeated "Confirm" press: the booking exists already and its email has the link. */
export function BookSentPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout
      ctx={ctx}
      seo={{ title: 'Already booked', description: 'Your booking is made.', path: '/book/sent', noindex: true }}
      narrow
    >
      <h1>You are already booked</h1>
      <p class="notice" role="status">
        This booking was made a moment ago. Your confirmation email has all the details and a link to change it.
      </p>
    </Layout>
  );
}

/** Confirming the new time of a reschedule. */
export function RescheduleConfirmPage({
  ctx,
  booking,
  serviceName,
  token,
  start,
  requestId,
  error,
}: {
  ctx: ViewContext;
  booking: Booking;
  serviceName: string;
  token: string;
  start: number;
  requestId: string;
  error?: string;
}) {
  const tz = booking.client_time_zone;
  const f = visitorFormat(ctx);
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Move your session',
        description: 'Move your session.',
        path: '/book/manage/reschedule',
        noindex: true,
      }}
      narrow
    >
      <h1>Move your session</h1>
      {error ? (
        <p class="notice warning" role="alert">
          {error}
        </p>
      ) : null}
      <dl class="facts book-summary">
        <div>
          <dt>Session</dt>
          <dd>{serviceName}</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>{f.fullWhen(booking.start_at, tz)}</dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>
            {f.fullWhen(start, tz)} ({tz.replace(/_/g, ' ')})
          </dd>
        </div>
      </dl>
      <form method="post" action="/book/manage/reschedule">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="t" value={token} />
        <input type="hidden" name="start" value={new Date(start).toISOString()} />
        <input type="hidden" name="requestId" value={requestId} />
        <FormActions>
          <button type="submit" class="button">
            Move my session
          </button>
          <a href={`/book/manage/reschedule?t=${encodeURIComponent(token)}`}>Choose another time</a>
        </FormActions>
      </form>
    </Layout>
  );
}
