import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { CookieJar, getPage, postForm } from '../testing.ts';
import { questionsFor } from './engine/questions.ts';
import type { FormAnswers } from './engine/vignettes.ts';

/** The hidden fields of the first form on a page that posts to `action`, as repeated pairs. */
export function hiddenFields(html: string, action = '/guide/answer'): [string, string][] {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [
    m[1]!,
    m[2]!.replace(/&amp;/g, '&'),
  ]);
}

export function encode(pairs: [string, string][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p.toString();
}

/** POSTs repeated fields (checkboxes) as a browser does. */
export async function postPairs(app: FastifyInstance, url: string, pairs: [string, string][], jar: CookieJar) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: encode(pairs),
  });
  jar.store(res.headers['set-cookie'] as string | string[] | undefined);
  return res;
}

/** The fields a person fills on the page for `topic`, from a vignette's answers. */
function pageFields(topic: string, answers: FormAnswers): [string, string][] {
  const out: [string, string][] = [];
  for (const q of questionsFor('guide').filter((x) => x.topic === topic)) {
    const v = answers[q.id];
    if (v === undefined) continue;
    for (const x of [v].flat()) out.push([q.id, x]);
  }
  return out;
}

/**
 * Walks the guide page by page as a browser with JavaScript off would: each page's hidden fields
 * plus the answers for its topic. Stops at the check-answers page (returned) or any other page.
 */
export async function walkGuide(app: FastifyInstance, answers: FormAnswers, jar = new CookieJar()) {
  const intro = await getPage(app, '/guide', jar);
  let res = await postForm(app, '/guide/answer', { _csrf: intro.csrf!, at: 'intro' }, jar);
  const visited: string[] = [];
  for (let i = 0; i < 20; i++) {
    const at = /name="at" value="([^"]+)"/.exec(res.body)?.[1];
    if (!at || at === 'review' || res.statusCode !== 200) break;
    visited.push(at);
    res = await postPairs(
      app,
      '/guide/answer',
      [...hiddenFields(res.body), ...pageFields(at, answers), ['nav', 'next']],
      jar,
    );
  }
  return { res, visited, jar };
}

/** Walks the guide and asks for the result from the check-answers page. */
export async function guideResult(app: FastifyInstance, answers: FormAnswers) {
  const walked = await walkGuide(app, answers);
  if (!walked.res.body.includes('name="at" value="review"')) return walked;
  const res = await postPairs(app, '/guide/result', hiddenFields(walked.res.body, '/guide/result'), walked.jar);
  return { res, visited: walked.visited, jar: walked.jar };
}

/** data-outcome on <main>, if any. */
export function outcomeOf(html: string): string | undefined {
  return /<main [^>]*data-outcome="([a-z]+)"/.exec(html)?.[1];
}

export { calmGoalSeeker } from './engine/vignettes.ts';
