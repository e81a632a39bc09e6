import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { Logger } from 'pino';
import { type Encoding, negotiateEncoding } from './encoding.ts';
import { logRequest } from './request-log.ts';

/**
 * What the HTTP server answers before Fastify sees a request (decision 023): fixed bytes at fixed
 * addresses (the hashed stylesheet and islands, the files under /static/) and the page cache's
 * hits. Each answer is stored whole — status line headers as a flat list per encoding, bytes per
 * encoding — so serving one is a map lookup and one write, as near to a static file server as
 * Node gets. Everything else goes on to Fastify untouched.
 */
interface Fixed {
  head: Record<Encoding, string[]>;
  notModified: string[];
  etag: string;
  body: Record<Encoding, Buffer>;
}

/** Bytes in each encoding; `compress` makes the others from raw ones. */
export interface EncodedBytes {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export function compress(raw: Buffer): EncodedBytes {
  return {
    raw,
    br: zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }),
    gzip: zlib.gzipSync(raw, { level: 9 }),
  };
}

/** Headers as the flat [name, value, …] list `writeHead` takes. */
export function flat(h: Record<string, string | number>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(h)) out.push(k, String(v));
  return out;
}

declare module 'fastify' {
  interface FastifyInstance {
    fastPath: FastPath;
  }
}

export class FastPath {
  readonly #fixed = new Map<string, Fixed>();
  /** The page cache's raw server, set when it is registered. */
  pages: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;

  constructor(
    /** The security headers every answer carries. */
    readonly baseHeaders: Record<string, string>,
    readonly log: Logger,
  ) {}

  /** Serves `bytes` at exactly `path` (no query string), in the encoding the browser accepts. */
  addFixed(path: string, type: string, cacheControl: string, bytes: EncodedBytes): void {
    const etag = `"${crypto.createHash('sha256').update(bytes.raw).digest('base64url').slice(0, 27)}"`;
    const common = {
      ...this.baseHeaders,
      'content-type': type,
      'cache-control': cacheControl,
      etag,
      vary: 'accept-encoding',
    };
    const body = { identity: bytes.raw, br: bytes.br, gzip: bytes.gzip };
    const headFor = (enc: Encoding) =>
      flat({
        ...common,
        ...(enc === 'identity' ? {} : { 'content-encoding': enc }),
        'content-length': body[enc].length,
      });
    const { 'content-type': _t, ...notModified } = common;
    this.#fixed.set(path, {
      head: { identity: headFor('identity'), br: headFor('br'), gzip: headFor('gzip') },
      notModified: flat(notModified),
      etag,
      body,
    });
  }

  /** True when the request was answered here. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const started = performance.now();
    const fixed = this.#fixed.get(req.url ?? '');
    if (fixed) {
      if (req.headers['if-none-match'] === fixed.etag) {
        res.writeHead(304, fixed.notModified);
        res.end();
      } else {
        const enc = negotiateEncoding(req.headers['accept-encoding']);
        res.writeHead(200, fixed.head[enc]);
        res.end(req.method === 'HEAD' ? undefined : fixed.body[enc]);
      }
      logRequest(this.log, req.method, req.url ?? '', res.statusCode, performance.now() - started);
      return true;
    }
    if (this.pages?.(req, res)) {
      logRequest(this.log, req.method, req.url ?? '', res.statusCode, performance.now() - started);
      return true;
    }
    return false;
  }
}
