import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { serviceBy } from '../site/index.ts';
import {
  AppError,
  type FormState,
  handleForm,
  parseParams,
  parseQuery,
  queryValue,
  requireCoach,
  sendPage,
  viewContext,
} from '../web/index.ts';
import {
  addIntakeQuestion,
  intakeQuestionsFor,
  orderForm,
  questionForm,
  removeIntakeQuestion,
  reorderIntakeQuestions,
} from './intake-questions.ts';
import { AdminIntakeQuestionsPage } from './pages/intake-questions.tsx';

const EXPIRED = 'For your security this page had expired, so nothing changed. Please press the button once more.';
const serviceParams = z.object({ id: z.string().min(1).max(100) });
const questionParams = z.object({ id: z.string().min(1).max(100), qid: z.string().min(1).max(100) });
const noticeQuery = z.object({ saved: queryValue });
const notices: Record<string, string> = {
  added: 'Question added.',
  removed: 'Question removed.',
  order: 'Order saved.',
};
const empty: FormState = { values: {}, errors: {} };

/** The back office's "Questions" page of each service: its own intake questions. */
export async function intakeQuestionAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) =>
    viewContext(db, deps.config.publicUrl, request, reply);

  async function serviceOf(request: FastifyRequest) {
    const { id } = parseParams(serviceParams, request);
    const service = await serviceBy(db, { id });
    if (!service) throw new AppError('not_found');
    return service;
  }
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    service: { id: string; name: string },
    forms: { add?: FormState; order?: FormState; notice?: string | undefined },
    status = 200,
  ) =>
    sendPage(
      reply,
      <AdminIntakeQuestionsPage
        ctx={await ctxOf(request, reply)}
        service={service}
        questions={await intakeQuestionsFor(db, service.id)}
        add={forms.add ?? empty}
        order={forms.order ?? empty}
        notice={forms.notice}
      />,
      status,
    );

  app.get('/admin/services/:id/questions', async (request, reply) => {
    requireCoach(request);
    const service = await serviceOf(request);
    const saved = parseQuery(noticeQuery, request).saved;
    return page(request, reply, service, { notice: saved ? notices[saved] : undefined });
  });

  app.post('/admin/services/:id/questions', async (request, reply) => {
    const viewer = requireCoach(request);
    const service = await serviceOf(request);
    return handleForm(request, reply, {
      schema: questionForm,
      expired: EXPIRED,
      render: (state, status) => page(request, reply, service, { add: state }, status),
      run: async (form) => {
        const r = await addIntakeQuestion(deps, viewer.userId, service.id, form);
        return r.ok ? `/admin/services/${service.id}/questions?saved=added` : { errors: r.errors };
      },
    });
  });

  app.post('/admin/services/:id/questions/order', async (request, reply) => {
    const viewer = requireCoach(request);
    const service = await serviceOf(request);
    const ids = (await intakeQuestionsFor(db, service.id)).map((q) => q.id);
    return handleForm(request, reply, {
      schema: orderForm(ids),
      expired: EXPIRED,
      render: (state, status) => page(request, reply, service, { order: state }, status),
      run: async (form) => {
        const positions = Object.fromEntries(
          Object.entries(form as Record<string, number>).map(([k, v]) => [k.slice('position.'.length), v]),
        );
        await reorderIntakeQuestions(deps, viewer.userId, service.id, positions);
        return `/admin/services/${service.id}/questions?saved=order`;
      },
    });
  });

  app.post('/admin/services/:id/questions/:qid/delete', async (request, reply) => {
    const viewer = requireCoach(request);
    const service = await serviceOf(request);
    const { qid } = parseParams(questionParams, request);
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: (state, status) => page(request, reply, service, { order: state }, status),
      run: async () => {
        if (!(await removeIntakeQuestion(deps, viewer.userId, service.id, qid))) throw new AppError('not_found');
        return `/admin/services/${service.id}/questions?saved=removed`;
      },
    });
  });
}
