import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  acceptMultipartForms,
  handleForm,
  inspectImage,
  NotAnImage,
  parseQuery,
  queryValue,
  requireCoach,
  type StoredImage,
  sendPage,
  splitFormMessage,
  storeImage,
  uploadOf,
  viewContext,
} from '../web/index.ts';
import { accentWarnings } from './contrast.ts';
import { SettingsPage } from './pages/admin-settings.tsx';
import { inFormOrder, parseSettingsForm, settingsToFormValues } from './settings-form.ts';
import { saveSiteSettings } from './site.service.ts';

/** A phone's photo fits with room to spare; anything larger is not a portrait. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const EXPIRED =
  'This form expired, for your security, so nothing was saved. Everything you typed is still here: check it, choose the photo again if you were changing it, and press Save again.';
const PHOTO_TOO_LARGE =
  'That photo is larger than 10 MB, so it was not saved. Please choose a smaller one (a photo exported at a smaller size works well).';
const NOT_A_PHOTO =
  'That file is not a photo we can read, so it was not saved. Choose a JPEG, PNG, WebP or AVIF image.';
const CHOOSE_AGAIN =
  'Your new photo was not saved yet, because something else on this page needs a look. Please choose it again before you press Save.';

const savedQuery = z.object({ saved: queryValue });

const isColour = (v: string | undefined) => /^#[0-9a-fA-F]{6}$/.test(v ?? '');

/**
 * /admin/settings: the site settings form. It posts as multipart (the coach's photo is a file in
 * the same form), so the parser is registered in this scope only; a plain form post still works.
 */
export async function settingsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.dbh.db;
  // Served at /media/ with the blog's uploads, by the same static route.
  const mediaRoot = path.join(deps.config.dataDir, 'media');
  await acceptMultipartForms(app, { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 40, fieldSize: 10_000 });

  app.get('/admin/settings', async (request, reply) => {
    requireCoach(request);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const saved = parseQuery(savedQuery, request).saved ? 'Settings saved. The site shows them now.' : undefined;
    return sendPage(
      reply,
      <SettingsPage
        ctx={ctx}
        state={{ values: settingsToFormValues(ctx.settings), errors: {} }}
        warnings={accentWarnings(ctx.settings.colours)}
        notice={saved}
      />,
    );
  });

  app.post('/admin/settings', async (request, reply) => {
    const viewer = requireCoach(request);
    const ctx = await viewContext(db, deps.config.publicUrl, request, reply);
    const warningsFor = (v: Record<string, string>) =>
      isColour(v.accent) && isColour(v.accentDark)
        ? accentWarnings({ accent: v.accent!, accentDark: v.accentDark! })
        : [];
    return handleForm(request, reply, {
      expired: EXPIRED,
      render: (typed, status) => {
        const { state, message } = splitFormMessage(typed);
        return sendPage(
          reply,
          <SettingsPage ctx={ctx} state={state} warnings={warningsFor(state.values)} problem={message} />,
          status,
        );
      },
      run: async (_form, values) => {
        // The photo: a new upload (checked before anything is written), else the current one unless removed.
        const upload = uploadOf(request, 'photo');
        const photoErrors: Record<string, string> = {};
        let photo: StoredImage | undefined;
        if (upload?.truncated) photoErrors.photo = PHOTO_TOO_LARGE;
        else if (upload) {
          try {
            photo = await inspectImage(upload.bytes);
          } catch (err) {
            if (!(err instanceof NotAnImage)) throw err;
            photoErrors.photo = NOT_A_PHOTO;
          }
        }
        const photoUrl = photo?.src ?? (values.removePhoto === '1' ? '' : ctx.settings.photoUrl);
        // The settings form's own reader: the schema, then the rules between fields (social links, the photo's words).
        const parsed = parseSettingsForm(request.body, photoUrl);
        const errors = { ...(parsed.ok ? {} : parsed.state.errors), ...photoErrors };
        if (photo && !parsed.ok) errors.photo = CHOOSE_AGAIN;
        if (Object.keys(errors).length > 0 || !parsed.ok)
          return { errors: inFormOrder(errors), status: upload?.truncated ? 413 : 400 };
        if (upload && photo) await storeImage(mediaRoot, upload.bytes);
        await saveSiteSettings(deps, viewer, parsed.data);
        return '/admin/settings?saved=1';
      },
    });
  });
}
