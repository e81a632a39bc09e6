import { recordAudit } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { NotAnImage, storeImage } from '../web/index.ts';
import { storeVideo, videoKind } from './videos.ts';

/** Stores an uploaded video or image (with its sizes) and records it; its address, or undefined when it is neither. */
export async function storeMedia(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  mediaRoot: string,
  file: Buffer,
  actorUserId: string,
): Promise<string | undefined> {
  const video = videoKind(file);
  let src: string;
  if (video) src = storeVideo(mediaRoot, file, video);
  else {
    try {
      src = (await storeImage(mediaRoot, file)).src;
    } catch (err) {
      if (err instanceof NotAnImage) return undefined;
      throw err;
    }
  }
  await recordAudit(deps.dbh.db, { actorUserId, action: 'media.upload', subject: src }, deps.clock.now());
  return src;
}
