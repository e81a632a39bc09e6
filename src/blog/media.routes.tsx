import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { handleForm, parseQuery, queryValue, requireCoach, sendPage, storedImages, viewContext } from '../web/index.ts';
import { storeMedia } from './media.service.ts';
import { MediaPage } from './pages/admin-media.tsx';
import { storedVideos } from './videos.ts';

/** Images are small; a short video is not, so the limit is set for video. */
const MAX_BYTES = 200 * 1024 * 1024;
const doneQuery = z.object({ done: queryValue });

/** The back office's image upload (multipart only in this scope). */
export async function mediaRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const mediaRoot = path.join(deps.config.dataDir, 'media');
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_BYTES, files: 1, fields: 5 },
  });

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { error?: string; notice?: string } = {},
  ) {
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    return sendPage(
      reply,
      <MediaPage
        ctx={ctx}
        images={storedImages(mediaRoot)}
        videos={storedVideos(mediaRoot)}
        error={extra.error}
        notice={extra.notice}
      />,
      status,
    );
  }

  app.get('/admin/media', async (request, reply) => {
    requireCoach(request);
    const { done } = parseQuery(doneQuery, request);
    return page(request, reply, 200, done ? { notice: 'Uploaded. Copy its line into an article.' } : {});
  });

  app.post('/admin/media', { bodyLimit: MAX_BYTES + 64 * 1024 }, async (request, reply) => {
    const viewer = requireCoach(request);
    return handleForm(request, reply, {
      expired: 'This page had expired, so nothing was uploaded. Please choose the image again.',
      render: (state, status) => page(request, reply, status, { error: Object.values(state.errors)[0] }),
      run: async () => {
        // The upload itself is a file, which the typed strings leave out.
        const file = (request.body as Record<string, unknown> | undefined)?.file;
        if (!Buffer.isBuffer(file) || file.length === 0) return { errors: { file: 'Choose an image to upload.' } };
        const stored = await storeMedia(deps, mediaRoot, file, viewer.userId);
        if (!stored)
          return {
            errors: {
              file: 'That file is not an image or video we can read. Choose a JPEG, PNG, WebP, AVIF or GIF image, or an MP4 or WebM video.',
            },
          };
        return '/admin/media?done=1';
      },
    });
  });
}
