import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../db/testing.ts';
import { seedDemoContent } from '../demo/index.ts';
import { CookieJar, createTestApp, getPage, signedInCoach, type TestContext } from '../testing.ts';
import { fill, realUrls, registeredRoutes, seedVisitorData } from './routes.ts';

const LONG = 'x'.repeat(5000);
const PARAMS = [
  '%00',
  '..',
  '%2e%2e%2f..',
  LONG.slice(0, 2000),
  '%C3%A9%E2%9C%93',
  '%E0%A4%A',
  '-1',
  'a%20b',
  '%F0%9F%98%80',
];
const QUERIES = [
  'page=-1',
  'page=abc',
  'page=99999999999999999999',
  'page=1&page=2',
  'from=2026-13-45',
  'from=abc&to=-',
  'date=2026-02-30',
  'timeZone=Mars/Olympus',
  'timeZone=',
  'tz=%00',
  't=&key=',
  't=x&t=y',
  'key=x&key=y',
  'token=%00',
  'token=a&token=b',
  'q=%00',
  `q=${LONG}`,
  'q=a&q=b',
  'next=//evil.test',
  'next=a&next=b',
  'start=abc',
  'slot=abc',
  'slot=1&slot=2',
  'id=..',
  'service=a&service=b',
  'cc=%00',
  'step=-1',
  'before=abc',
  'before=-1',
  'before=a&before=b',
  `before=${LONG}`,
  'before=eyJ9',
  'done=1&done=2',
  'trashed=1&view=x',
  'busy=%7B',
  'retried=x',
  'unread=-1',
  's=x&t=y',
  's=a&s=b&t=c&t=d',
  'signed_out=1&signed_out=2',
  'just=booked&just=moved',
  'start=2026-13-45T99:99',
  'start=1e309',
  'date=9999-99-99',
  'answers=%7B',
  'r=abc',
  'week=abc',
  'month=2026-99',
  'status=nope',
  'kind=..',
  '%=%',
  'a[b]=c',
];

/** Odd versions of a form's fields: each field repeated, overlong, strange unicode, missing, or odd numbers. */
function oddBodies(fields: string[], csrf: string): string[] {
  const out: string[] = [];
  const withCsrf = (p: URLSearchParams) => {
    p.set('_csrf', csrf);
    return p.toString();
  };
  out.push(withCsrf(new URLSearchParams()));
  const values = [
    '',
    LONG,
    '\u0000\u202e\uD800',
    '-1',
    '99999999999999999999',
    'abc',
    '2026-13-45',
    'Mars/Olympus',
    '..',
    '<script>x</script>',
    '1e309',
    'NaN',
  ];
  for (const v of values) {
    const p = new URLSearchParams();
    for (const f of fields) p.append(f, v);
    out.push(withCsrf(p));
  }
  const arrays = new URLSearchParams();
  for (const f of fields) {
    arrays.append(f, '1');
    arrays.append(f, '2');
  }
  out.push(withCsrf(arrays));
  out.push(`_csrf=${encodeURIComponent(csrf)}&${fields.map((f) => `${f}[a]=1`).join('&')}`);
  out.push(`_csrf=${encodeURIComponent(csrf)}&${fields.map((f) => `${f}=%E0%A4%A`).join('&')}`);
  return out;
}

forEachEngine('no odd input makes a 500', (engine) => {
  let t: TestContext;
  let routes: { path: string; methods: string[] }[];
  let coach: CookieJar;
  before(async () => {
    t = await createTestApp(engine);
    await seedDemoContent(t.deps);
    await seedVisitorData(t);
    routes = registeredRoutes(t.app);
    coach = (await signedInCoach(t)).jar;
  });
  after(() => t.close());

  it('answers every GET with odd parameters and query strings without a server error', async () => {
    const bad: string[] = [];
    for (const r of routes.filter((x) => x.methods.includes('GET'))) {
      const urls = r.path.includes(':') || r.path.includes('*') ? PARAMS.map((p) => fill(r.path, p)) : [r.path];
      for (const base of urls) {
        for (const q of base === r.path ? ['', ...QUERIES] : ['', 'page=-1', 't=x&t=y']) {
          const url = q ? `${base}?${q}` : base;
          for (const jar of [coach, new CookieJar()]) {
            const res = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
            if (res.statusCode >= 500) bad.push(`GET ${url.slice(0, 120)} → ${res.statusCode}`);
          }
        }
      }
    }
    // Odd cookies: a forged session or CSRF secret with a NUL or junk is just no session.
    for (const cookie of [
      'tandem_session=%00',
      'tandem_session=a%00b; tandem_csrf=%00',
      `tandem_session=${LONG}`,
      'tandem_session=x; tandem_session=y',
    ]) {
      for (const url of ['/', '/admin', '/contact', '/book']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode >= 500) bad.push(`GET ${url} cookie ${cookie.slice(0, 40)} → ${res.statusCode}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('answers every form post with odd fields without a server error', async () => {
    const bad: string[] = [];
    for (const r of routes.filter((x) => x.methods.includes('POST') && !x.path.startsWith('/api/'))) {
      // Real ids reach the code that reads the fields; odd ids must be refused.
      const urls = [
        ...(await realUrls(t.deps.dbh.db, r.path)),
        ...(r.path.includes(':') ? PARAMS.slice(0, 4).map((p) => fill(r.path, p)) : []),
      ];
      for (const url of urls) {
        // The form's own field names, read from the page that shows it (or its parent).
        const page = await getPage(t.app, url, coach);
        const csrf = page.csrf ?? (await getPage(t.app, '/contact', coach)).csrf!;
        const fields = [
          ...new Set([...page.body.matchAll(/name="([^"]+)"/g)].map((m) => m[1]!).filter((n) => n !== '_csrf')),
        ];
        for (const f of ['name', 'email', 'message', 'id', 'token', 't', 'start', 'slot', 'timeZone', 'next'])
          if (!fields.includes(f)) fields.push(f);
        for (const body of oddBodies(fields, csrf)) {
          const res = await t.app.inject({
            method: 'POST',
            url,
            headers: { cookie: coach.header(), 'content-type': 'application/x-www-form-urlencoded' },
            payload: body,
          });
          if (res.statusCode >= 500) bad.push(`POST ${url.slice(0, 80)} ${body.slice(0, 100)} → ${res.statusCode}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  it('answers odd API requests without a server error', async () => {
    const bad: string[] = [];
    const svc = await t.deps.dbh.db.selectFrom('services').select('id').executeTakeFirstOrThrow();
    const bodies = [
      '{',
      '[]',
      'null',
      '"x"',
      '{"serviceId":[1],"start":{},"email":1}',
      JSON.stringify({ serviceId: svc.id, start: 'abc', name: LONG, email: 'x' }),
      JSON.stringify({
        serviceId: svc.id,
        start: '2026-13-45T99:00:00Z',
        timeZone: 'Mars/Olympus',
        name: 'A',
        email: 'a@example.test',
      }),
      JSON.stringify({ serviceId: svc.id, start: Number.POSITIVE_INFINITY }),
      '{"__proto__":{"x":1}}',
      JSON.stringify({
        serviceId: '\u0000',
        start: '\u0000',
        timeZone: 'Europe/London\u0000',
        name: 'A\u0000',
        email: 'a@example.test',
      }),
    ];
    for (const body of bodies) {
      for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/plain']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: { 'content-type': type, cookie: coach.header() },
          payload: body,
        });
        if (res.statusCode >= 500) bad.push(`POST /api/v1/bookings ${type} ${body.slice(0, 80)} → ${res.statusCode}`);
      }
    }
    for (const q of ['', ...QUERIES]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/services/${svc.id}/slots?${q}` });
      if (res.statusCode >= 500) bad.push(`GET slots?${q.slice(0, 80)} → ${res.statusCode}`);
    }
    assert.deepEqual(bad, []);
  });
});
