import { type Kysely, sql } from 'kysely';

// The clients module's tables (issue 10): the client record, notes, goals and action items,
// check-ins, messages, files, the access log the client can read, deletion requests.
// Frozen once released; portable types only. Every free text written about a client is sealed
// (`*_sealed`, AES-GCM through the Sealer); only what finds the person (email, name, phone) is plain.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Normalised (trimmed, lower-case) by the application; the check is the backstop.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // The sign-in account, once the client has one (the portal's sign-in links it).
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id').onDelete('set null'))
    // Check-in cadence: null = no check-ins asked for; since = the local date the cadence began.
    .addColumn('check_in_every_days', 'integer')
    .addColumn('check_in_since', 'text')
    // The notification budget: reminders on or off, quiet hours in the client's zone, the last digest.
    .addColumn('reminders_on', 'integer', (c) => c.notNull())
    .addColumn('quiet_start_min', 'integer', (c) => c.notNull())
    .addColumn('quiet_end_min', 'integer', (c) => c.notNull())
    .addColumn('last_digest_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('clients_email_lower', sql`email = lower(email)`)
    .execute();
  await db.schema.createIndex('clients_listing').on('clients').columns(['status', 'last_activity_at']).execute();

  await db.schema
    .createTable('client_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    // 'shared' shows in the client's portal; 'private' never leaves the back office.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('client_notes_client').on('client_notes').columns(['client_id', 'kind']).execute();

  await db.schema
    .createTable('client_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('title_sealed', 'text', (c) => c.notNull())
    .addColumn('detail_sealed', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('achieved_at', 'bigint')
    .execute();
  await db.schema.createIndex('client_goals_client').on('client_goals').column('client_id').execute();

  await db.schema
    .createTable('client_action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('client_goals.id').onDelete('cascade'))
    // Carried beside the goal so every query is scoped by client without a join.
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('title_sealed', 'text', (c) => c.notNull())
    // A wall-calendar date in the client's zone ('YYYY-MM-DD'), not an instant.
    .addColumn('due_date', 'text')
    .addColumn('done_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // When a digest last named this item: an item is reminded of once, never nagged about.
    .addColumn('reminded_at', 'bigint')
    .execute();
  await db.schema.createIndex('client_action_items_goal').on('client_action_items').column('goal_id').execute();
  await db.schema
    .createIndex('client_action_items_open')
    .on('client_action_items')
    .columns(['client_id', 'done_at'])
    .execute();

  await db.schema
    .createTable('client_trackers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('label_sealed', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('client_trackers_client').on('client_trackers').column('client_id').execute();

  await db.schema
    .createTable('client_check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    // The client's own calendar date: one check-in a day, a second one that day replaces it.
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('note_sealed', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('client_check_ins_one_a_day', ['client_id', 'local_date'])
    .execute();

  await db.schema
    .createTable('client_check_in_scores')
    .addColumn('check_in_id', 'text', (c) => c.notNull().references('client_check_ins.id').onDelete('cascade'))
    .addColumn('tracker_id', 'text', (c) => c.notNull().references('client_trackers.id').onDelete('cascade'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_check_in_scores_pk', ['check_in_id', 'tracker_id'])
    .addCheckConstraint('client_check_in_scores_range', sql`score between 1 and 10`)
    .execute();
  await db.schema
    .createIndex('client_check_in_scores_tracker')
    .on('client_check_in_scores')
    .column('tracker_id')
    .execute();

  // Metadata only; the bytes live in client_file_blobs so a listing never reads them.
  await db.schema
    .createTable('client_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null: shared by the coach with every client.
    .addColumn('client_id', 'text', (c) => c.references('clients.id').onDelete('cascade'))
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name_sealed', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Where the bytes are: 'db:<id>' (client_file_blobs). Room for another store later.
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('client_files_client').on('client_files').columns(['client_id', 'created_at']).execute();

  await db.schema
    .createTable('client_file_blobs')
    .addColumn('file_id', 'text', (c) => c.primaryKey().references('client_files.id').onDelete('cascade'))
    // The bytes, base64 then sealed: a stolen database file shows no worksheet a client filled in.
    .addColumn('content_sealed', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('client_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('sender_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.references('client_files.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Read by the other side of the conversation.
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('client_messages_conversation')
    .on('client_messages')
    .columns(['client_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('client_messages_unread')
    .on('client_messages')
    .columns(['client_id', 'sender', 'read_at'])
    .execute();

  await db.schema
    .createTable('client_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // The name as it was then: a log says who it was, even after an account changes.
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .execute();
  await db.schema
    .createIndex('client_access_log_client')
    .on('client_access_log')
    .columns(['client_id', 'at'])
    .execute();

  await db.schema
    .createTable('client_deletion_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Set null when the client is deleted: the request stays as the record that it was done.
    .addColumn('client_id', 'text', (c) => c.references('clients.id').onDelete('set null'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('hold_statement', 'text')
    .addColumn('held_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    // What the deletion removed (counts by kind), written when it is done.
    .addColumn('removed_json', 'text')
    .execute();
  // One pending request per client; a request sent twice finds the first.
  await db.schema
    .createIndex('client_deletion_requests_pending')
    .on('client_deletion_requests')
    .column('client_id')
    .unique()
    .where(() => sql<boolean>`status in ('open', 'held')`)
    .execute();

  // The link from what other modules record about a person to the client it belongs to. Nullable:
  // older rows and visitors who never became clients have none; deleting the client clears it.
  for (const table of ['bookings', 'contact_requests']) {
    await db.schema
      .alterTable(table)
      .addColumn('client_id', 'text', (c) => c.references('clients.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex(`${table}_client`).on(table).column('client_id').execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Tandem migrations are forward-only; restore a backup to go back.');
}
