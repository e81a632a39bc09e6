import type { ViewContext } from '../../web/index.ts';
import { Layout, visitorFormat } from '../../web/index.ts';
import type { Page, Service } from '../site.tables.ts';
import { CoachPhoto, type PhotoSlot, Prose, ServiceCard } from './parts.tsx';

/** The hero's photo column (`.hero-photo` in site.css). */
const heroPhoto: PhotoSlot = [
  ['(min-width: 52rem)', 24],
  ['', 17],
];

interface HomeProps {
  ctx: ViewContext;
  page: Page | undefined;
  bodyHtml: string;
  services: Service[];
}

/** The home page: who the coach is, what coaching is and is not, the services, and the next step. */
export function HomePage({ ctx, page, bodyHtml, services }: HomeProps) {
  const s = ctx.settings;
  const seo = page
    ? { title: page.title, description: page.description, fullTitle: true, path: '/' }
    : { title: `${s.practiceName}: ${s.tagline}`, description: s.tagline, fullTitle: true, path: '/' };
  return (
    <Layout ctx={ctx} seo={seo} bleed>
      <section class="hero">
        <div class="wrap hero-grid">
          <div class="hero-text">
            <p class="eyebrow">
              {s.coachName}
              {s.coachTitle ? ` · ${s.coachTitle}` : ''}
            </p>
            <h1>{s.tagline || s.practiceName}</h1>
            {bodyHtml ? <Prose html={bodyHtml} class="hero-body" /> : null}
            <p class="actions">
              <a class="button" href="/contact">
                Get in touch
              </a>
              <a class="button secondary" href="/services">
                See services
              </a>
            </p>
          </div>
          {s.photoUrl ? (
            <div class="hero-photo">
              <CoachPhoto settings={s} eager slot={heroPhoto} />
            </div>
          ) : null}
        </div>
      </section>

      <section class="band" aria-labelledby="fit-title">
        <div class="wrap">
          <h2 id="fit-title">Is coaching right for you?</h2>
          <div class="two-col">
            <div class="card">
              <h3>Coaching can help you</h3>
              <ul class="ticks">
                <li>get clear on what you want, and why it matters to you</li>
                <li>turn good intentions into small steps you actually take</li>
                <li>move through a change in your relationships, work or life with more confidence</li>
                <li>have a steady partner who asks good questions and keeps you on track</li>
              </ul>
            </div>
            <div class="card">
              <h3>Coaching is not</h3>
              <ul class="crosses">
                <li>therapy, counselling or medical care</li>
                <li>a way to diagnose or treat anxiety, depression, trauma or addiction</li>
                <li>a crisis or emergency service</li>
              </ul>
              <p>
                If you are struggling with your mental health, a licensed therapist is the right first step, and
                coaching can often sit alongside therapy later. If you need support right now,{' '}
                <a href="/help">see crisis lines</a>.
              </p>
              <p>
                Not sure which fits? <a href="/guide">Try our short therapy-or-coaching guide</a>: private, and nothing
                is saved.
              </p>
            </div>
          </div>
        </div>
      </section>

      {services.length > 0 ? (
        <section class="wrap section" aria-labelledby="services-title">
          <h2 id="services-title">Ways to work together</h2>
          <ul class="cards">
            {services.map((sv) => (
              <ServiceCard service={sv} f={visitorFormat(ctx)} />
            ))}
          </ul>
          <p>
            <a href="/services">More about each service</a>
          </p>
        </section>
      ) : null}

      <section class="wrap section" aria-labelledby="next-title">
        <div class="next-step">
          <h2 id="next-title">Take the first step</h2>
          <p>
            Write a few lines about what brings you here and what you hope will change. Your message goes straight to{' '}
            {s.coachName}.
          </p>
          <p>
            <a class="button" href="/contact">
              Write to {s.coachName}
            </a>
          </p>
        </div>
      </section>
    </Layout>
  );
}
