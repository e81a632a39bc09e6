import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';

/**
 * Rendered public pages kept in memory as bytes, with brotli and gzip variants made once and a
 * strong ETag, so a repeat request is a lookup (a Buffer sent as is is what gets close to nginx).
 *
 * Which pages: only routes a module marks cacheable (pages with no form, no per-visitor content),
 * only for visitors without a session, only 200 HTML. When: every entry carries the database's
 * "write stamp" read before it was rendered, and is used only while the stamp is unchanged. Any
 * committed write moves the stamp, from this instance, another one, a scheduled job or the CLI, so
 * content is never stale; writes are rare next to reads, so entries live long.
 */
interface Entry {
  stamp: string;
  etag: string;
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const MAX_ENTRIES = 500;
const SESSION_COOKIE = 'tandem_session';
declare module 'fastify' {
  interface FastifyRequest {
    pageCacheStamp?: string;
  }
}

/** What a visitor's request for a cacheable page is keyed by, or undefined when it must not be cached. */
function keyOf(request: FastifyRequest): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  if (!request.server.contributions.cacheable.has(request.routeOptions.url ?? '')) return undefined;
  if ((request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`)) return undefined;
  // Only the bare page or a page number: any other query string is rendered but not kept, so
  // nobody can fill the cache (and the CPU, with brotli) by inventing query strings.
  const q = request.url.indexOf('?');
  if (q !== -1 && !/^page=[1-9][0-9]{0,3}$/.test(request.url.slice(q + 1))) return undefined;
  return request.url;
}

function pickEncoding(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const accept = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return undefined;
}

function send(request: FastifyRequest, reply: FastifyReply, e: Entry): FastifyReply {
  reply.header('etag', e.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding').type(e.type);
  if (request.headers['if-none-match'] === e.etag) return reply.code(304).send();
  const enc = pickEncoding(request);
  if (enc) reply.header('content-encoding', enc);
  return reply.code(200).send(enc === 'br' ? e.br : enc === 'gzip' ? e.gzip : e.raw);
}

async function pageCachePlugin(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const entries = new Map<string, Entry>();
  const { engine, sqlite } = deps.dbh;
  // SQLite: rows changed through this connection plus the counter SQLite bumps when another
  // connection commits. One synchronous prepared statement: microseconds, no event-loop hop.
  const stmt =
    engine === 'sqlite' && sqlite
      ? sqlite.prepare("select total_changes() || ':' || (select data_version from pragma_data_version())").pluck()
      : undefined;
  async function stamp(): Promise<string> {
    if (stmt) return String(stmt.get());
    // PostgreSQL: the WAL position moves with every committed write (a commit writes a record), so
    // a page rendered after reading it can only be stale if the position has moved since.
    try {
      const { rows } = await sql<{ s: string }>`select pg_current_wal_lsn()::text as s`.execute(deps.dbh.db);
      return rows[0]!.s;
    } catch {
      return ''; // a read replica has no WAL position of its own: no caching there
    }
  }

  // As early as possible: a hit skips the session lookup, CSRF and the handler altogether.
  app.addHook('onRequest', async (request, reply) => {
    const key = keyOf(request);
    if (!key) return;
    request.pageCacheStamp = await stamp();
    if (!request.pageCacheStamp) return undefined;
    const hit = entries.get(key);
    if (hit && hit.stamp === request.pageCacheStamp) return send(request, reply, hit);
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = keyOf(request);
    if (!key || !request.pageCacheStamp || reply.statusCode !== 200 || reply.getHeader('content-encoding'))
      return payload;
    if (typeof payload !== 'string' || reply.getHeader('set-cookie')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html')) return payload;
    const raw = Buffer.from(payload);
    const entry: Entry = {
      stamp: request.pageCacheStamp,
      etag: `"${crypto.createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
      type,
      raw,
      br: zlib.brotliCompressSync(raw, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      }),
      gzip: zlib.gzipSync(raw, { level: 9 }),
    };
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, entry);
    reply.header('etag', entry.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === entry.etag) {
      reply.code(304);
      return '';
    }
    const enc = pickEncoding(request);
    if (!enc) return entry.raw;
    reply.header('content-encoding', enc);
    return enc === 'br' ? entry.br : entry.gzip;
  });
}

/** Registers the page cache for the whole app (not encapsulated). */
export const pageCache = fp(pageCachePlugin, { name: 'tandem-page-cache' });
