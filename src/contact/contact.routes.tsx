import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { kickOutbox } from '../mail/index.ts';
import { type FieldErrors, handleForm, sendPage, typedValues, viewContext } from '../web/index.ts';
import { contactAdminRoutes } from './contact.admin.routes.tsx';
import { contactSchema } from './contact.form.ts';
import { submitContactRequest } from './contact.service.ts';
import { checkStarted, signStarted } from './form-timing.ts';
import { ContactFormPage } from './pages/contact-form.tsx';
import { ContactSentPage } from './pages/contact-sent.tsx';

const notAPerson =
  'Sorry, that was sent faster than we expected from a person, so it was not sent. Everything you wrote is still here: please check it and press "Send message" again.';

/** Accepted messages per client address and window (README, Rate limits). */
const CONTACT_LIMIT = { max: 5, timeWindow: '10 minutes' } as const;

/** Said, above the form and everything typed, when an address has sent too many messages. */
function waitMessage(ttlMs: number): string {
  const minutes = Math.max(1, Math.ceil(ttlMs / 60_000));
  return `You have sent several messages in a short time. Please wait about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and send it again — your message is still here.`;
}

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
    notice?: string,
  ) {
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    // The trap field is never shown back filled in.
    const { website: _trap, started: _started, ...kept } = values;
    return sendPage(
      reply,
      <ContactFormPage ctx={ctx} state={{ values: kept, errors }} started={started} notice={notice} />,
      status,
    );
  }

  // Counted in the route, not in a hook: only a message we would accept counts, so a visitor fixing
  // a typo, an expired form or a post that came too fast never uses up the limit (issue 12). The
  // plugin's own counter: in this instance's memory, per client address, like every other limit.
  const limiter = app.createRateLimit({ ...CONTACT_LIMIT });
  type Counted = Awaited<ReturnType<typeof limiter>>;
  function limitHeaders(reply: FastifyReply, counted: Counted) {
    if (counted.isAllowed) return;
    reply.header('x-ratelimit-limit', counted.max);
    reply.header('x-ratelimit-remaining', counted.remaining);
    reply.header('x-ratelimit-reset', counted.ttlInSeconds);
  }

  app.get('/contact', async (request, reply) => {
    return renderForm(request, reply, {}, {}, signStarted(secret, deps.clock.now()), 200);
  });

  app.post('/contact', async (request, reply) => {
    // Every post says where it stands (a peek, nothing counted yet).
    limitHeaders(reply, await limiter(request, { increment: false }));
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
        const counted = await limiter(request);
        limitHeaders(reply, counted);
        if (!counted.isAllowed && counted.isExceeded) {
          request.log.info('contact form: rate limit reached; shown again');
          reply.header('retry-after', counted.ttlInSeconds);
          return renderForm(request, reply, values, {}, started, 429, waitMessage(counted.ttl));
        }
        await submitContactRequest(deps, form);
        kickOutbox(deps);
        return '/contact/sent';
      },
    });
  });

  app.get('/contact/sent', async (request, reply) => {
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    return sendPage(reply, <ContactSentPage ctx={ctx} />);
  });

  await contactAdminRoutes(app, { deps });
}
