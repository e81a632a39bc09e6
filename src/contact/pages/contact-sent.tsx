import type { ViewContext } from '../../web/index.ts';
import { Layout } from '../../web/index.ts';

/** Where the contact form leads: thanks, and what happens next. */
export function ContactSentPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} seo={{ title: 'Message sent', description: 'Thank you for your message.', noindex: true }} narrow>
      <h1>Thank you, your message is on its way</h1>
      <p class="lead">It will be read personally, and you will usually hear back within two working days.</p>
      <p>
        We have also sent you a short email to confirm it arrived. If it is not in your inbox in a few minutes, have a
        look in your spam folder.
      </p>
      <p>
        If things feel urgent or unsafe before then, please do not wait:{' '}
        <a href="/help">see who you can reach right now</a>.
      </p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </Layout>
  );
}
