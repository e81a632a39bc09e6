import type { Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';

/** Every route the app registers, read from Fastify's printed route tree (same reading as src/admin/access.test.ts). */
export function registeredRoutes(app: FastifyInstance): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    if (m[3]) out.push({ path: path.replace(/^\/\//, '/'), methods: m[3].split(', ') });
  }
  return out;
}

/** A concrete URL for a route pattern, every parameter given `value`. */
export function fill(pattern: string, value: string): string {
  return pattern.replace(/:[A-Za-z_]+/g, value).replace(/\*/g, value);
}

/** Every row of every table (as sorted JSON), to prove a refused request changed nothing. */
export async function snapshot(db: Kysely<any>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await db.introspection.getTables()) {
    if (t.name.startsWith('kysely_') || t.name.startsWith('posts_fts')) continue;
    const rows = await db.selectFrom(t.name).selectAll().execute();
    // A session's last-seen time moves on every request; that is not a change made by the form.
    out[t.name] = rows.map((r) => JSON.stringify({ ...r, last_seen_at: undefined }, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();
  }
  return out;
}
