import type { Selectable } from 'kysely';

/** A message sent through the contact form. The message text is sealed at rest. */
export interface ContactRequestsTable {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  preferred_contact: 'email' | 'phone' | null;
  message_sealed: string;
  /** The client record (clients') this request made or found; null once that client is deleted. */
  client_id: string | null;
  created_at: number;
  read_at: number | null;
}

export interface ContactTables {
  contact_requests: ContactRequestsTable;
}

export type ContactRequest = Selectable<ContactRequestsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends ContactTables {}
}
