import type { FastifyInstance } from 'fastify';
import type { AuditLabels } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import type { WebContributions } from '../web/index.ts';
import { roomAdminRoutes } from './room.admin.routes.tsx';
import { roomRoutes } from './room.routes.tsx';

// The video module's public face: the session room. Other modules import only from here.
export { type OpenRoom, openRooms, readRoomSettings } from './room.service.ts';
export { type RoomSettings, roomState, roomWindow } from './room-window.ts';

/** video's audit actions in plain words. */
export const videoAuditLabels: AuditLabels = {
  'video.settings_update': 'Changed the session room settings',
};

/** The room's stylesheet, installed by app.ts. */
export const videoWeb: WebContributions = {
  stylesheets: [new URL('./video.css', import.meta.url)],
};

/** The room (/room/:bookingId…) and its settings in the back office (/admin/room). */
export async function videoRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  await app.register(roomRoutes, opts);
  await app.register(roomAdminRoutes, opts);
}
