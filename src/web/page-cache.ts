import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { openWriteStamp } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { type Encoding, negotiateEncoding } from './encoding.ts';
import { compress } from './fast-path.ts';

/**
 * Rendered public pages kept in memory as bytes, with brotli and gzip variants made once and a
 * strong ETag, so a repeat request is a lookup.
 *
 * Which pages: only routes a module marks cacheable (pages with no form, no per-visitor content),
 * only for visitors without a session, only 200 HTML. When: every entry carries the database's
 * write stamp read before it was rendered, and is used only while the stamp is unchanged. Any
 * committed write moves the stamp, from this instance, another one, a scheduled job or the CLI
 * (db/write-stamp.ts), so content is never stale; writes are rare next to reads, so entries live
 * long.
 *
 * A hit is served twice over: on the fast path (fast-path.ts), which the HTTP server runs before Fastify sees the
 * request at all (no request object, no hooks: what gets a cached page close to nginx, decision
 * 023), and by an onRequest hook for requests that reach Fastify anyway (`inject` in tests). Both
 * send the same stored headers — the ones the first, rendered answer had.
 */
interface Entry {
  stamp: number;
  etag: string;
  /** The rendered answer's headers for each encoding, as a flat [name, value, …] list. */
  head: Record<Encoding, string[]>;
  notModified: string[];
  body: Record<Encoding, Buffer>;
}

const MAX_ENTRIES = 500;
const SESSION_COOKIE = 'tandem_session';
/** Headers of the rendered answer that are not the same for every visitor, or are set per encoding. */
const PER_ANSWER = new Set(['content-length', 'content-encoding', 'set-cookie', 'etag', 'cache-control', 'vary']);

declare module 'fastify' {
  interface FastifyRequest {
    pageCacheStamp?: number;
  }
}

/** Only the bare page or a page number: any other query string is rendered but not kept. */
function cacheableUrl(url: string): boolean {
  const q = url.indexOf('?');
  return q === -1 || /^page=[1-9][0-9]{0,3}$/.test(url.slice(q + 1));
}

function visitorRequest(method: string | undefined, cookie: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !(cookie ?? '').includes(`${SESSION_COOKIE}=`);
}

/** What a visitor's request for a cacheable page is keyed by, or undefined when it must not be cached. */
function keyOf(request: FastifyRequest): string | undefined {
  if (!visitorRequest(request.method, request.headers.cookie)) return undefined;
  if (!request.server.contributions.cacheable.has(request.routeOptions.url ?? '')) return undefined;
  // Nobody can fill the cache (and the CPU, with brotli) by inventing query strings.
  return cacheableUrl(request.url) ? request.url : undefined;
}

function flatHeaders(h: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out.push(k, String(v));
  return out;
}

function makeEntry(stamp: number, raw: Buffer, rendered: Record<string, unknown>): Entry {
  const etag = `"${crypto.createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`;
  const bytes = compress(raw);
  const body: Record<Encoding, Buffer> = { identity: raw, br: bytes.br, gzip: bytes.gzip };
  const common: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rendered)) if (!PER_ANSWER.has(k.toLowerCase())) common[k.toLowerCase()] = v;
  Object.assign(common, { etag, 'cache-control': 'no-cache', vary: 'accept-encoding' });
  const headFor = (enc: Encoding) =>
    flatHeaders({
      ...common,
      ...(enc === 'identity' ? {} : { 'content-encoding': enc }),
      'content-length': body[enc].length,
    });
  const { 'content-type': _type, ...notModified } = common;
  return {
    stamp,
    etag,
    head: { identity: headFor('identity'), br: headFor('br'), gzip: headFor('gzip') },
    notModified: flatHeaders(notModified),
    body,
  };
}

function sendThroughFastify(request: FastifyRequest, reply: FastifyReply, e: Entry): FastifyReply {
  const enc = negotiateEncoding(request.headers['accept-encoding']);
  const head = request.headers['if-none-match'] === e.etag ? e.notModified : e.head[enc];
  for (let i = 0; i < head.length; i += 2) if (head[i] !== 'content-length') reply.header(head[i]!, head[i + 1]!);
  if (head === e.notModified) return reply.code(304).send();
  return reply.code(200).send(e.body[enc]);
}

async function pageCachePlugin(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const entries = new Map<string, Entry>();
  const stamp = openWriteStamp(deps.dbh, deps.log);
  app.addHook('onClose', async () => stamp.close());
  await stamp.ready;

  /** The entry for this request if it is a visitor's and still current. */
  function lookup(method: string | undefined, url: string, cookie: string | undefined): Entry | undefined {
    if (!visitorRequest(method, cookie)) return undefined;
    const hit = entries.get(url);
    return hit && hit.stamp === stamp.current() ? hit : undefined;
  }

  // Before Fastify: a hit costs a map lookup, one stamp read and one write of stored bytes.
  app.fastPath.pages = (req, res) => {
    const e = lookup(req.method, req.url ?? '', req.headers.cookie);
    if (!e) return false;
    if (req.headers['if-none-match'] === e.etag) {
      res.writeHead(304, e.notModified);
      res.end();
    } else {
      const enc = negotiateEncoding(req.headers['accept-encoding']);
      res.writeHead(200, e.head[enc]);
      res.end(req.method === 'HEAD' ? undefined : e.body[enc]);
    }
    return true;
  };

  app.addHook('onRequest', async (request, reply) => {
    const key = keyOf(request);
    if (!key) return;
    request.pageCacheStamp = stamp.current();
    const hit = lookup(request.method, key, request.headers.cookie);
    if (hit) return sendThroughFastify(request, reply, hit);
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = keyOf(request);
    if (!key || request.pageCacheStamp === undefined || reply.statusCode !== 200 || reply.getHeader('content-encoding'))
      return payload;
    if (typeof payload !== 'string' || reply.getHeader('set-cookie')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const entry = makeEntry(request.pageCacheStamp, Buffer.from(payload), reply.getHeaders());
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, entry);
    reply.header('etag', entry.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === entry.etag) {
      reply.code(304);
      return '';
    }
    const enc = negotiateEncoding(request.headers['accept-encoding']);
    if (enc !== 'identity') reply.header('content-encoding', enc);
    return entry.body[enc];
  });
}

/** Registers the page cache for the whole app (not encapsulated), and its hits on the fast path. */
export const pageCache = fp(pageCachePlugin, { name: 'tandem-page-cache' });
