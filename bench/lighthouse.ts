// npm run bench (last step) — Lighthouse, mobile with its default config, on the home page and an
// article of the demo site served in-process; prints the four category scores and transferred bytes.
// Runs offline against the system's Chromium; without one it says so and exits 0.
import fs from 'node:fs';
import { startDemoSite } from '../src/testing.ts';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
/** The demo's longest article, the same page bench/pages.ts loads. */
const PAGES = ['/', '/blog/therapy-or-coaching-seven-differences'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface Row {
  page: string;
  scores: number[];
  bytes: number;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROME)) {
    console.log(`lighthouse: skipped, no Chromium at ${CHROME} (apt-get install chromium, or set CHROME_PATH)`);
    return;
  }
  // Loaded only when there is a browser to drive: both are large.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');

  const site = await startDemoSite({ logLevel: 'silent' });
  const { url } = site;

  const rows: Row[] = [];
  let chrome: Awaited<ReturnType<typeof chromeLauncher.launch>> | undefined;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: CHROME,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    for (const page of PAGES) {
      // Lighthouse itself asks for a second run when its trace misses the navigation (NO_NAVSTART
      // and kin happen on a busy machine); one retry, then the error stands.
      let result = await lighthouse(url + page, { port: chrome.port, output: 'json', logLevel: 'error' });
      if (result?.lhr.runtimeError)
        result = await lighthouse(url + page, { port: chrome.port, output: 'json', logLevel: 'error' });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no result for ${page}`);
      if (lhr.runtimeError)
        throw new Error(`lighthouse on ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      rows.push({
        page,
        scores: CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100)),
        bytes: Number(lhr.audits['total-byte-weight']?.numericValue ?? 0),
      });
    }
  } finally {
    chrome?.kill();
    await site.close();
  }

  console.log(`\nLighthouse, mobile (default config), Chromium at ${CHROME}\n`);
  console.log('| page | performance | accessibility | best practices | SEO | transferred |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.page} | ${r.scores.join(' | ')} | ${(r.bytes / 1024).toFixed(1)} KB |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
