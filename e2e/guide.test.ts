import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { SESSION_COOKIE, startSession } from '../src/auth/sessions.ts';
import type { Deps } from '../src/deps.ts';
import { questionsFor } from '../src/guide/engine/questions.ts';
import { calmGoalSeeker, type FormAnswers, vignettes } from '../src/guide/engine/vignettes.ts';
import { newId } from '../src/security/index.ts';
import { startTestSite } from '../src/testing.ts';
import { axeViolations, describeViolations, launchBrowser } from './support.ts';

/** Rows in every table: the proof that nothing was written. */
async function rowCounts(deps: Deps): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await deps.dbh.db.introspection.getTables()) {
    const r = await (deps.dbh.db as any)
      .selectFrom(t.name)
      .select((eb: any) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    out[t.name] = Number(r.n);
  }
  return out;
}

/** The topic of the question page on screen, or null on any other page. */
async function currentTopic(page: Page): Promise<string | null> {
  const at = page.locator('input[name="at"]');
  return (await at.count()) > 0 ? at.first().getAttribute('value') : null;
}

/** Answers the page on screen from the vignette, then presses Continue. Returns the topic answered, or undefined when not a question page. */
async function answerPage(page: Page, answers: FormAnswers): Promise<string | undefined> {
  const at = await currentTopic(page);
  if (!at || at === 'review' || at === 'result' || at === 'intro') return undefined;
  for (const q of questionsFor('guide').filter((x) => x.topic === at)) {
    const v = answers[q.id];
    if (v === undefined || (await page.locator(`[name="${q.id}"]`).count()) === 0) continue;
    if (q.type === 'number') await page.locator(`input[name="${q.id}"]`).fill(String(v));
    else for (const x of [v].flat()) await page.locator(`input[name="${q.id}"][value="${x}"]`).check();
  }
  await Promise.all([
    page.waitForLoadState('domcontentloaded'),
    page.getByRole('button', { name: 'Continue' }).click(),
  ]);
  return at;
}

/** From /guide to the check-answers page (or wherever an answer leads), clicking as a person would. */
async function walk(
  page: Page,
  url: string,
  answers: FormAnswers,
  onPage?: (label: string) => Promise<void>,
): Promise<string[]> {
  await page.goto(url + '/guide');
  await onPage?.('/guide');
  await page.getByRole('button', { name: 'Start the guide' }).click();
  const seen: string[] = [];
  for (let i = 0; i < 15; i++) {
    const at = await currentTopic(page);
    if (at && at !== 'review') await onPage?.(`topic ${at}`);
    const done = await answerPage(page, answers);
    if (!done) break;
    seen.push(done);
  }
  return seen;
}

const outcomeOf = (page: Page) => page.locator('main').getAttribute('data-outcome');

describe('the guide in a real browser', () => {
  let browser: Browser;
  let url: string;
  let deps: Deps;
  const logged: string[] = [];
  let closeSite: () => Promise<void>;

  before(async () => {
    const sink = new Writable({
      write(chunk, _e, done) {
        logged.push(String(chunk));
        done();
      },
    });
    const site = await startTestSite({}, { adjust: (d) => ({ ...d, log: pino({ level: 'trace' }, sink) }) });
    ({ url, deps } = site);
    closeSite = site.close;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeSite?.();
  });

  for (const outcome of ['coaching', 'therapy', 'both'] as const) {
    it(`reaches "${outcome}" with JavaScript off`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const v = vignettes.find((x) => x.outcome === outcome && !x.intake)!;
      await walk(page, url, v.answers);
      assert.equal(await page.locator('h1').innerText(), 'Check your answers');
      await page.getByRole('button', { name: 'See the suggestion' }).click();
      assert.equal(await outcomeOf(page), outcome);
      assert.ok(!page.url().includes('?'), `no answers in the address: ${page.url()}`);
      await context.close();
    });
  }

  it('an urgent safety answer lands on the crisis page, data-outcome="urgent", with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const seen = await walk(page, url, { ...calmGoalSeeker, 'safety.suicidal_thoughts_past_month': 'yes' });
    assert.deepEqual(seen, ['purpose', 'safety']);
    assert.equal(await outcomeOf(page), 'urgent');
    assert.equal(await page.locator('h1').innerText(), 'You deserve support right now');
    assert.equal(await page.locator('a[href="tel:988"]').first().isVisible(), true);
    await context.close();
  });

  it('without consent nothing is written to the database and nothing of the answers reaches the logs', async () => {
    const before = await rowCounts(deps);
    logged.length = 0;
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await walk(page, url, {
      ...calmGoalSeeker,
      areas: ['eating', 'grief'],
      'grief.months_since_loss': '3',
      'grief.daily_life_very_hard': 'no',
    });
    await page.getByRole('button', { name: 'See the suggestion' }).click();
    assert.equal(await outcomeOf(page), 'therapy');
    await page.getByLabel('Your name', { exact: true }).fill('Jo Private');
    await page.getByLabel('Your email address', { exact: true }).fill('jo.private@example.test');
    await page.getByRole('button', { name: /^Share with/ }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Tick the box/);
    assert.deepEqual(await rowCounts(deps), before);
    const log = logged.join('');
    assert.ok(log.includes('/guide/answer'), 'requests were logged, so this check can fail');
    for (const secret of ['eating', 'grief', 'Jo Private', 'jo.private', 'wish_dead', 'phq2'])
      assert.ok(!log.includes(secret), `logs mention ${secret}`);
    await context.close();
  });

  it('axe-core finds nothing on any guide page, each result, the crisis pages and the error states', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const checked: string[] = [];
    const check = async (label: string) => {
      const v = await axeViolations(page);
      assert.deepEqual(
        v.map((x) => x.id),
        [],
        `${label}:\n${describeViolations(v)}`,
      );
      assert.equal(await page.locator('h1').count(), 1, `${label} has one h1`);
      checked.push(label);
    };
    for (const outcome of ['coaching', 'therapy', 'both'] as const) {
      const v = vignettes.find(
        (x) => x.outcome === outcome && !x.intake && (outcome !== 'therapy' || x.fires?.includes('T3')),
      )!;
      await walk(
        page,
        url,
        {
          ...v.answers,
          areas: outcome === 'both' ? ['grief'] : v.answers.areas!,
          'grief.months_since_loss': '2',
          'grief.daily_life_very_hard': 'yes',
        },
        outcome === 'coaching' ? check : undefined,
      );
      await check(`review (${outcome})`);
      await page.getByRole('button', { name: 'See the suggestion' }).click();
      assert.equal(await outcomeOf(page), outcome);
      await check(`result ${outcome}`);
    }
    await page.getByRole('button', { name: /^Share with/ }).click();
    await check('result with share errors');
    await walk(page, url, { ...calmGoalSeeker, areas: 'abuse_current', abuse_danger_now: 'yes' });
    assert.equal(await outcomeOf(page), 'urgent');
    await check('crisis page from the guide');
    await page.goto(url + '/guide');
    await page.getByRole('button', { name: 'Start the guide' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await check('question page with an error');
    for (const path of ['/guide/how-we-decide', '/guide/shared', '/help', '/help/gb']) {
      await page.goto(url + path);
      await check(path);
    }
    assert.ok(checked.length >= 18, checked.join(', '));
    await context.close();
  });

  it('axe-core finds nothing on the coach’s guide pages', async () => {
    const owner = newId();
    await deps.dbh.db
      .insertInto('users')
      .values({ id: owner, email: 'coach@example.test', name: 'Test Coach', role: 'owner', created_at: Date.now() })
      .execute();
    const token = await startSession(deps.dbh.db, owner, 'browser test', Date.now());
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url }]);
    const page = await context.newPage();
    for (const path of [
      '/admin/guide',
      '/admin/guide/referrals',
      '/admin/guide/crisis-lines',
      '/admin/guide/crisis-lines/gb-samaritans',
      '/admin/guide/crisis-lines/new',
      '/admin/guide/results',
    ]) {
      const res = await page.goto(url + path);
      assert.equal(res?.status(), 200, path);
      const v = await axeViolations(page);
      assert.deepEqual(
        v.map((x) => x.id),
        [],
        `${path}:\n${describeViolations(v)}`,
      );
    }
    await context.close();
  });
});
