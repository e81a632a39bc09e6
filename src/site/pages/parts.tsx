import type { SiteSettings } from '../../settings/index.ts';
import type { Formatter } from '../../time/index.ts';
import { modalityLabel } from '../service-format.ts';
import type { Service } from '../site.tables.ts';

/** HTML that renderMarkdown already sanitized; nothing else may be passed here. */
export function Prose({ html, class: cls }: { html: string; class?: string }) {
  return <div class={cls ? `prose ${cls}` : 'prose'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The coach's photo, or nothing when none is set (a missing photo must not leave a hole). */
export function CoachPhoto({ settings, eager }: { settings: SiteSettings; eager?: boolean }) {
  if (!settings.photoUrl) return null;
  // 4:5, the shape the stylesheet crops to, so the page does not jump while it loads.
  return (
    <img
      class="portrait"
      src={settings.photoUrl}
      alt={settings.photoAlt || `Photo of ${settings.coachName}`}
      width={400}
      height={500}
      loading={eager ? undefined : 'lazy'}
      fetchpriority={eager ? 'high' : undefined}
    />
  );
}

/** Length, price and modality, as a small description list. */
export function ServiceFacts({ service, f }: { service: Service; f: Formatter }) {
  return (
    <dl class="facts">
      <div>
        <dt>Length</dt>
        <dd>{f.duration(service.duration_minutes)}</dd>
      </div>
      <div>
        <dt>Price</dt>
        <dd>{f.money(service.price_cents, service.currency)}</dd>
      </div>
      <div>
        <dt>How</dt>
        <dd>{modalityLabel(service.modality)}</dd>
      </div>
    </dl>
  );
}

/** A service as a card on the home page, linking to its full description. */
export function ServiceCard({ service, f }: { service: Service; f: Formatter }) {
  return (
    <li class="card service-card">
      <h3>
        <a href={`/services#${service.slug}`}>{service.name}</a>
      </h3>
      <p>{service.summary}</p>
      <ServiceFacts service={service} f={f} />
      <p>
        <a href={`/book/${service.slug}`}>
          Book<span class="visually-hidden"> {service.name}</span>
        </a>
      </p>
    </li>
  );
}
