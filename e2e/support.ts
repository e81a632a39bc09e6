import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Config } from '../src/config.ts';
import { systemClock } from '../src/deps.ts';
import { type RunningSite, startDemoSite, startTestSite } from '../src/testing.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type { RunningSite };

/** The real app with demo content, its mail and jobs workers running, on a free loopback port. */
export function startSite(overrides: Partial<Config> = {}): Promise<RunningSite> {
  return startDemoSite(overrides, { workers: true });
}

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
}

/**
 * The same Chromium with a fake camera and microphone (a test pattern and a beep) that every page
 * may use without asking: for the video room. Each person in a call gets a browser of their own.
 */
export function launchMediaBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...BROWSER_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
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
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

export function describeViolations(v: AxeViolation[]): string {
  return v
    .map(
      (x) =>
        `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join('\n    ')}`,
    )
    .join('\n');
}

/**
 * The app with workers and real mail on http://localhost:<port> (not 127.0.0.1): WebAuthn needs a
 * domain as its relying party, and refuses an IP address.
 */
export function startLocalhostSite(mailUrl: string) {
  return startTestSite(
    { mailUrl },
    {
      clock: systemClock,
      workers: true,
      adjust: (d) => ({
        ...d,
        config: { ...d.config, publicUrl: d.config.publicUrl.replace('127.0.0.1', 'localhost') },
      }),
    },
  );
}

/** A page with Chromium's virtual platform authenticator (CDP WebAuthn): resident keys, user verified. */
export async function withAuthenticator(context: BrowserContext) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  return { page, credentials };
}
