import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  AdminLayout,
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  handleForm,
  parseQuery,
  requireCoach,
  sendPage,
  splitFormMessage,
  type ViewContext,
  viewContext,
} from '../web/index.ts';
import { readRoomSettings, saveRoomSettings } from './room.service.ts';
import { roomSettingsSchema } from './room-window.ts';

const settingsForm = z.object({
  opensBeforeMin: roomSettingsSchema.shape.opensBeforeMin,
  closesAfterMin: roomSettingsSchema.shape.closesAfterMin,
  autoAdmit: z
    .string()
    .optional()
    .transform((v) => v === '1'),
});
const noticeQuery = z.object({ saved: z.string().max(2).optional().catch(undefined) });

/** The coach's room settings: when rooms open and close, and whether clients wait to be admitted. */
export async function roomAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  app.get('/admin/room', async (request, reply) => {
    requireCoach(request);
    const s = await readRoomSettings(db);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const state: FormState = {
      values: {
        opensBeforeMin: String(s.opensBeforeMin),
        closesAfterMin: String(s.closesAfterMin),
        autoAdmit: s.autoAdmit ? '1' : '',
      },
      errors: {},
    };
    const saved = parseQuery(noticeQuery, request).saved === '1';
    return sendPage(
      reply,
      <RoomSettingsPage ctx={ctx} state={state} notice={saved ? 'Room settings saved.' : undefined} />,
    );
  });
  app.post('/admin/room', async (request, reply) => {
    const viewer = requireCoach(request);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    return handleForm(request, reply, {
      schema: settingsForm,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return sendPage(reply, <RoomSettingsPage ctx={ctx} state={state} problem={message} />, status);
      },
      run: async (form) => {
        await saveRoomSettings(deps, viewer.userId, form);
        return '/admin/room?saved=1';
      },
    });
  });
}

function RoomSettingsPage({
  ctx,
  state,
  notice,
  problem,
}: {
  ctx: ViewContext;
  state: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title="Session room" notice={notice}>
      <p>
        Video sessions happen in the session room: a private call between you and your client, straight between your two
        browsers. Nothing is recorded.
      </p>
      {problem ? (
        <p class="notice warning" role="alert">
          {problem}
        </p>
      ) : null}
      <form method="post" action="/admin/room">
        <CsrfField ctx={ctx} />
        <ErrorSummary
          errors={state.errors}
          labels={{ opensBeforeMin: 'Opens before the start', closesAfterMin: 'Closes after the end' }}
        />
        <Field
          name="opensBeforeMin"
          label="The room opens this many minutes before the start"
          type="number"
          inputMode="numeric"
          required
          state={state}
        />
        <Field
          name="closesAfterMin"
          label="The room closes this many minutes after the end"
          type="number"
          inputMode="numeric"
          required
          state={state}
        />
        <div class="field">
          <label class="checkbox">
            <input type="checkbox" name="autoAdmit" value="1" checked={state.values.autoAdmit === '1'} /> Let clients
            straight in (no waiting room)
          </label>
          <p class="hint">
            Without this, a client waits until you press “Admit”. Once admitted, they come back in without waiting if
            they reload or lose the connection.
          </p>
        </div>
        <FormActions>
          <button type="submit" class="button">
            Save
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}
