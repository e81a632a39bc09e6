import type { ViewContext } from '../../web/index.ts';
import { Layout } from '../../web/index.ts';
import type { Page } from '../site.tables.ts';
import { CoachPhoto, type PhotoSlot, Prose } from './parts.tsx';

/** The profile's photo column (`.profile .portrait` in site.css). */
const profilePhoto: PhotoSlot = [['', 13]];

/** The coach's profile from the settings, then the about page's own words. */
export function AboutPage({ ctx, page, bodyHtml }: { ctx: ViewContext; page: Page | undefined; bodyHtml: string }) {
  const s = ctx.settings;
  const title = page?.title ?? `About ${s.coachName}`;
  const description = page?.description ?? `${s.coachName}, ${s.coachTitle}. ${s.tagline}`.trim();
  return (
    <Layout ctx={ctx} seo={{ title, description, ogType: 'profile', path: '/about' }} narrow>
      <div class="profile">
        <div class="profile-text">
          <h1>{title}</h1>
          <p class="profile-name">{s.coachName}</p>
          {s.coachTitle ? <p class="profile-title">{s.coachTitle}</p> : null}
          {s.credentials ? <p class="credentials">{s.credentials}</p> : null}
        </div>
        <CoachPhoto settings={s} eager slot={profilePhoto} />
      </div>
      {bodyHtml ? <Prose html={bodyHtml} /> : null}
      <div class="next-step">
        <h2>Would you like to talk?</h2>
        <p>A first conversation is a chance to see whether we are a good fit, with no pressure either way.</p>
        <p>
          <a class="button" href="/contact">
            Get in touch
          </a>{' '}
          <a class="button secondary" href="/services">
            See services
          </a>
        </p>
      </div>
    </Layout>
  );
}
