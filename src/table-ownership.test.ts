import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

/**
 * Each table has one owner module: the one whose `*.tables.ts` declares it. Other modules reach it
 * through the owner's exported functions, never with their own SQL. There are no exceptions:
 * the demo seed, the audit page and the composition root's neighbours all go through owners.
 */

const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
const files = walk('src').filter((f) => !/\.test\.tsx?$|testing\.ts$|[/\\]review[/\\]|[/\\]migrations[/\\]/.test(f));

const owner = new Map<string, string>();
for (const f of files.filter((f) => f.endsWith('.tables.ts'))) {
  const body = /export interface \w+Tables \{([^}]*)\}/.exec(fs.readFileSync(f, 'utf8'))?.[1] ?? '';
  for (const m of body.matchAll(/^\s*(\w+)\s*:/gm)) owner.set(m[1]!, f.split(path.sep)[1]!);
}

it('every table is declared by exactly one module', () => {
  assert.ok(owner.size >= 25, `found only ${owner.size} tables`);
  assert.equal(owner.get('bookings'), 'booking');
  assert.equal(owner.get('audit_log'), 'audit');
});

it('no module writes SQL against a table another module owns', () => {
  const found: string[] = [];
  for (const f of files) {
    const mod = f.split(path.sep)[1]!;
    if (/^src[/\\][^/\\]+\.tsx?$/.test(f)) continue; // the composition root's files
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(
      /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\(\s*'(\w+)/g,
    )) {
      const table = m[1]!;
      const own = owner.get(table);
      const rel = f.split(path.sep).join('/');
      if (own && own !== mod) found.push(`${rel} → ${table} (owned by ${own})`);
    }
  }
  assert.deepEqual([...new Set(found)], []);
});
