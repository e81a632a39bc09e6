// npm start / npm run tandem — runs the compiled app (dist/main.js) or CLI (dist/cli.js), building
// dist/ first when src/ has changed since the last build. Plain JavaScript, so nothing transpiles
// TypeScript in the running process (decision 023).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDist, sourceFingerprint } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Settings from ./.env when there is one (like `node --env-file-if-exists=.env`); variables already
// set in the environment win over the file.
const envFile = path.resolve(process.env.TANDEM_ENV_FILE ?? '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
const entry = process.argv[2] === 'cli' ? 'cli' : 'main';
if (process.argv[2] === 'cli') process.argv.splice(2, 1);

const stamp = path.join(root, 'dist', '.fingerprint');
const built = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : '';
if (built !== sourceFingerprint()) {
  const { ms } = await buildDist();
  process.stderr.write(`Tandem: compiled src/ into dist/ in ${ms} ms\n`);
}
await import(pathToFileURL(path.join(root, 'dist', `${entry}.js`)).href);
