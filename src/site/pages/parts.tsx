import type { SiteSettings } from '../../settings/index.ts';
import type { Formatter } from '../../time/index.ts';
import { imageVariants } from '../../web/index.ts';
import { modalityLabel } from '../service-format.ts';
import type { Service } from '../site.tables.ts';

/** HTML that renderMarkdown already sanitized; nothing else may be passed here. */
export function Prose({ html, class: cls }: { html: string; class?: string }) {
  return <div class={cls ? `prose ${cls}` : 'prose'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Where a page draws the coach's photo: its width in rem, under each media condition ('' for the rest). */
export type PhotoSlot = [media: string, rem: number][];

/**
 * The `sizes` for a photo the stylesheet crops to 4:5 with `object-fit: cover`: a photo wider than
 * 4:5 is drawn wider than its box, so the browser is told the drawn width and picks a sharp file.
 */
function coverSizes(slot: PhotoSlot, width: number, height: number): string {
  const scale = Math.max(1, width / height / (4 / 5));
  return slot.map(([media, rem]) => `${media ? `${media} ` : ''}${Math.round(rem * scale * 100) / 100}rem`).join(', ');
}

/**
 * The coach's photo, or nothing when none is set (a missing photo must not leave a hole). An
 * uploaded photo comes as a <picture> of its stored widths in AVIF, WebP and JPEG; any other
 * address (the demo's illustration) as it is.
 */
export function CoachPhoto({ settings, eager, slot }: { settings: SiteSettings; eager?: boolean; slot: PhotoSlot }) {
  if (!settings.photoUrl) return null;
  const v = imageVariants(settings.photoUrl);
  const sizes = v ? coverSizes(slot, v.width, v.height) : undefined;
  // 4:5, the shape the stylesheet crops to, so the page does not jump while it loads.
  const img = (
    <img
      class="portrait"
      src={v ? v.fallback : settings.photoUrl}
      srcset={v?.jpeg}
      sizes={sizes}
      alt={settings.photoAlt || `Photo of ${settings.coachName}`}
      width={400}
      height={500}
      loading={eager ? undefined : 'lazy'}
      fetchpriority={eager ? 'high' : undefined}
    />
  );
  if (!v) return img;
  return (
    <picture class="portrait-frame">
      <source type="image/avif" srcset={v.avif} sizes={sizes} />
      <source type="image/webp" srcset={v.webp} sizes={sizes} />
      {img}
    </picture>
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
