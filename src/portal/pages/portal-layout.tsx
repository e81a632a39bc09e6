import type { ComponentChildren } from 'preact';
import { Layout, type ViewContext } from '../../web/index.ts';

/** The portal's rooms, in the order of its navigation. */
export const portalSections = [
  { href: '/portal', label: 'Home' },
  { href: '/portal/sessions', label: 'Sessions' },
  { href: '/portal/goals', label: 'Goals' },
  { href: '/portal/check-ins', label: 'Check-ins' },
  { href: '/portal/messages', label: 'Messages' },
  { href: '/portal/files', label: 'Files' },
  { href: '/portal/data', label: 'Your data' },
  { href: '/portal/reminders', label: 'Reminders' },
] as const;

export interface PortalFrame {
  ctx: ViewContext;
  /** Messages from the coach the client has not read yet (shown in the navigation). */
  unread: number;
}

function current(path: string, href: string): boolean {
  return href === '/portal' ? path === '/portal' : path === href || path.startsWith(`${href}/`);
}

/** Every signed-in portal page: the public frame, the portal's own navigation, then the page. */
export function PortalLayout({
  frame,
  title,
  description,
  notice,
  children,
}: {
  frame: PortalFrame;
  title: string;
  description?: string;
  /** A one-line "Saved." after a form went through. */
  notice?: string | undefined;
  children: ComponentChildren;
}) {
  const { ctx, unread } = frame;
  return (
    <Layout ctx={ctx} seo={{ title, description: description ?? `${title}: your client portal.`, noindex: true }}>
      <div class="portal">
        <nav class="portal-nav" aria-label="Portal">
          <ul>
            {portalSections.map((s) => (
              <li>
                <a href={s.href} aria-current={current(ctx.path, s.href) ? 'page' : undefined}>
                  {s.label}
                  {s.href === '/portal/messages' && unread > 0 ? (
                    <span class="tag">
                      {unread}
                      <span class="visually-hidden"> unread</span>
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
          <p class="portal-who">
            Signed in as {ctx.viewer?.name ?? 'you'}. <a href="/account/passkeys">Passkeys</a>
          </p>
          <form method="post" action="/sign-out" class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrf()} />
            <button type="submit" class="link-button">
              Sign out
            </button>
          </form>
        </nav>
        <div class="portal-main">
          {notice ? (
            <p class="notice" role="status">
              {notice}
            </p>
          ) : null}
          {children}
        </div>
      </div>
    </Layout>
  );
}

/** What a coach sees at a portal address: the portal is for clients; her room is the back office. */
export function CoachHerePage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout
      ctx={ctx}
      seo={{ title: 'This is the client portal', description: 'The portal is for clients.', noindex: true }}
      narrow
    >
      <h1>This is the client portal</h1>
      <p class="lead">
        You are signed in as the coach. The portal is where your clients see their sessions, goals, check-ins, messages
        and files; it has nothing to show a coach account.
      </p>
      <p>
        <a class="button" href="/admin">
          Go to the back office
        </a>
      </p>
      <p>To see the portal as a client does, sign out and sign in with a client’s address in another browser.</p>
    </Layout>
  );
}
