import type { ComponentChildren } from 'preact';
import { SeoHead } from './head.tsx';
import type { Seo } from './seo.ts';
import type { ViewContext } from './view.ts';

interface LayoutProps {
  ctx: ViewContext;
  seo: Seo;
  children: ComponentChildren;
  /** Extra attributes for <main>, e.g. data-outcome on guide pages. */
  mainProps?: Record<string, string>;
  /** A narrower reading column for text pages. */
  narrow?: boolean;
  /** Full-width main: the page lays out its own bands and `.wrap`s (the home page). */
  bleed?: boolean;
}

/** The frame of every public page: head, header with "Need help now?", main, footer. */
export function Layout({ ctx, seo, children, mainProps, narrow, bleed }: LayoutProps) {
  const { settings } = ctx;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <SeoHead seo={seo} ctx={ctx} />
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={ctx.stylesheet} />
        <link rel="stylesheet" href={ctx.theme} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/" aria-current={ctx.path === '/' ? 'page' : undefined}>
              {settings.practiceName}
            </a>
            <nav class="main-nav" aria-label="Main">
              <ul>
                {ctx.nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <a class="help-now" href="/help" aria-current={isCurrent(ctx.path, '/help') ? 'page' : undefined}>
              Need help now?
            </a>
          </div>
        </header>
        <main id="main" tabindex={-1} class={bleed ? 'bleed' : narrow ? 'wrap narrow' : 'wrap'} {...mainProps}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-row">
            <div class="footer-about">
              <p class="footer-brand">{settings.practiceName}</p>
              <p>
                Coaching is not therapy or medical care.{' '}
                <a href="/help">If you are struggling right now, find a crisis line.</a>
              </p>
            </div>
            <nav aria-label="Footer">
              <ul class="footer-links">
                <li>
                  <a href="/privacy">Privacy</a>
                </li>
                <li>
                  <a href="/terms">Terms</a>
                </li>
                <li>
                  <a href="/contact">Contact</a>
                </li>
                <li>{ctx.viewer ? <a href="/admin">Back office</a> : <a href="/sign-in">Coach sign-in</a>}</li>
              </ul>
            </nav>
            {settings.social.length > 0 ? (
              <ul class="social" aria-label="Follow us">
                {settings.social.map((s) => (
                  <li>
                    <a href={s.url} rel="me noopener">
                      {socialLabel(s.network)}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            <p class="copyright">
              © {new Date().getFullYear()} {settings.practiceName}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function isCurrent(path: string, href: string): boolean {
  return path === href || path.startsWith(href + '/');
}

const socialLabels: Record<string, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};
export function socialLabel(network: string): string {
  return socialLabels[network] ?? network;
}
