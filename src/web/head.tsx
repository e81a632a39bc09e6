import { absolute, breadcrumbNode, graphJson, siteNodes } from './jsonld.ts';
import { documentTitle, type Seo } from './seo.ts';
import type { ViewContext } from './view.ts';

/** What the head function derives from a page's SEO model; pure, so it can be tested and linted. */
export interface ResolvedHead {
  title: string;
  description: string;
  canonical: string;
  robots: string | undefined;
  ogType: string;
  ogTitle: string;
  image: { url: string; width: number; height: number; alt: string } | undefined;
  graph: string;
  feeds: { title: string; href: string; type: string }[];
  prev: string | undefined;
  next: string | undefined;
}

/** Resolves a page's SEO model into absolute URLs and the JSON-LD graph. */
export function resolveHead(seo: Seo, ctx: Pick<ViewContext, 'publicUrl' | 'path' | 'settings'>): ResolvedHead {
  const base = ctx.publicUrl;
  const path = seo.path ?? ctx.path;
  const canonical = absolute(base, path);
  const nodes = [...siteNodes(base, ctx.settings)];
  if (seo.breadcrumbs && path !== '/') {
    nodes.push(breadcrumbNode(base, [{ name: 'Home', path: '/' }, ...seo.breadcrumbs, { name: seo.title, path }]));
  }
  nodes.push(...(seo.graph ?? []));
  return {
    title: documentTitle(seo, ctx.settings.practiceName),
    description: seo.description,
    canonical,
    robots: seo.noindex ? 'noindex' : undefined,
    ogType: seo.ogType ?? 'website',
    ogTitle: seo.title,
    image: seo.image ? { ...seo.image, url: absolute(base, seo.image.url) } : undefined,
    graph: graphJson(nodes),
    feeds: (seo.feeds ?? []).map((f) => ({ title: f.title, href: absolute(base, f.path), type: f.type })),
    prev: seo.prevPath ? absolute(base, seo.prevPath) : undefined,
    next: seo.nextPath ? absolute(base, seo.nextPath) : undefined,
  };
}

/** The one head function: every public page's title, description, canonical, robots, OG, Twitter and JSON-LD. */
export function SeoHead({ seo, ctx }: { seo: Seo; ctx: ViewContext }) {
  const h = resolveHead(seo, ctx);
  const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : undefined);
  return (
    <>
      <title>{h.title}</title>
      <meta name="description" content={h.description} />
      <link rel="canonical" href={h.canonical} />
      {h.robots ? <meta name="robots" content={h.robots} /> : null}
      {h.prev ? <link rel="prev" href={h.prev} /> : null}
      {h.next ? <link rel="next" href={h.next} /> : null}
      <meta property="og:type" content={h.ogType} />
      <meta property="og:site_name" content={ctx.settings.practiceName} />
      <meta property="og:title" content={h.ogTitle} />
      <meta property="og:description" content={h.description} />
      <meta property="og:url" content={h.canonical} />
      <meta property="og:locale" content="en_US" />
      {h.image ? (
        <>
          <meta property="og:image" content={h.image.url} />
          <meta property="og:image:width" content={String(h.image.width)} />
          <meta property="og:image:height" content={String(h.image.height)} />
          <meta property="og:image:alt" content={h.image.alt} />
        </>
      ) : null}
      {seo.ogType === 'article' && iso(seo.publishedAt) ? (
        <meta property="article:published_time" content={iso(seo.publishedAt)} />
      ) : null}
      {seo.ogType === 'article' && iso(seo.modifiedAt) ? (
        <meta property="article:modified_time" content={iso(seo.modifiedAt)} />
      ) : null}
      <meta name="twitter:card" content={h.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={h.ogTitle} />
      <meta name="twitter:description" content={h.description} />
      {h.image ? <meta name="twitter:image" content={h.image.url} /> : null}
      {h.feeds.map((f) => (
        <link rel="alternate" type={f.type} title={f.title} href={f.href} />
      ))}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: h.graph }} />
    </>
  );
}
