import type { ClientSession } from '../../booking/index.ts';
import { visitorFormat } from '../../web/index.ts';
import { SESSION_STATUS, SessionCard, type SessionRoom } from './parts.tsx';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export interface SessionsData {
  zone: string;
  now: number;
  upcoming: { session: ClientSession; manageHref: string | null; room: SessionRoom | null }[];
  past: ClientSession[];
}

/** Upcoming sessions as cards (how to join, manage, add to calendar); past ones as a table. */
export function PortalSessionsPage({ frame, d }: { frame: PortalFrame; d: SessionsData }) {
  const fmt = visitorFormat(frame.ctx);
  return (
    <PortalLayout frame={frame} title="Your sessions">
      <h1>Your sessions</h1>
      <p class="hint">Times are in your time zone, {d.zone}.</p>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">Upcoming</h2>
        {d.upcoming.length === 0 ? (
          <p>
            No session booked. <a href="/book">Book a session</a>.
          </p>
        ) : (
          d.upcoming.map((u) => (
            <SessionCard s={u.session} fmt={fmt} zone={d.zone} now={d.now} manageHref={u.manageHref} room={u.room} />
          ))
        )}
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">Past</h2>
        {d.past.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <table class="data">
            <caption class="visually-hidden">Past sessions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Session</th>
                <th scope="col">How</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {d.past.map((s) => (
                <tr>
                  <td>{fmt.when(s.startAt, d.zone)}</td>
                  <td>{s.serviceName}</td>
                  <td>{s.modality === 'phone' ? 'By phone' : 'By video'}</td>
                  <td>{SESSION_STATUS[s.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </PortalLayout>
  );
}
