import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { AppError, type FieldErrors, handleForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import { contactAdminRoutes } from './contact.admin.routes.tsx';
import { contactSchema } from './contact.form.ts';
import { submitContactRequest } from './contact.service.ts';
import { checkStarted, signStarted } from './form-timing.ts';
import { ContactFormPage } from './pages/contact-form.tsx';
import { ContactSentPage } from './pages/contact-sent.tsx';

const notAPerson =
  'Sorry, that was sent faster than we expected from a person, so it was not sent. Everything you wrote is still here: please check it and press "Send message" again.';

/** The public contact form and its thank-you page; the back-office pages come with it. */
export async function contactRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const secret = deps.secrets.cookieSecret;

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    started: string,
    status: number,
  ) {
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    // The trap field is never shown back filled in.
    const { website: _trap, started: _started, ...kept } = values;
    return sendPage(reply, <ContactFormPage ctx={ctx} state={{ values: kept, errors }} started={started} />, status);
  }

  app.get('/contact', async (request, reply) => {
    return renderForm(request, reply, {}, {}, signStarted(secret, deps.clock.now()), 200);
  });

  app.post(
    '/contact',
    {
      config: {
        rateLimit: {
          max: 5,
          timeWindow: '10 minutes',
          errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string }) =>
            new AppError(
              'rate_limited',
              `Several messages came from your connection in a short time, so this one was not sent. Please wait ${ctx.after} and send it again; your browser's Back button should still have what you wrote.`,
            ),
        },
      },
    },
    async (request, reply) => {
      const values = typedValues(request.body);
      const now = deps.clock.now();
      const timing = checkStarted(secret, values.started, now);
      // Keep the original time when it is ours, so fixing a typo does not restart the wait.
      const started = timing === 'invalid' ? signStarted(secret, now) : values.started!;
      return handleForm(request, reply, {
        schema: contactSchema,
        expired:
          'This form had expired, so nothing was sent. Everything you wrote is still here: please press "Send message" again.',
        render: (state, status) => renderForm(request, reply, state.values, state.errors, started, status),
        before: () => {
          if (!values.website?.trim()) return undefined;
          // A robot filled the trap: it sees success, and nothing is stored or sent.
          request.log.info('contact form: trap field filled; ignored');
          return '/contact/sent';
        },
        // Sent faster than a person types: said with the other messages, and nothing is sent.
        check: (): FieldErrors => (timing === 'ok' ? {} : { _form: notAPerson }),
        run: async (form) => {
          await submitContactRequest(deps, form);
          kickOutbox(deps);
          return '/contact/sent';
        },
      });
    },
  );

  app.get('/contact/sent', async (request, reply) => {
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <ContactSentPage ctx={ctx} />);
  });

  await contactAdminRoutes(app, { deps });
}
