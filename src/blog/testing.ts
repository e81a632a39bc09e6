import assert from 'node:assert/strict';
import type { CookieJar, TestContext } from '../testing.ts';
import { getPage, postForm } from '../testing.ts';

/** A complete, lint-clean article form; override what a test is about. */
export function articleForm(over: Record<string, string> = {}): Record<string, string> {
  const words = Array.from(
    { length: 320 },
    (_, i) => ['steady', 'practice', 'honest', 'weekly', 'small', 'change'][i % 6],
  ).join(' ');
  return {
    title: 'Learning to rest without guilt after work',
    slug: '',
    excerpt:
      'Rest is part of the work, not a reward for finishing it. A few practical ways to stop feeling guilty about slowing down in the evening.',
    body: `## Why rest feels hard\n\n${words}\n\nSee [our services](/services).`,
    tags: 'Rest, Habits',
    seoTitle: '',
    seoDescription: '',
    ogImageUrl: '',
    ogImageAlt: '',
    videoUrl: '',
    videoDuration: '',
    publishAt: '',
    version: '0',
    action: 'save',
    ...over,
  };
}

/** Posts the editor form (new or existing) with a fresh token; returns the response. */
export async function submitPost(t: TestContext, jar: CookieJar, fields: Record<string, string>, id?: string) {
  const path = id ? `/admin/posts/${id}` : '/admin/posts/new';
  const page = await getPage(t.app, path, jar);
  assert.equal(page.status, 200, path);
  const version = id ? (/name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '0') : '0';
  return postForm(
    t.app,
    path,
    { _csrf: page.csrf!, ...fields, version: fields.version && fields.version !== '0' ? fields.version : version },
    jar,
  );
}

/** The id in the editor address a create redirected to. */
export function idFromLocation(location: unknown): string {
  const m = /\/admin\/posts\/([^?]+)/.exec(String(location));
  assert.ok(m, `redirected to an editor: ${String(location)}`);
  return m[1]!;
}
