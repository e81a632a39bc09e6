import type { Insertable, Selectable } from 'kysely';

// Every `*_sealed` column holds text sealed with the Sealer (AES-256-GCM); only what finds the
// person (email, name, phone) is stored plain. Migration 0006_clients creates these tables.

export type ClientStatus = 'active' | 'archived';
/** Where the record was first made. */
export type ClientSource = 'booking' | 'contact' | 'coach' | 'demo';
/** Who wrote something: the coach (back office) or the client (portal). */
export type Party = 'coach' | 'client';

/** One person the coach works with. Found by email, which is stored trimmed and lower-case. */
export interface ClientsTable {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  time_zone: string;
  status: ClientStatus;
  source: ClientSource;
  /** The sign-in account, once the portal gives the client one. */
  user_id: string | null;
  /** Days between check-ins; null when the coach asks for none. */
  check_in_every_days: number | null;
  /** The local date the cadence began: the first check-in is due on it. */
  check_in_since: string | null;
  /** 1 when the client wants reminder digests (the default), 0 when they turned them off. */
  reminders_on: number;
  /** Quiet hours in the client's zone, minutes since midnight; may wrap past midnight. */
  quiet_start_min: number;
  quiet_end_min: number;
  last_digest_at: number | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  last_activity_at: number;
}

export type NoteKind = 'shared' | 'private';

/** A note by the coach: shared ones show in the portal, private ones never leave the back office. */
export interface ClientNotesTable {
  id: string;
  client_id: string;
  kind: NoteKind;
  body_sealed: string;
  author_user_id: string | null;
  created_at: number;
  updated_at: number;
}

export type GoalStatus = 'active' | 'achieved' | 'dropped';

export interface ClientGoalsTable {
  id: string;
  client_id: string;
  title_sealed: string;
  detail_sealed: string | null;
  status: GoalStatus;
  created_by: Party;
  sort_order: number;
  created_at: number;
  updated_at: number;
  achieved_at: number | null;
}

/** A step towards a goal, done between sessions; the client ticks it off. */
export interface ClientActionItemsTable {
  id: string;
  goal_id: string;
  client_id: string;
  title_sealed: string;
  /** A wall-calendar date in the client's zone ('YYYY-MM-DD'). */
  due_date: string | null;
  done_at: number | null;
  created_by: Party;
  sort_order: number;
  created_at: number;
  updated_at: number;
  reminded_at: number | null;
}

/** Something the client and coach chose to score at each check-in (1–10). */
export interface ClientTrackersTable {
  id: string;
  client_id: string;
  label_sealed: string;
  active: number;
  sort_order: number;
  created_at: number;
}

export interface ClientCheckInsTable {
  id: string;
  client_id: string;
  /** The client's calendar date; one check-in per date. */
  local_date: string;
  at: number;
  note_sealed: string | null;
  created_at: number;
}

export interface ClientCheckInScoresTable {
  check_in_id: string;
  tracker_id: string;
  score: number;
}

export interface ClientMessagesTable {
  id: string;
  client_id: string;
  sender: Party;
  sender_user_id: string | null;
  body_sealed: string;
  file_id: string | null;
  created_at: number;
  /** When the other side read it. */
  read_at: number | null;
}

/** A file's metadata; its bytes are in client_file_blobs. client_id null = shared with every client. */
export interface ClientFilesTable {
  id: string;
  client_id: string | null;
  owner: Party;
  uploaded_by_user_id: string | null;
  name_sealed: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: number;
}

export interface ClientFileBlobsTable {
  file_id: string;
  content_sealed: string;
}

/** What the coach opened about a client: the client reads this log in the portal. */
export type AccessWhat = 'record' | 'notes' | 'messages' | 'check_ins' | 'files' | 'file' | 'export';

export interface ClientAccessLogTable {
  id: string;
  client_id: string;
  at: number;
  actor_user_id: string | null;
  actor_name: string;
  what: AccessWhat;
  subject_id: string | null;
}

export type DeletionStatus = 'open' | 'held' | 'done' | 'withdrawn';

export interface ClientDeletionRequestsTable {
  id: string;
  client_id: string | null;
  requested_by: Party;
  status: DeletionStatus;
  requested_at: number;
  /** By when the practice promised to act. */
  due_at: number;
  /** The coach's statement of what must be kept and why (e.g. invoices, by law). */
  hold_statement: string | null;
  held_at: number | null;
  closed_at: number | null;
  removed_json: string | null;
}

export interface ClientsTables {
  clients: ClientsTable;
  client_notes: ClientNotesTable;
  client_goals: ClientGoalsTable;
  client_action_items: ClientActionItemsTable;
  client_trackers: ClientTrackersTable;
  client_check_ins: ClientCheckInsTable;
  client_check_in_scores: ClientCheckInScoresTable;
  client_messages: ClientMessagesTable;
  client_files: ClientFilesTable;
  client_file_blobs: ClientFileBlobsTable;
  client_access_log: ClientAccessLogTable;
  client_deletion_requests: ClientDeletionRequestsTable;
}

export type Client = Selectable<ClientsTable>;
export type NewClient = Insertable<ClientsTable>;
export type NoteRow = Selectable<ClientNotesTable>;
export type GoalRow = Selectable<ClientGoalsTable>;
export type ActionItemRow = Selectable<ClientActionItemsTable>;
export type TrackerRow = Selectable<ClientTrackersTable>;
export type CheckInRow = Selectable<ClientCheckInsTable>;
export type MessageRow = Selectable<ClientMessagesTable>;
export type FileRow = Selectable<ClientFilesTable>;
export type AccessLogRow = Selectable<ClientAccessLogTable>;
export type DeletionRequestRow = Selectable<ClientDeletionRequestsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends ClientsTables {}
}
