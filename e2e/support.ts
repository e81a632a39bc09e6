import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { systemClock, type Deps } from '../src/deps.ts';
import { seedDemoContent } from '../src/demo/index.ts';
import { startWorkers } from '../src/workers.ts';
import { createTestDeps } from '../src/testing.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningSite {
  url: string;
  deps: Deps;
  close(): Promise<void>;
}

/** The real app with demo content on a fresh SQLite database, listening on a free loopback port. */
export async function startSite(overrides: Partial<Config> = {}): Promise<RunningSite> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { deps, db } = await createTestDeps('sqlite', { publicUrl: url, port, ...overrides }, systemClock);
  await seedDemoContent(deps);
  const app = await buildApp(deps);
  const worker = startWorkers(deps);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    deps,
    async close() {
      await app.close();
      await worker.stop();
      deps.mail?.close();
      await db.destroy();
    },
  };
}

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page. The page must come from a context
 * created with `bypassCSP: true`, since our CSP (rightly) forbids the injected script.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
}

export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join('\n    ')}`).join('\n');
}
