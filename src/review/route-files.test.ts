import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

const src = path.join(import.meta.dirname, '..');
/** Route files: Fastify plugins that parse, check access, call one use case and render (decision 013). */
const routeFiles = fs
  .readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.routes\.tsx?$/.test(f) || f.endsWith(`site${path.sep}site.admin.tsx`))
  .filter((f) => !f.includes('.test.'));

const rules: [RegExp, string][] = [
  [
    /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|\bsql`|\.transaction\(\)/,
    'SQL (move it to the module’s *.queries.ts or *.service.ts)',
  ],
  [/\bcsrfOk\b/, 'a hand-written CSRF check (use handleForm)'],
  [/request\.(query|params)\s+as\b|app\.(get|post)</, 'an unparsed query or params (use parseQuery / parseParams)'],
];

it('route files hold no SQL, no hand-written CSRF check and no unparsed query strings', () => {
  assert.ok(routeFiles.length > 15, `found the route files: ${routeFiles.join(' ')}`);
  const bad: string[] = [];
  for (const file of routeFiles) {
    const lines = fs.readFileSync(path.join(src, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const [re, what] of rules) if (re.test(line)) bad.push(`${file}:${i + 1}: ${what}`);
    });
  }
  assert.deepEqual(bad, []);
});
