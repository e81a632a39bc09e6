import type { ComponentChildren } from 'preact';
import type { ViewContext } from './view.ts';

/** The back office's sections, in the order of its side navigation. */
export const adminSections = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/clients', label: 'Clients' },
  { href: '/admin/bookings', label: 'Bookings' },
  { href: '/admin/availability', label: 'Availability' },
  { href: '/admin/room', label: 'Session room' },
  { href: '/admin/services', label: 'Services' },
  // booking sections (issue 4) go here
  { href: '/admin/contact', label: 'Contact requests' },
  { href: '/admin/outbox', label: 'Outbox' },
  { href: '/admin/posts', label: 'Articles' },
  { href: '/admin/redirects', label: 'Redirects' },
  { href: '/admin/media', label: 'Images and videos' },
  { href: '/admin/author', label: 'Author profile' },
  // blog sections (issue 5) go here
  { href: '/admin/pages', label: 'Pages' },
  { href: '/admin/guide', label: 'Guide settings' },
  { href: '/admin/guide/results', label: 'Shared guide results' },
  // guide sections (issue 3) go here
  { href: '/admin/settings', label: 'Site settings' },
  { href: '/admin/sessions', label: 'Signed-in devices' },
  { href: '/admin/audit', label: 'Audit log' },
] as const;

interface AdminLayoutProps {
  ctx: ViewContext;
  title: string;
  children: ComponentChildren;
  /** A one-line notice after an action ("Settings saved."). */
  notice?: string | undefined;
}

/** The frame of every back-office page: private, never indexed, with its own navigation. */
export function AdminLayout({ ctx, title, children, notice }: AdminLayoutProps) {
  const current = adminSections
    .filter((s) => ctx.path === s.href || (s.href !== '/admin' && ctx.path.startsWith(s.href + '/')))
    .at(-1);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Back office · ${ctx.settings.practiceName}`}</title>
        <meta name="robots" content="noindex, nofollow" />
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={ctx.stylesheet} />
        <link rel="stylesheet" href={ctx.theme} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header admin-header">
          <div class="wrap header-row">
            <a class="brand" href="/admin">
              {ctx.settings.practiceName} <span class="brand-sub">back office</span>
            </a>
            <nav class="main-nav" aria-label="Account">
              <ul>
                <li>
                  <a href="/">View site</a>
                </li>
                <li>
                  <form method="post" action="/sign-out" class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrf()} />
                    <button type="submit" class="link-button">
                      Sign out{ctx.viewer ? ` (${ctx.viewer.name})` : ''}
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
            <a class="help-now" href="/help">
              Need help now?
            </a>
          </div>
        </header>
        <div class="wrap admin-grid">
          <nav class="admin-nav" aria-label="Back office">
            <ul>
              {adminSections.map((s) => (
                <li>
                  <a href={s.href} aria-current={current?.href === s.href ? 'page' : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" tabindex={-1}>
            <h1>{title}</h1>
            {notice ? (
              <p class="notice" role="status">
                {notice}
              </p>
            ) : null}
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}
