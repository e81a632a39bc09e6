import type { Selectable } from 'kysely';

/** One booking's room, once someone has entered it. Nothing about the call's content. */
export interface RoomsTable {
  booking_id: string;
  /** When the coach admitted the client; an admission holds for the whole window. */
  admitted_at: number | null;
  /** Last sign of the client's open socket (waiting or in the call), every 20 s while open; null once it closes. */
  client_seen_at: number | null;
  coach_seen_at: number | null;
  /** The phone fallback: when the client asked to be called, and the number (sealed). */
  phone_requested_at: number | null;
  phone_sealed: string | null;
  updated_at: number;
}

export interface VideoTables {
  rooms: RoomsTable;
}

export type RoomRow = Selectable<RoomsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends VideoTables {}
}
