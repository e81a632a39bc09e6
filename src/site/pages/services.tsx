import type { ViewContext } from '../../web/index.ts';
import { Layout, visitorFormat } from '../../web/index.ts';
import type { Service } from '../site.tables.ts';
import { Prose, ServiceFacts } from './parts.tsx';

/** Every active service: what it is, length, price and how it happens. */
export function ServicesPage({ ctx, services }: { ctx: ViewContext; services: { service: Service; html: string }[] }) {
  const s = ctx.settings;
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: `Coaching services with ${s.coachName}`,
        description: `One-to-one coaching with ${s.coachName}: what each service includes, how long it lasts, what it costs and how we meet.`,
        path: '/services',
      }}
      narrow
    >
      <h1>Services</h1>
      <p class="lead">Every session is one-to-one with {s.coachName}, from wherever you are.</p>
      {services.length === 0 ? <p>New services are on their way. In the meantime, please get in touch.</p> : null}
      {services.map(({ service, html }) => (
        <article class="service" id={service.slug} aria-labelledby={`s-${service.slug}`}>
          <h2 id={`s-${service.slug}`}>{service.name}</h2>
          <p class="service-summary">{service.summary}</p>
          <ServiceFacts service={service} f={visitorFormat(ctx)} />
          <Prose html={html} />
          <p>
            <a class="button" href={`/book/${service.slug}`}>
              Book<span class="visually-hidden"> {service.name}</span>
            </a>
          </p>
        </article>
      ))}
      <aside class="notice" aria-label="Coaching is not therapy">
        <p>
          Coaching is not therapy or medical care. If you are unsure which you need, that is a good question to bring to
          a first conversation. If you need support right now, <a href="/help">see crisis lines</a>.
        </p>
      </aside>
      <div class="next-step">
        <h2>Ready to begin?</h2>
        <p>
          Write a few lines about what you are looking for and which service interests you. Your message goes straight
          to {s.coachName}.
        </p>
        <p>
          <a class="button" href="/contact">
            Get in touch
          </a>
        </p>
      </div>
    </Layout>
  );
}
