import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateEncoding } from './encoding.ts';
import { compress } from './fast-path.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The coach's colours live in the URL itself, so the file can be cached for a year. */
export function themeHref(colours: { accent: string; accentDark: string }): string {
  return `/assets/theme.${colours.accent.slice(1)}.${colours.accentDark.slice(1)}.css`.toLowerCase();
}

/** Bytes served under a content-hashed name, compressed once in each encoding. */
export interface HashedBytes {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** Sends hashed bytes cached for a year, in the encoding the browser accepts. */
export function sendHashed(request: FastifyRequest, reply: FastifyReply, bytes: HashedBytes, type: string) {
  reply.header('cache-control', IMMUTABLE).header('vary', 'accept-encoding').type(type);
  const enc = negotiateEncoding(request.headers['accept-encoding']);
  if (enc === 'br') return reply.header('content-encoding', 'br').send(bytes.br);
  if (enc === 'gzip') return reply.header('content-encoding', 'gzip').send(bytes.gzip);
  return reply.send(bytes.raw);
}

/**
 * Serves hashed bytes at `href` from Fastify (for `inject`) and, the same bytes and headers, on
 * the fast path before Fastify.
 */
export function serveHashed(app: FastifyInstance, href: string, bytes: HashedBytes, type: string): void {
  app.get(href, (request, reply) => sendHashed(request, reply, bytes, type));
  app.fastPath.addFixed(href, type, IMMUTABLE, bytes);
}

const STATIC_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** Foreground (black or white) that reads best on a background colour. */
function contrastText(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return lum > 0.179 ? '#111111' : '#ffffff';
}

export function themeCss(accent: string, accentDark: string): string {
  return (
    `:root{--accent:#${accent};--on-accent:${contrastText('#' + accent)}}\n` +
    `@media (prefers-color-scheme: dark){:root{--accent:#${accentDark};--on-accent:${contrastText('#' + accentDark)}}}\n`
  );
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const sheet = app.contributions.stylesheet;
  serveHashed(app, sheet.href, sheet, 'text/css; charset=utf-8');
  // The few files under /static/ (the favicon, the default illustration) are read once and kept.
  const publicDir = path.join(here, 'assets', 'public');
  for (const name of fs.readdirSync(publicDir)) {
    const type = STATIC_TYPES[path.extname(name).toLowerCase()];
    if (type)
      app.fastPath.addFixed(
        `/static/${name}`,
        type,
        'public, max-age=86400',
        compress(fs.readFileSync(path.join(publicDir, name))),
      );
  }
  app.get<{ Params: { a: string; b: string } }>('/assets/theme.:a.:b.css', async (req, reply) => {
    const { a, b } = req.params;
    if (!/^[0-9a-f]{6}$/.test(a) || !/^[0-9a-f]{6}$/.test(b)) return reply.code(404).send();
    reply.header('cache-control', IMMUTABLE).type('text/css; charset=utf-8');
    return themeCss(a, b);
  });
  await app.register(fastifyStatic, {
    root: path.join(here, 'assets', 'public'),
    prefix: '/static/',
    maxAge: '1d',
    decorateReply: false,
  });
}
