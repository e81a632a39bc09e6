import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { buildSync } from 'esbuild';
import type { FastifyInstance } from 'fastify';
import { type HashedBytes, serveHashed } from './assets.ts';

/** One browser island, bundled once: its hashed address and its bytes, raw and compressed. */
export interface Island extends HashedBytes {
  href: string;
}

const built = new Map<string, Island>();

/**
 * Bundles an island's entry file with esbuild (one IIFE, minified, no imports left, nothing from a
 * CDN) into `/assets/<name>.<hash>.js`, compressed once; the same file is built once per process.
 * Islands are written in TypeScript beside the module that uses them (`islands/*.ts`).
 */
export function bundleIsland(entry: URL, name: string): Island {
  const file = fileURLToPath(entry);
  const known = built.get(file);
  if (known) return known;
  // The compiled app (dist/) has each island bundled by `npm run build`; from src/ it is bundled here.
  const prebuilt = file.replace(/\.ts$/, '.bundle.js');
  const raw = fs.existsSync(prebuilt) ? fs.readFileSync(prebuilt) : bundle(file);
  const hash = crypto.createHash('sha256').update(raw).digest('hex').slice(0, 12);
  const island = {
    href: `/assets/${name}.${hash}.js`,
    raw,
    br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: zlib.gzipSync(raw, { level: 9 }),
  };
  built.set(file, island);
  return island;
}

/** One IIFE, minified, no imports left (the same options as scripts/build.mjs). */
function bundle(file: string): Buffer {
  const out = buildSync({
    entryPoints: [file],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0]!.contents);
}

/** Serves an island at its hashed address, cached for a year, compressed as the browser accepts. */
export function serveIsland(app: FastifyInstance, island: Island): void {
  serveHashed(app, island.href, island, 'text/javascript; charset=utf-8');
}
