import { z } from 'zod';

/** The coach's room settings (settings document 'room'). */
export const roomSettingsSchema = z.object({
  opensBeforeMin: z.coerce
    .number({ error: 'Enter a number of minutes.' })
    .int('Enter a whole number of minutes.')
    .min(0, 'Enter 0 or more minutes.')
    .max(120, 'The room can open at most 120 minutes before the start.'),
  closesAfterMin: z.coerce
    .number({ error: 'Enter a number of minutes.' })
    .int('Enter a whole number of minutes.')
    .min(5, 'Keep the room open at least 5 minutes after the end.')
    .max(240, 'The room can stay open at most 240 minutes after the end.'),
  /** Let the client straight in, without the waiting room. */
  autoAdmit: z.boolean(),
});
export type RoomSettings = z.infer<typeof roomSettingsSchema>;
export const defaultRoomSettings: RoomSettings = { opensBeforeMin: 10, closesAfterMin: 30, autoAdmit: false };

export interface RoomWindow {
  opensAt: number;
  closesAt: number;
}

/** When one booking's room is open. Pure. */
export function roomWindow(b: { start_at: number; end_at: number }, s: RoomSettings): RoomWindow {
  return { opensAt: b.start_at - s.opensBeforeMin * 60_000, closesAt: b.end_at + s.closesAfterMin * 60_000 };
}

export type RoomState = 'not_yet' | 'open' | 'over' | 'cancelled' | 'pending';

/** Whether the room of a booking in this status is open now. Pure. */
export function roomState(status: string, w: RoomWindow, now: number): RoomState {
  if (status === 'cancelled' || status === 'declined') return 'cancelled';
  if (status === 'pending') return 'pending';
  if (now < w.opensAt) return 'not_yet';
  if (now >= w.closesAt) return 'over';
  return 'open';
}
