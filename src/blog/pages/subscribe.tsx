import type { ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, Field, FormActions, type FormState, Layout } from '../../web/index.ts';

const seo = (title: string, path: string) => ({
  title,
  description: 'New articles from the blog by email: confirm once, leave with one click.',
  path,
  noindex: true,
});

/** The subscribe form: one address, double opt-in. */
export function SubscribePage({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  return (
    <Layout ctx={ctx} seo={seo('Get new articles by email', '/blog/subscribe')} narrow>
      <h1>Get new articles by email</h1>
      <p class="lead">
        One email when a new article or video is published. No other mail, and you can leave with one click from any of
        them.
      </p>
      <ErrorSummary errors={state.errors} labels={{ email: 'Email address' }} />
      <form method="post" action="/blog/subscribe" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="email"
          label="Email address"
          type="email"
          autocomplete="email"
          state={state}
          required
          hint="We send a message to confirm it is yours."
        />
        <FormActions>
          <button type="submit" class="button">
            Subscribe
          </button>
        </FormActions>
      </form>
      <p>
        <a href="/privacy">How we look after your address</a>
      </p>
    </Layout>
  );
}

/** A short page with one message and, when the step needs a press, its button. */
export function SubscriptionStepPage(p: {
  ctx: ViewContext;
  title: string;
  message: string;
  path: string;
  form?: { action: string; s: string; t: string; label: string };
}) {
  return (
    <Layout ctx={p.ctx} seo={seo(p.title, p.path)} narrow>
      <h1>{p.title}</h1>
      <p class="lead">{p.message}</p>
      {p.form ? (
        <form method="post" action={p.form.action}>
          <CsrfField ctx={p.ctx} />
          <input type="hidden" name="s" value={p.form.s} />
          <input type="hidden" name="t" value={p.form.t} />
          <button type="submit" class="button">
            {p.form.label}
          </button>
        </form>
      ) : (
        <p>
          <a href="/blog">Back to the blog</a>
        </p>
      )}
    </Layout>
  );
}
