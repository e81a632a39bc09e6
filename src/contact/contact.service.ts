import { recordAudit } from '../audit/index.ts';
import { practiceNoticeAddress } from '../auth/index.ts';
import { findOrCreateClient } from '../clients/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { ContactInput } from './contact.form.ts';
import * as q from './contact.queries.ts';
import { coachNotification, visitorAcknowledgement } from './contact-mails.ts';

/**
 * Stores a contact request and queues both emails in one transaction: the request and its mail
 * exist together or not at all. Without any coach address (no contact email, no owner yet) the
 * request still waits in the back office.
 */
export async function submitContactRequest(
  deps: Pick<Deps, 'dbh' | 'sealer' | 'clock' | 'config'>,
  input: ContactInput,
): Promise<string> {
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    const settings = await readSiteSettings(tx);
    const coach = await practiceNoticeAddress(tx, settings.contactEmail);
    // Writing to the coach makes a client record (or finds the one the address already has).
    const { client } = await findOrCreateClient(
      tx,
      {
        email: input.email,
        name: input.name,
        phone: input.phone || null,
        timeZone: settings.timeZone,
        source: 'contact',
      },
      deps.clock.now(),
    );
    await q.insertContactRequest(tx, {
      id,
      name: input.name,
      email: input.email,
      phone: input.phone || null,
      preferred_contact: input.preferred ?? null,
      message_sealed: deps.sealer.seal(input.message),
      client_id: client.id,
      created_at: deps.clock.now(),
      read_at: null,
    });
    const publicUrl = deps.config.publicUrl;
    if (coach) await enqueueMail(tx, deps, coachNotification({ to: coach, requestId: id, input, settings, publicUrl }));
    await enqueueMail(tx, deps, visitorAcknowledgement({ input, settings, publicUrl }));
  });
  return id;
}

/** A contact request with its message opened, for the coach; marks it read on first view. */
export async function openContactRequest(deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>, id: string) {
  const row = await q.contactRequestById(deps.dbh.db, id);
  if (!row) return undefined;
  if (row.read_at === null) await q.setContactRequestRead(deps.dbh.db, id, deps.clock.now());
  const { message_sealed, ...rest } = row;
  return { ...rest, message: openMessage(deps, message_sealed) };
}

/** A request's message in words, or why it cannot be read. */
function openMessage(deps: Pick<Deps, 'sealer'>, sealed: string): string {
  try {
    return deps.sealer.open(sealed);
  } catch {
    return '(This message cannot be opened: it was sealed with a different encryption key.)';
  }
}

/** Marks a request unread again, so it stands out in the list; recorded in the audit log. */
export async function markContactRequestUnread(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  id: string,
  actorUserId: string,
): Promise<boolean> {
  return deps.dbh.db.transaction().execute(async (tx) => {
    const changed = await q.setContactRequestRead(tx, id, null);
    if (changed) await recordAudit(tx, { actorUserId, action: 'contact.mark_unread', subject: id }, deps.clock.now());
    return changed;
  });
}

/** A client's contact requests with their messages opened, newest first (the client's page). */
export async function contactRequestsForClient(deps: Pick<Deps, 'dbh' | 'sealer'>, clientId: string) {
  const rows = await q.contactRequestsOfClient(deps.dbh.db, clientId);
  return rows.map(({ message_sealed, ...rest }) => ({ ...rest, message: openMessage(deps, message_sealed) }));
}
