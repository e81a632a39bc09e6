import type { ViewContext } from '../../web/index.ts';
import { Layout } from '../../web/index.ts';
import { SHARED_RESULT_RETENTION_DAYS } from '../guide.settings.ts';

/** After sharing: what happens next, and how to have it deleted sooner. */
export function SharedPage({ ctx }: { ctx: ViewContext }) {
  const name = ctx.settings.coachName;
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Result shared',
        description: 'Your guide result was shared with the coach.',
        path: '/guide/shared',
        noindex: true,
      }}
      narrow
    >
      <h1>Thank you, your result was shared</h1>
      <p class="lead">{name} will read it and get back to you by email, usually within two working days.</p>
      <p>
        It will be deleted automatically after {SHARED_RESULT_RETENTION_DAYS} days. To have it deleted sooner,{' '}
        <a href="/contact">write to {name}</a>.
      </p>
      <p class="notice warning">
        Messages are not read around the clock. If you need help now, please <a href="/help">see crisis lines</a>.
      </p>
    </Layout>
  );
}
