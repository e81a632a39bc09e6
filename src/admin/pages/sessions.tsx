import { describeDevice } from '../../auth/index.ts';
import type { ViewContext } from '../../web/index.ts';
import { AdminLayout } from '../../web/index.ts';
import { When } from '../format.tsx';

export interface SessionRow {
  id: string;
  created_at: number;
  last_seen_at: number;
  user_agent: string;
}

/** The browsers where the coach is signed in, each with a way to sign it out. */
export function SessionsPage({
  ctx,
  sessions,
  currentId,
  notice,
  message,
}: {
  ctx: ViewContext;
  sessions: SessionRow[];
  currentId: string;
  notice?: string | undefined;
  message?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title="Signed-in devices" notice={notice}>
      <p class="lead">
        You are signed in on these devices. If you do not recognise one, sign it out; it will need a new sign-in link to
        get back in.
      </p>
      <p>
        Sign in without waiting for an email: <a href="/account/passkeys">add a passkey</a> (fingerprint, face or your
        device's PIN), or ask that only a passkey opens the back office.
      </p>
      {message ? (
        <p class="notice warning" role="alert">
          {message}
        </p>
      ) : null}
      <table class="data">
        <caption class="visually-hidden">Signed-in devices, most recently used first</caption>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const device = describeDevice(s.user_agent);
            const current = s.id === currentId;
            return (
              <tr>
                <td data-label="Device">
                  {device}
                  {current ? <strong> (this device)</strong> : null}
                </td>
                <td data-label="Signed in">
                  <When ms={s.created_at} ctx={ctx} />
                </td>
                <td data-label="Last used">
                  <When ms={s.last_seen_at} ctx={ctx} />
                </td>
                <td data-label="Action">
                  <form method="post" action="/admin/sessions/sign-out" class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrf()} />
                    <input type="hidden" name="session" value={s.id} />
                    <button
                      type="submit"
                      class="button secondary"
                      aria-label={current ? 'Sign out this device' : `Sign out ${device}`}
                    >
                      Sign out
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </AdminLayout>
  );
}
