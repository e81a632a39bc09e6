import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/index.ts';
import { requireCoach } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { sendPage, viewContext } from '../web/index.ts';
import { NotAnImage, storedImages, storeImage } from './images.ts';
import { MediaPage } from './pages/admin-media.tsx';
import { storedVideos, storeVideo, videoKind } from './videos.ts';

/** Images are small; a short video is not, so the limit is set for video. */
const MAX_BYTES = 200 * 1024 * 1024;

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
    return page(
      request,
      reply,
      200,
      (request.query as Record<string, string> | undefined)?.done
        ? { notice: 'Uploaded. Copy its line into an article.' }
        : {},
    );
  });

  app.post('/admin/media', { bodyLimit: MAX_BYTES + 64 * 1024 }, async (request, reply) => {
    const viewer = requireCoach(request);
    if (!request.csrfOk)
      return page(request, reply, 403, {
        error: 'This page had expired, so nothing was uploaded. Please choose the image again.',
      });
    const file = (request.body as Record<string, unknown> | undefined)?.file;
    if (!Buffer.isBuffer(file) || file.length === 0)
      return page(request, reply, 400, { error: 'Choose an image to upload.' });
    const video = videoKind(file);
    if (video) {
      const src = storeVideo(mediaRoot, file, video);
      await recordAudit(
        deps.dbh.db,
        { actorUserId: viewer.userId, action: 'media.upload', subject: src },
        deps.clock.now(),
      );
      return reply.redirect('/admin/media?done=1', 303);
    }
    try {
      const stored = await storeImage(mediaRoot, file);
      const now = deps.clock.now();
      await recordAudit(deps.dbh.db, { actorUserId: viewer.userId, action: 'media.upload', subject: stored.src }, now);
    } catch (err) {
      if (err instanceof NotAnImage)
        return page(request, reply, 400, {
          error:
            'That file is not an image or video we can read. Choose a JPEG, PNG, WebP, AVIF or GIF image, or an MP4 or WebM video.',
        });
      throw err;
    }
    return reply.redirect('/admin/media?done=1', 303);
  });
}
