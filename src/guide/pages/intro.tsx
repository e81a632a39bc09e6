import type { ViewContext } from '../../web/index.ts';
import { CsrfField, Layout } from '../../web/index.ts';
import { ConflictNote } from './parts.tsx';

/** /guide: what the guide is and is not, before any question. */
export function IntroPage({
  ctx,
  conflictStatement,
  problem,
}: {
  ctx: ViewContext;
  conflictStatement: string;
  problem?: string;
}) {
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Therapy or coaching? A short, private guide',
        description:
          'Eight short pages to help you decide whether coaching, therapy or both would suit you. Not a diagnosis, nothing saved unless you choose.',
        path: '/guide',
      }}
      narrow
    >
      <div class="guide">
        <h1>Therapy or coaching?</h1>
        <p class="lead">
          A few short pages of questions to help you think about which kind of support fits what you are going through
          right now: coaching, therapy, or both. It takes about five minutes.
        </p>
        {problem ? (
          <p class="notice warning" role="alert">
            {problem}
          </p>
        ) : null}
        <div class="two-col">
          <div class="card">
            <h2>What this is</h2>
            <ul class="ticks">
              <li>
                Questions based on seven ways therapy and coaching differ, and a few about your safety that we ask
                everyone
              </li>
              <li>A suggestion, with the reasons taken from your own answers, and what would change it</li>
              <li>
                Public rules: you can read <a href="/guide/how-we-decide">exactly how we decide</a>
              </li>
            </ul>
          </div>
          <div class="card">
            <h2>What this is not</h2>
            <ul class="crosses">
              <li>Not a diagnosis. Only a qualified professional can assess your mental health</li>
              <li>Not a test you can pass or fail</li>
              <li>
                Not an emergency service. If you need help now, <a href="/help">see crisis lines</a>
              </li>
            </ul>
          </div>
        </div>
        <h2>Your answers stay with you</h2>
        <p>
          Nothing you answer is saved, logged or put in the address bar. Your answers travel from page to page inside
          the form itself, and they are gone when you close the page. At the end you can print or save your result for
          yourself, and you can choose to share it with {ctx.settings.coachName}; only then is anything kept, and we say
          for how long.
        </p>
        <ConflictNote statement={conflictStatement} />
        <form method="post" action="/guide/answer">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="at" value="intro" />
          <div class="form-actions">
            <button type="submit" class="button">
              Start the guide
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
