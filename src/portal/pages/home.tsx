import type { ClientSession } from '../../booking/index.ts';
import type { CheckInState, Note, Progress } from '../../clients/index.ts';
import { visitorFormat } from '../../web/index.ts';
import { DueWords, SessionCard, type SessionRoom } from './parts.tsx';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export interface HomeData {
  name: string;
  zone: string;
  today: string;
  now: number;
  next: { session: ClientSession; manageHref: string | null; room: SessionRoom | null } | null;
  openItems: { id: string; title: string; dueDate: string | null; goal: string }[];
  openCount: number;
  progress: Progress;
  checkIn: { state: CheckInState; due: string | null; trackers: number };
  sharedNotes: Note[];
}

const HOME_ITEMS = 5;

/** The portal's first page: what is next, what is open, what is new. */
export function PortalHomePage({ frame, d }: { frame: PortalFrame; d: HomeData }) {
  const fmt = visitorFormat(frame.ctx);
  const { checkIn } = d;
  return (
    <PortalLayout frame={frame} title="Your portal">
      <h1>Hello, {d.name}</h1>
      <div class="portal-grid">
        <section aria-labelledby="next-title">
          <h2 id="next-title">Your next session</h2>
          {d.next ? (
            <SessionCard
              s={d.next.session}
              fmt={fmt}
              zone={d.zone}
              now={d.now}
              manageHref={d.next.manageHref}
              room={d.next.room}
            />
          ) : (
            <p>
              No session booked. <a href="/book">Book a session</a>.
            </p>
          )}
          <p>
            <a href="/portal/sessions">All your sessions</a>
          </p>
        </section>

        <section aria-labelledby="items-title">
          <h2 id="items-title">Open action items</h2>
          {d.openItems.length === 0 ? (
            <p>Nothing open right now.</p>
          ) : (
            <ul class="portal-items">
              {d.openItems.slice(0, HOME_ITEMS).map((i) => (
                <li>
                  {i.title}{' '}
                  <span class="hint">
                    ({i.goal}
                    {i.dueDate ? (
                      <>
                        , <DueWords due={i.dueDate} today={d.today} fmt={fmt} />
                      </>
                    ) : null}
                    )
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            {d.progress.total > 0 ? `${d.progress.done} of ${d.progress.total} action items done. ` : ''}
            <a href="/portal/goals">
              {d.openCount > HOME_ITEMS ? `All ${d.openCount} open action items` : 'Your goals and action items'}
            </a>
          </p>
        </section>

        <section aria-labelledby="checkin-title">
          <h2 id="checkin-title">Check-in</h2>
          <p>
            {checkIn.state === 'due'
              ? 'Your check-in is due today.'
              : checkIn.state === 'overdue' && checkIn.due
                ? `Your check-in was due on ${fmt.day(checkIn.due as never)}.`
                : checkIn.state === 'upcoming' && checkIn.due
                  ? `Your next check-in is due on ${fmt.day(checkIn.due as never)}.`
                  : checkIn.trackers > 0
                    ? 'Check in whenever you like.'
                    : 'Your coach has not set up check-ins yet.'}
          </p>
          {checkIn.trackers > 0 ? (
            <p>
              <a href="/portal/check-ins">
                {checkIn.state === 'due' || checkIn.state === 'overdue' ? 'Check in now' : 'Your check-ins'}
              </a>
            </p>
          ) : null}
        </section>

        <section aria-labelledby="messages-title">
          <h2 id="messages-title">Messages</h2>
          <p>
            {frame.unread === 0
              ? 'No new messages.'
              : frame.unread === 1
                ? 'One new message from your coach.'
                : `${frame.unread} new messages from your coach.`}{' '}
            <a href="/portal/messages">
              {frame.unread > 0 ? 'Read it' + (frame.unread > 1 ? ' all' : '') : 'Write to your coach'}
            </a>
          </p>
        </section>
      </div>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">Notes from your coach</h2>
        {d.sharedNotes.length === 0 ? (
          <p>Your coach has not shared any notes yet.</p>
        ) : (
          d.sharedNotes.map((n) => (
            <article class="card portal-note">
              <p class="hint">{fmt.date(n.createdAt, d.zone)}</p>
              <div class="portal-text">{n.body}</div>
            </article>
          ))
        )}
      </section>
    </PortalLayout>
  );
}
