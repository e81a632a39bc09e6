import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  emptyForm,
  Field,
  FormActions,
  Layout,
  visitorFormat,
} from '../../web/index.ts';
import { PasskeyScripts } from './passkey-button.tsx';

export interface PasskeyRow {
  id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

/** The notice after an action, by the `done` the redirect carried. */
export const passkeyNotices: Record<string, string> = {
  added: 'Passkey added. Next time, sign in with it.',
  removed: 'Passkey removed. It no longer signs you in.',
  removed_requirement_off: 'Passkey removed. It was your last one, so the back office opens with emailed links again.',
  required: 'Done: the back office now opens only with a passkey.',
  not_required: 'Done: emailed links and codes open the back office again.',
};

/** A signed-in person's passkeys: the list, adding one (needs JavaScript), removing one; for a coach, requiring one. */
export function PasskeysPage({
  ctx,
  passkeys,
  coach,
  requirePasskey,
  notice,
  message,
}: {
  ctx: ViewContext;
  passkeys: PasskeyRow[];
  coach: boolean;
  requirePasskey: boolean;
  notice?: string | undefined;
  message?: string | undefined;
}) {
  const fmt = coach ? coachFormat(ctx) : visitorFormat(ctx);
  const zone = ctx.settings.timeZone;
  const body = (
    <>
      <p class="lead">
        A passkey signs you in with this device’s screen lock (fingerprint, face or PIN) instead of an emailed link. It
        stays on your device or in your password manager; this site keeps only a public key, which cannot sign anyone
        in.
      </p>
      {message ? (
        <p class="notice warning" role="alert">
          {message}
        </p>
      ) : null}
      <h2>Your passkeys</h2>
      {passkeys.length === 0 ? (
        <p>You have no passkeys yet.</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">Your passkeys, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Added</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {passkeys.map((p) => (
              <tr>
                <td data-label="Name">{p.name}</td>
                <td data-label="Added">{fmt.when(p.created_at, zone)}</td>
                <td data-label="Last used">{p.last_used_at === null ? 'Not yet' : fmt.when(p.last_used_at, zone)}</td>
                <td data-label="Action">
                  <form method="post" action={`/account/passkeys/${p.id}/remove`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button secondary">
                      Remove<span class="visually-hidden"> the passkey {p.name}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Add a passkey</h2>
      <div data-passkey="add" data-csrf={ctx.csrf()} hidden>
        <form method="post" action="/account/passkeys" novalidate>
          <Field
            name="name"
            label="Name for this passkey (optional)"
            hint="For example “Work laptop” or “Phone”. Left empty, it is named after this browser."
            state={emptyForm}
            maxLength={60}
          />
          <FormActions>
            <button type="submit" class="button">
              Add a passkey
            </button>
          </FormActions>
        </form>
        <p data-passkey-status role="status" aria-live="polite"></p>
      </div>
      <noscript>
        <p>Adding a passkey needs JavaScript, which is off in this browser. Signing in by email still works.</p>
      </noscript>

      {coach ? (
        <>
          <h2>Require a passkey for the back office</h2>
          {passkeys.length === 0 ? (
            <p>Once you have a passkey, you can ask that only a passkey opens the back office.</p>
          ) : (
            <>
              <p>
                {requirePasskey
                  ? 'On: emailed sign-in links and codes do not open the back office; only a passkey does.'
                  : 'Off: emailed sign-in links and codes open the back office, and so do your passkeys.'}
              </p>
              <p>
                You cannot lock yourself out: whoever runs the server can always make a sign-in link that works, with{' '}
                <code>npm run tandem -- sign-in-link --email {ctx.viewer?.email ?? 'you@example.com'}</code>. Devices
                already signed in stay signed in; sign them out on <a href="/admin/sessions">Signed-in devices</a>.
              </p>
              <form method="post" action="/account/passkeys/require">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="require" value={requirePasskey ? 'off' : 'on'} />
                <FormActions>
                  <button type="submit" class={requirePasskey ? 'button secondary' : 'button'}>
                    {requirePasskey ? 'Stop requiring a passkey' : 'Require a passkey'}
                  </button>
                </FormActions>
              </form>
            </>
          )}
        </>
      ) : null}
      <PasskeyScripts />
    </>
  );
  return coach ? (
    <AdminLayout ctx={ctx} title="Passkeys" notice={notice}>
      {body}
    </AdminLayout>
  ) : (
    <ClientFrame ctx={ctx} notice={notice}>
      {body}
    </ClientFrame>
  );
}

function ClientFrame({
  ctx,
  notice,
  children,
}: {
  ctx: ViewContext;
  notice?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <Layout
      ctx={ctx}
      seo={{ title: 'Passkeys', description: 'Add, see and remove the passkeys that sign you in.', noindex: true }}
      narrow
    >
      <h1>Passkeys</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        <a href="/portal">Back to your portal</a>
      </p>
      {children}
    </Layout>
  );
}
