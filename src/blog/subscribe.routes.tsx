import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { AppError, handleForm, sendPage, viewContext } from '../web/index.ts';
import { SubscribePage, SubscriptionStepPage } from './pages/subscribe.tsx';
import { confirmSubscription, type LinkPurpose, requestSubscription, tokenValid, unsubscribe } from './subscribers.ts';

const emailForm = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('Enter an email address like name@example.com.')),
});
const linkParams = z.object({ s: z.string().min(1).max(100), t: z.string().min(1).max(100) });

/** Subscribing to new articles by email: form, confirmation (double opt-in), one-click unsubscribe. */
export async function subscribeRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const secret = deps.secrets.cookieSecret;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);

  /** The subscriber and token a link names, when the token is right. */
  function linked(source: unknown, purpose: LinkPurpose): { s: string; t: string } {
    const p = linkParams.safeParse(source);
    if (!p.success || !tokenValid(secret, purpose, p.data.s, p.data.t))
      throw new AppError(
        'link_invalid',
        'This link is not complete. Open it again from the email, or copy the whole address.',
      );
    return p.data;
  }

  app.get('/blog/subscribe', async (request, reply) =>
    sendPage(reply, <SubscribePage ctx={await ctxOf(request, reply)} state={{ values: {}, errors: {} }} />),
  );

  app.post('/blog/subscribe', { config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } }, async (request, reply) =>
    handleForm(request, reply, {
      schema: emailForm,
      expired: 'This form had expired, so nothing was sent. Please press "Subscribe" again.',
      render: async (state, status) =>
        sendPage(reply, <SubscribePage ctx={await ctxOf(request, reply)} state={state} />, status),
      run: async ({ email }) => {
        await requestSubscription(deps, email);
        kickOutbox(deps);
        return '/blog/subscribe/sent';
      },
    }),
  );

  app.get('/blog/subscribe/sent', async (request, reply) => {
    const message =
      'If the address can receive email, a message is on its way. Press the button in it to confirm; until then nothing else is sent.';
    return sendPage(
      reply,
      <SubscriptionStepPage
        ctx={await ctxOf(request, reply)}
        title="Check your inbox"
        message={message}
        path="/blog/subscribe/sent"
      />,
    );
  });

  // Mail scanners open links: a GET only shows the button; the POST does the change.
  app.get('/blog/subscribe/confirm', async (request, reply) => {
    const { s, t } = linked(request.query, 'confirm');
    const form = { action: '/blog/subscribe/confirm', s, t, label: 'Confirm my subscription' };
    return sendPage(
      reply,
      <SubscriptionStepPage
        ctx={await ctxOf(request, reply)}
        title="Confirm your subscription"
        message="One press and new articles will arrive by email."
        path="/blog/subscribe/confirm"
        form={form}
      />,
    );
  });

  app.post(
    '/blog/subscribe/confirm',
    { config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const { s: id } = linked(request.body, 'confirm');
      return handleForm(request, reply, {
        // The button is all there is: an expired one says so on the error page.
        render: () => {
          throw new AppError('csrf_invalid');
        },
        run: async () => {
          await confirmSubscription(db, id, deps.clock.now());
          return sendPage(
            reply,
            <SubscriptionStepPage
              ctx={await ctxOf(request, reply)}
              title="You are subscribed"
              message="Thank you. The next article will arrive by email. Every email has a link to unsubscribe."
              path="/blog/subscribe/confirm"
            />,
          );
        },
      });
    },
  );

  app.get('/blog/unsubscribe', async (request, reply) => {
    const { s, t } = linked(request.query, 'unsubscribe');
    const form = {
      action: `/blog/unsubscribe?${new URLSearchParams({ s, t }).toString()}`,
      s,
      t,
      label: 'Unsubscribe',
    };
    return sendPage(
      reply,
      <SubscriptionStepPage
        ctx={await ctxOf(request, reply)}
        title="Unsubscribe from new articles"
        message="Press the button and no more articles will be sent to you."
        path="/blog/unsubscribe"
        form={form}
      />,
    );
  });

  // One-click unsubscribe (RFC 8058): mail providers POST "List-Unsubscribe=One-Click" to the URL
  // from the header, without any cookie; the signed link itself is the proof, so no CSRF check.
  app.post(
    '/blog/unsubscribe',
    { config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const { s: id } = linked(request.query, 'unsubscribe');
      await unsubscribe(db, id, deps.clock.now());
      return sendPage(
        reply,
        <SubscriptionStepPage
          ctx={await ctxOf(request, reply)}
          title="You are unsubscribed"
          message="No more articles will be sent to this address. You can subscribe again at any time from the blog."
          path="/blog/unsubscribe"
        />,
      );
    },
  );
}
