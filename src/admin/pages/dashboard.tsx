import type { OpenRoom } from '../../video/index.ts';
import type { ViewContext } from '../../web/index.ts';
import { AdminLayout, coachFormat } from '../../web/index.ts';
import type { DashboardCounts, DaySession, TheDay } from '../admin.queries.ts';
import type { ChecklistItem } from '../checklist.ts';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line of the checklist: what, why, and where to fix it. */
function Item({ item }: { item: ChecklistItem }) {
  return (
    <li>
      <strong>{item.title}.</strong> {item.text}
      {item.href ? (
        <>
          {' '}
          <a href={item.href}>{item.linkLabel}</a>
        </>
      ) : null}
    </li>
  );
}

/** Sessions as lines: when, who, what, how (with the room or the number), and a way in. */
function SessionList({
  sessions,
  f,
  zone,
  now,
  withDate,
}: {
  sessions: DaySession[];
  f: ReturnType<typeof coachFormat>;
  zone: string;
  now: number;
  withDate?: boolean;
}) {
  return (
    <ul class="day-list">
      {sessions.map((s) => (
        <li class={s.endAt <= now ? 'muted' : undefined}>
          <span class="day-when">
            {withDate ? `${f.date(s.startAt, zone)}, ` : ''}
            {f.time(s.startAt, zone)}–{f.time(s.endAt, zone)}
          </span>{' '}
          <a href={`/admin/bookings/${s.id}`}>{s.clientName}</a>, {s.serviceName}
          {s.status === 'pending' ? <span class="tag">Waiting for your approval</span> : null}
          {' · '}
          {s.modality === 'phone' ? (
            s.phone ? (
              <>
                Phone: call <a href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}>{s.phone}</a>
              </>
            ) : (
              'Phone (no number given)'
            )
          ) : s.status === 'confirmed' && s.endAt > now ? (
            <a href={`/room/${s.id}`}>
              Video: join<span class="visually-hidden"> the session with {s.clientName}</span>
            </a>
          ) : (
            'Video'
          )}
        </li>
      ))}
    </ul>
  );
}

/** The back office's front page: a greeting, what needs attention, and what is left to set up. */
export function DashboardPage({
  ctx,
  greeting,
  counts,
  checklist,
  rooms,
  day,
  now,
}: {
  ctx: ViewContext;
  greeting: string;
  counts: DashboardCounts;
  checklist: ChecklistItem[];
  rooms: OpenRoom[];
  day: TheDay;
  now: number;
}) {
  const f = coachFormat(ctx);
  const zone = ctx.settings.timeZone;
  const todo = checklist.filter((i) => !i.done);
  const done = checklist.filter((i) => i.done);
  const tiles = [
    { href: '/admin/clients', text: plural(counts.activeClients, 'active client', 'active clients') },
    ...(counts.clientsWithUnread > 0
      ? [
          {
            href: '/admin/clients',
            text: plural(counts.clientsWithUnread, 'client with unread messages', 'clients with unread messages'),
          },
        ]
      : []),
    ...(counts.pendingDeletions > 0
      ? [
          {
            href: '/admin/clients',
            text: plural(counts.pendingDeletions, 'deletion request to carry out', 'deletion requests to carry out'),
          },
        ]
      : []),
    {
      href: '/admin/contact',
      text: plural(counts.unreadContactRequests, 'unread contact request', 'unread contact requests'),
    },
    {
      href: '/admin/outbox',
      text: plural(counts.outboxWaiting, 'email waiting to be sent', 'emails waiting to be sent'),
    },
    {
      href: '/admin/outbox',
      text: plural(counts.outboxFailed, 'email that could not be sent', 'emails that could not be sent'),
    },
    { href: '/admin/pages', text: plural(counts.pages, 'page on your site', 'pages on your site') },
  ];
  return (
    <AdminLayout ctx={ctx} title="Dashboard">
      <p class="lead">{greeting}.</p>
      {rooms.length > 0 ? (
        <section aria-labelledby="rooms-title">
          <h2 id="rooms-title">Session rooms open now</h2>
          <ul class="cards">
            {rooms.map((r) => (
              <li class={r.waiting || r.callMe ? 'card attention' : 'card'}>
                <p>
                  <strong>{r.clientName}</strong>, {r.serviceName}, {f.time(r.startAt, zone)}–{f.time(r.endAt, zone)}
                </p>
                <p role="status">
                  {r.callMe
                    ? `${r.clientName} asks you to call: ${r.callMe}`
                    : r.waiting
                      ? `${r.clientName} is waiting in the room`
                      : r.inCall
                        ? `${r.clientName} is in the room`
                        : `${r.clientName} has not joined yet`}
                </p>
                <p>
                  <a class="button" href={`/room/${r.bookingId}`}>
                    {r.waiting ? 'Join and admit' : 'Join'}
                    <span class="visually-hidden"> the session with {r.clientName}</span>
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="today-title">
        <h2 id="today-title">Today</h2>
        {day.today.length === 0 ? (
          <p>No sessions today.</p>
        ) : (
          <SessionList sessions={day.today} f={f} zone={zone} now={now} />
        )}
        {day.next.length > 0 ? (
          <>
            <h3>Coming up</h3>
            <SessionList sessions={day.next} f={f} zone={zone} now={now} withDate />
          </>
        ) : null}
        <p>
          <a href="/admin/bookings">All bookings</a>
        </p>
      </section>
      {day.pending.length > 0 ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">Waiting for your approval</h2>
          <SessionList sessions={day.pending} f={f} zone={zone} now={now} withDate />
        </section>
      ) : null}
      <h2>At a glance</h2>
      <ul class="cards">
        {tiles.map((t) => (
          <li class="card">
            <a href={t.href}>{t.text}</a>
          </li>
        ))}
      </ul>
      <h2>Getting set up</h2>
      {todo.length === 0 ? (
        <p>Everything is set up.</p>
      ) : (
        <>
          <p>{`${plural(todo.length, 'thing', 'things')} left to do:`}</p>
          <ul class="next-steps">
            {todo.map((item) => (
              <Item item={item} />
            ))}
          </ul>
        </>
      )}
      {done.length > 0 ? (
        <>
          <h3>Already done</h3>
          <ul class="ticks">
            {done.map((item) => (
              <Item item={item} />
            ))}
          </ul>
        </>
      ) : null}
    </AdminLayout>
  );
}
