// npm run build — compiles src/ into dist/ as plain JavaScript, file for file (the layout is kept,
// so every `new URL('./x.css', import.meta.url)` still finds its file), copies the files that are
// not code, and bundles each browser island once. Uses esbuild (a runtime dependency), so a
// production install without dev dependencies can build too. `npm start` runs it when src/ has
// changed since the last build (scripts/start.mjs); decision 023 says why.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

/** Every file under a folder, as paths relative to it, in a stable order. */
export function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

const isTest = (f) => /\.test\.tsx?$/.test(f) || /(^|\/)testdata\//.test(f);
const isIsland = (f) => /(^|\/)islands\/[^/]+\.ts$/.test(f);
const isCode = (f) => /\.tsx?$/.test(f);

/** What the build depends on: every source file's path, size and change time, and the build's own inputs. */
export function sourceFingerprint() {
  const h = crypto.createHash('sha256');
  for (const f of filesUnder(src)) {
    const st = fs.statSync(path.join(src, f));
    h.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  for (const f of ['scripts/build.mjs', 'package-lock.json']) {
    const p = path.join(root, f);
    if (fs.existsSync(p)) h.update(`${f}\0${fs.statSync(p).mtimeMs}\n`);
  }
  return h.digest('hex');
}

/** Relative imports stay imports (of the compiled .js file beside it); packages stay imports too. */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.tsx?$/, '.js'), external: true },
    );
  },
};

export async function buildDist() {
  const started = performance.now();
  const fingerprint = sourceFingerprint();
  const files = filesUnder(src).filter((f) => !isTest(f));
  const out = `${dist}.${process.pid}.tmp`;
  fs.rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((f) => isCode(f) && !isIsland(f)).map((f) => path.join(src, f)),
    outdir: out,
    outbase: src,
    bundle: true,
    packages: 'external',
    plugins: [keepImports],
    platform: 'node',
    format: 'esm',
    target: 'node24',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  // Islands: bundled for the browser now, so a start does not run esbuild (web/islands.ts reads these).
  for (const f of files.filter(isIsland)) {
    await build({
      entryPoints: [path.join(src, f)],
      outfile: path.join(out, f.replace(/\.ts$/, '.bundle.js')),
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
  for (const f of files.filter((f) => !isCode(f) && !f.endsWith('.md'))) {
    fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    fs.copyFileSync(path.join(src, f), path.join(out, f));
  }
  fs.writeFileSync(path.join(out, '.fingerprint'), fingerprint);
  // Another start may have built the same sources meanwhile: then its dist/ stands.
  for (let attempt = 0; ; attempt++) {
    fs.rmSync(dist, { recursive: true, force: true });
    try {
      fs.renameSync(out, dist);
      break;
    } catch (err) {
      const theirs = path.join(dist, '.fingerprint');
      if (fs.existsSync(theirs) && fs.readFileSync(theirs, 'utf8') === fingerprint) {
        fs.rmSync(out, { recursive: true, force: true });
        break;
      }
      if (attempt >= 5) throw err;
    }
  }
  return { ms: Math.round(performance.now() - started), files: files.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ms, files } = await buildDist();
  process.stdout.write(`built dist/ from ${files} files in ${ms} ms\n`);
}
