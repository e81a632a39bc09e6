import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';

/**
 * The structure drawn from the imports, one box per folder of src/ (the root's files are one box,
 * "root"): no cycle between boxes, and no arrow from a lower layer up to a feature. The file-level
 * rules live in .dependency-cruiser.cjs (run by `npm run lint`); this is the picture a newcomer
 * sees. Type-only imports are left out: every module names the composition root's `Deps` type,
 * which has no runtime effect.
 */
const LOWER = ['db', 'security', 'time', 'settings', 'jobs', 'audit', 'mail', 'web'];
const isTest = (f: string) => /\.test\.tsx?$|testing\.ts$|^src\/review\//.test(f);
const boxOf = (f: string) => (/^src\/[^/]+\.tsx?$/.test(f) ? 'root' : (f.split('/')[1] ?? 'root'));

interface Cruised {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
}

function folderGraph(): Map<string, Set<string>> {
  const out = execFileSync(
    process.execPath,
    [
      'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs',
      'src',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const graph = new Map<string, Set<string>>();
  for (const m of (JSON.parse(out) as Cruised).modules) {
    if (!m.source.startsWith('src/') || isTest(m.source)) continue;
    const from = boxOf(m.source);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const d of m.dependencies) {
      if (!d.resolved.startsWith('src/') || isTest(d.resolved)) continue;
      if (d.dependencyTypes.includes('type-only')) continue;
      const to = boxOf(d.resolved);
      if (to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

const graph = folderGraph();

it('reads the real picture (every module is a box, with its arrows)', () => {
  for (const box of ['root', 'db', 'web', 'settings', 'site', 'booking', 'blog', 'guide', 'auth'])
    assert.ok(graph.has(box), `${box} is drawn`);
  assert.ok(graph.get('booking')!.has('web') && graph.get('root')!.has('booking'), 'arrows are read');
});

it('no cycle between the folders of src/', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    path.push(n);
    for (const next of graph.get(n) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  assert.deepEqual(cycles, []);
});

it('no arrow from a lower layer up to a feature module or the root', () => {
  const up: string[] = [];
  for (const lower of LOWER)
    for (const to of graph.get(lower) ?? []) if (!LOWER.includes(to)) up.push(`${lower} → ${to}`);
  assert.deepEqual(up, []);
});
